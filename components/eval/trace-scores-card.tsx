// The trace detail's "Evaluation" card: one row per judge with the verdict that counts (its latest on
// the trace itself, else a dataset run's over an item copied from it: lib/tracing/scores.ts), the
// rationale and where it came from; the judge's other verdicts fold out under its row, so no judge
// is listed twice.

import Link from "next/link";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { RawAnswer } from "@/components/eval/raw-answer";
import { formatDateTime } from "@/components/format";
import { Table, TBody, TD, TH, THead } from "@/components/table";
import { usd, verdictLabel, verdictTone } from "@/lib/eval/console-input";
import { verdictsByJudge, type TraceScore } from "@/lib/tracing/scores";

/** The header says the times are UTC. */
const when = (s: TraceScore) => formatDateTime(s.createdAt).replace(" UTC", "");

/** Where a score came from: its run (linked for admins) or rule, the dataset it went through, and
 * the judge call's own trace. */
function ScoreSource({ s, isAdmin }: { s: TraceScore; isAdmin: boolean }) {
  return (
    <>
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
      {/* Real spaces between the parts, so the text reads (and is read out) as words. */}
      {s.datasetName !== null ? <span className="text-tremor-content"> via dataset {s.datasetName}</span> : null}
      {s.judgeTraceId && isAdmin ? " " : null}
      {s.judgeTraceId && isAdmin ? (
        <Link className="text-tremor-brand hover:underline" href={`/traces/${s.judgeTraceId}`}>
          judge call
        </Link>
      ) : null}
    </>
  );
}

function OtherVerdicts({ scores, newer, latestVersion, isAdmin }: { scores: TraceScore[]; newer: boolean; latestVersion: number; isAdmin: boolean }) {
  return (
    <details data-testid="earlier-verdicts">
      <summary className="cursor-pointer select-none text-tremor-label text-tremor-brand hover:underline">
        {scores.length} {newer ? "other" : "earlier"} verdict{scores.length === 1 ? "" : "s"}
      </summary>
      <ul className="mt-1.5 space-y-1.5 border-l-2 border-tremor-border pl-3">
        {scores.map((s) => (
          <li key={s.id} className="text-tremor-label text-tremor-content-emphasis" data-testid="earlier-verdict">
            <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
              <Badge tone={verdictTone(s)}>{verdictLabel(s)}</Badge>
              {s.judgeVersion !== latestVersion ? <span className="text-tremor-content">v{s.judgeVersion}</span> : null}
              <span>
                <ScoreSource s={s} isAdmin={isAdmin} />
              </span>
              <span className="tabular-nums text-tremor-content">{usd(s.costUsd)}</span>
              <span className="text-tremor-content">{when(s)} UTC</span>
            </span>
            {s.rationale ?? s.error ? <span className="mt-0.5 block text-tremor-content">{s.rationale ?? s.error}</span> : null}
            <RawAnswer text={s.rawText} />
          </li>
        ))}
      </ul>
    </details>
  );
}

export function TraceScoresCard({ scores, isAdmin }: { scores: TraceScore[] | undefined; isAdmin: boolean }) {
  if (!scores?.length) return null;
  const judges = verdictsByJudge(scores);
  return (
    <Card>
      <CardHeader
        title="Evaluation"
        description="One row per judge: its latest verdict on this trace from runs and online rules, as the trace list shows it (a dataset run's over a copy of the trace when it has none of its own). Its other verdicts fold out under it."
      />
      {/* Dense, and only the judge's name kept on one line: fits a 1280px window. */}
      <Table className="[&_td]:px-3 [&_th]:px-3 [&_td:first-child]:pl-5 [&_th:first-child]:pl-5 [&_td:last-child]:pr-5 [&_th:last-child]:pr-5">
        <THead>
          <TH>Judge</TH>
          <TH>Verdict</TH>
          <TH>Rationale</TH>
          <TH>From</TH>
          <TH className="text-right">Cost</TH>
          <TH>When (UTC)</TH>
        </THead>
        <TBody>
          {judges.map(({ judgeName, latest: s, others, newerOthers }) => (
            <tr key={judgeName} className="align-top hover:bg-tremor-background-muted/60" data-testid="judge-verdict" data-judge={judgeName}>
              <TD className="whitespace-nowrap font-mono" data-testid="judge-name">
                {judgeName} <span className="text-tremor-label text-tremor-content">v{s.judgeVersion}</span>
              </TD>
              <TD>
                <span data-testid="latest-verdict">
                  <Badge tone={verdictTone(s)}>{verdictLabel(s)}</Badge>
                </span>
              </TD>
              <TD className="min-w-[12rem] max-w-md text-tremor-label">
                {s.rationale ?? s.error ?? "—"}
                <RawAnswer text={s.rawText} />
                {others.length ? (
                  <div className="mt-2">
                    <OtherVerdicts scores={others} newer={newerOthers} latestVersion={s.judgeVersion} isAdmin={isAdmin} />
                  </div>
                ) : null}
              </TD>
              <TD className="min-w-[9rem] text-tremor-label" data-testid="latest-source">
                <ScoreSource s={s} isAdmin={isAdmin} />
              </TD>
              <TD className="text-right tabular-nums">{usd(s.costUsd)}</TD>
              <TD className="min-w-[6.5rem] text-tremor-label">{when(s)}</TD>
            </tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
