// A judge's or scorer's description with its `code` spans (parameter names, expectations fields)
// as <code>. Only backticks are read, and every part is rendered as text: no other markdown, no HTML.

import { Fragment } from "react";
import { codeSpans } from "@/lib/eval/console-input";

export function CodeText({ text }: { text: string }) {
  return (
    <>
      {codeSpans(text).map((part, i) =>
        part.code ? (
          <code key={i} className="rounded bg-tremor-background-subtle px-0.5 py-px font-mono text-[0.92em] text-tremor-content-emphasis">
            {part.text}
          </code>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
