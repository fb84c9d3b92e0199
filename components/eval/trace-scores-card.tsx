// The trace detail's "Evaluation" card: every score the trace got (runs and online rules, and
// dataset runs over items copied from it), newest first, with the verdict, the rationale and where
// it came from.

import Link from "next/link";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { RawAnswer } from "@/components/eval/raw-answer";
import { formatDateTime } from "@/components/format";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { usd, verdictLabel, verdictTone } from "@/lib/eval/console-input";
import type { TraceScore } from "@/lib/tracing/queries";

export function TraceScoresCard({ scores, isAdmin }: { scores: TraceScore[] | undefined; isAdmin: boolean }) {
  if (!scores?.length) return null;
  return (
    <Card>
      <CardHeader title="Evaluation" description="Verdicts of judges on this trace, from evaluation runs (also over dataset items copied from it) and online rules." />
      <Table>
        <THead>
          <TH>Judge</TH>
          <TH>Verdict</TH>
          <TH>Rationale</TH>
          <TH>From</TH>
          <TH className="text-right">Cost</TH>
          <TH>When (UTC)</TH>
        </THead>
        <TBody>
          {scores.map((s) => (
            <TR key={s.id}>
              <TD className="whitespace-nowrap font-mono">
                {s.judgeName} <span className="text-tremor-label text-tremor-content">v{s.judgeVersion}</span>
              </TD>
              <TD>
                <Badge tone={verdictTone(s)}>{verdictLabel(s)}</Badge>
              </TD>
              <TD className="max-w-md text-tremor-label">
                {s.rationale ?? s.error ?? "—"}
                <RawAnswer text={s.rawText} />
              </TD>
              <TD className="whitespace-nowrap text-tremor-label">
                {s.runId ? (
                  isAdmin ? (
                    <Link className="text-tremor-brand hover:underline" href={`/evaluations/${s.runId}`}>
                      run {s.runName ?? s.runId}
                    </Link>
                  ) : (
                    `run ${s.runName ?? ""}`
                  )
                ) : s.ruleId ? (
                  `rule ${s.ruleName ?? s.ruleId}`
                ) : (
                  "—"
                )}
                {s.datasetName !== null ? <span className="ml-1 text-tremor-content">via dataset {s.datasetName}</span> : null}
                {s.judgeTraceId && isAdmin ? (
                  <Link className="ml-2 text-tremor-brand hover:underline" href={`/traces/${s.judgeTraceId}`}>
                    judge call
                  </Link>
                ) : null}
              </TD>
              <TD className="text-right tabular-nums">{usd(s.costUsd)}</TD>
              <TD className="whitespace-nowrap text-tremor-label">{formatDateTime(s.createdAt).replace(" UTC", "")}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
