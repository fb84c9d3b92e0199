// A captured request or response as a chat transcript (lib/tracing/transcript.ts), with the raw
// JSON behind a toggle. Everything is rendered as text: React escapes it, nothing is parsed as HTML.

import type { ReactNode } from "react";
import { prettyPayload, requestTranscript, responseTranscript, type TranscriptMessage, type TranscriptPart } from "@/lib/tracing/transcript";

const ROLE_STYLE: Record<string, string> = {
  system: "border-gray-200 bg-gray-50",
  user: "border-indigo-200 bg-indigo-50/60",
  assistant: "border-emerald-200 bg-emerald-50/60",
  model: "border-emerald-200 bg-emerald-50/60",
  tool: "border-amber-200 bg-amber-50/60",
};

function Pre({ children }: { children: ReactNode }) {
  return <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-tremor-small bg-white/80 p-2 font-mono text-[12px] leading-relaxed text-tremor-content-strong ring-1 ring-inset ring-tremor-border">{children}</pre>;
}

function Part({ part }: { part: TranscriptPart }) {
  switch (part.kind) {
    case "text":
      return <p className="whitespace-pre-wrap break-words text-tremor-content-strong">{part.text}</p>;
    case "tool_call":
      return (
        <div data-part="tool-call">
          <p className="text-tremor-label font-medium text-amber-800">
            Tool call <code className="font-semibold">{part.name}</code>
            {part.id ? <span className="ml-1 font-normal text-tremor-content">({part.id})</span> : null}
          </p>
          <Pre>{prettyPayload(part.arguments)}</Pre>
        </div>
      );
    case "tool_result":
      return (
        <div data-part="tool-result">
          <p className={`text-tremor-label font-medium ${part.isError ? "text-red-700" : "text-amber-800"}`}>
            Tool result{part.name ? <code className="ml-1 font-semibold">{part.name}</code> : null}
            {part.id ? <span className="ml-1 font-normal text-tremor-content">({part.id})</span> : null}
            {part.isError ? " — error" : null}
          </p>
          <Pre>{prettyPayload(part.content)}</Pre>
        </div>
      );
    case "media":
      return <p className="text-tremor-label italic text-tremor-content">[{part.label}]</p>;
    case "other":
      return (
        <div>
          <p className="text-tremor-label font-medium text-tremor-content">{part.label}</p>
          <Pre>{part.json}</Pre>
        </div>
      );
  }
}

function Message({ message }: { message: TranscriptMessage }) {
  return (
    <li className={`rounded-tremor-default border px-3.5 py-2.5 ${ROLE_STYLE[message.role] ?? "border-tremor-border bg-white"}`} data-role={message.role}>
      <p className="mb-1 text-tremor-label font-semibold uppercase tracking-wide text-tremor-content">{message.role}</p>
      <div className="space-y-2">
        {message.parts.length ? message.parts.map((p, i) => <Part key={i} part={p} />) : <p className="italic text-tremor-content">(empty)</p>}
      </div>
    </li>
  );
}

/** Size of a payload cut at the cap, i.e. the cap it was cut at (within a character's bytes). */
function cutSize(payload: string): string {
  const bytes = new TextEncoder().encode(payload).length;
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`;
}

/** `truncated`: this payload (not just the other one) was cut at the payload size cap. */
export function PayloadView({ kind, payload, truncated }: { kind: "request" | "response"; payload: string | null; truncated: boolean }) {
  if (payload === null) {
    return <p className="italic text-tremor-content">Payload not captured (payload capture is off for this endpoint, or there was no {kind} body).</p>;
  }
  const transcript = kind === "request" ? requestTranscript(payload) : responseTranscript(payload);
  return (
    <div className="space-y-3" data-payload={kind}>
      {truncated ? (
        <p className="text-tremor-label text-amber-800" data-truncated={kind}>
          Truncated at {cutSize(payload)} (the payload size cap): the end of the captured {kind} JSON is missing.
        </p>
      ) : null}
      {transcript ? (
        <ol className="space-y-2">
          {transcript.messages.map((m, i) => (
            <Message key={i} message={m} />
          ))}
        </ol>
      ) : (
        <p className="text-tremor-label text-tremor-content">Not a chat payload this page can lay out; the raw JSON is below.</p>
      )}
      <details open={!transcript} className="group">
        <summary className="cursor-pointer select-none text-tremor-label font-medium text-tremor-brand hover:underline">
          <span className="group-open:hidden">Show raw JSON</span>
          <span className="hidden group-open:inline">Hide raw JSON</span>
        </summary>
        <pre className="mt-2 max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded-tremor-default bg-gray-950 p-3 font-mono text-[12px] leading-relaxed text-gray-100" data-raw-json={kind}>
          {prettyPayload(payload)}
        </pre>
      </details>
    </div>
  );
}
