// A judge's unparseable answer (a malformed verdict), collapsed under the error it caused.

export function RawAnswer({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <details className="mt-1" data-testid="raw-answer">
      <summary className="cursor-pointer select-none text-tremor-label text-tremor-brand hover:underline">raw answer</summary>
      <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-tremor-small bg-tremor-background-subtle p-2 font-mono text-[11px] leading-snug text-tremor-content-strong">
        {text}
      </pre>
    </details>
  );
}
