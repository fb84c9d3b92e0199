import Link from "next/link";
import { Badge } from "@/components/badge";
import { RawAnswer } from "@/components/eval/raw-answer";
import { EmptyState } from "@/components/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { inputsPreview, outputsPreview, usd, verdictLabel, verdictTone } from "@/lib/eval/console-input";
import type { RunItemResult } from "@/lib/eval/view-schemas";

export function ResultsTable({ results, judges }: { results: RunItemResult[]; judges: string[] }) {
  if (!results.length) return <EmptyState title="No items">This run has no items on this page.</EmptyState>;
  return (
    <Table>
      <THead>
        <TH className="w-10">#</TH>
        <TH>Inputs</TH>
        <TH>Outputs</TH>
        {judges.map((j) => (
          <TH key={j} className="font-mono normal-case">
            {j}
          </TH>
        ))}
        <TH>Trace · cost</TH>
      </THead>
      <TBody>
        {results.map((item) => {
          // Dataset items link the trace they were copied from.
          const traceLink = item.traceId ?? item.sourceTraceId;
          return (
            <TR key={item.id}>
              <TD className="align-top tabular-nums text-tremor-content">{item.position + 1}</TD>
              <TD className="max-w-56 align-top">
                <p className="line-clamp-3" title={inputsPreview(item.inputs, 1000)}>
                  {inputsPreview(item.inputs, 300)}
                </p>
              </TD>
              <TD className="max-w-64 align-top">
                <p className="line-clamp-3" title={outputsPreview(item.outputs, 1000)}>
                  {outputsPreview(item.outputs, 300)}
                </p>
              </TD>
              {judges.map((j) => {
                const score = item.scores[j];
                return (
                  <TD key={j} className="max-w-64 align-top" data-testid={`verdict-${j}`}>
                    {score ? (
                      <>
                        <Badge tone={verdictTone(score)}>{verdictLabel(score)}</Badge>
                        {score.rationale || score.error ? (
                          <p className="mt-1 line-clamp-3 text-tremor-label text-tremor-content" title={score.rationale ?? score.error ?? ""}>
                            {score.rationale ?? score.error}
                          </p>
                        ) : null}
                        <RawAnswer text={score.rawText} />
                      </>
                    ) : (
                      <span className="text-tremor-label text-tremor-content">{item.status === "pending" || item.status === "running" || item.status === "skipped" ? item.status : "—"}</span>
                    )}
                  </TD>
                );
              })}
              <TD className="whitespace-nowrap align-top text-tremor-label">
                {traceLink ? (
                  <Link
                    href={`/traces/${traceLink}`}
                    className="font-mono text-tremor-brand hover:underline"
                    title={item.traceId ? undefined : "The trace this dataset item was copied from"}
                  >
                    {traceLink.slice(0, 10)}…
                  </Link>
                ) : (
                  "—"
                )}
                {!item.traceId && item.sourceTraceId ? <p className="text-tremor-content">source trace</p> : null}
                {item.costUsd ? <p className="text-tremor-content">{usd(item.costUsd)}</p> : null}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
