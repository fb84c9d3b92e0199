import Link from "next/link";
import type { Metadata } from "next";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { compareChoiceOf, comparisonNote, sourceText } from "@/lib/eval/compare-choice";
import { aggregateSummary, inputsPreview, verdictLabel, verdictTone } from "@/lib/eval/console-input";
import { compareRuns, listRuns } from "@/lib/eval/run-service";
import type { JudgeAggregate } from "@/lib/eval/view-schemas";
import { CompareForm } from "../compare-form";

export const metadata: Metadata = { title: "Compare runs" };

/** A judge's aggregate with how many items it covers: "100% pass of 2 judged · 6 errors". */
function summary(a: JudgeAggregate | null): string {
  if (!a) return "—";
  const s = aggregateSummary(a);
  if (a.outputType !== "categorical" || a.scored === 0) return s.text;
  return [a.distribution.map((d) => `${d.label} ${d.count}`).join(", "), s.errors].filter(Boolean).join(" · ");
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  const { a, b } = await searchParams;
  const actor = actorOf(await requireAdmin());
  const runs = (await listRuns(actor, { limit: 100 })).data.map((r) => compareChoiceOf(r, formatDateTime(r.createdAt)));
  const picker = <CompareForm runs={runs} a={a} b={b} />;
  if (!a || !b) {
    return (
      <>
        <PageHeader title="Compare runs" back={{ href: "/evaluations", label: "Runs" }} />
        {picker}
      </>
    );
  }
  const cmp = await orNotFound(compareRuns(actor, a, b));
  const changedJudges = cmp.judges.map((j) => j.judgeName);
  const note = comparisonNote(cmp);
  return (
    <>
      <PageHeader
        title="Compare runs"
        description={
          <>
            <Link className="text-tremor-brand hover:underline" href={`/evaluations/${cmp.a.id}`}>
              {cmp.a.name}
            </Link>{" "}
            (A, {sourceText(cmp.a.source)}) vs{" "}
            <Link className="text-tremor-brand hover:underline" href={`/evaluations/${cmp.b.id}`}>
              {cmp.b.name}
            </Link>{" "}
            (B, {sourceText(cmp.b.source)}): {cmp.matched} items in both, {cmp.onlyInA} only in A, {cmp.onlyInB} only in B.
          </>
        }
        back={{ href: "/evaluations", label: "Runs" }}
      />
      <div className="space-y-6">
        {note?.kind === "none" ? (
          <Alert tone="warning">
            <span data-testid="compare-note">{note.text}</span>
          </Alert>
        ) : null}
        <Card>
          <CardHeader title="Per judge" />
          <Table>
            <THead>
              <TH>Judge</TH>
              <TH>A</TH>
              <TH>B</TH>
              <TH className="text-right">Changed verdicts</TH>
            </THead>
            <TBody>
              {cmp.judges.map((j) => (
                <TR key={j.judgeName}>
                  <TD className="font-mono font-medium">{j.judgeName}</TD>
                  <TD>{summary(j.a)}</TD>
                  <TD>{summary(j.b)}</TD>
                  <TD className="text-right tabular-nums" data-testid={`changed-${j.judgeName}`}>
                    {cmp.matched === 0 || !j.a || !j.b ? <span className="text-tremor-content">—</span> : j.changed}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
        {note?.kind === "none" ? null : (
          <Card>
            <CardHeader title={`Items that changed verdict (${cmp.changes.length})`} />
            {note ? (
              <EmptyState title={note.title}>
                <span data-testid="compare-note">{note.text}</span>
              </EmptyState>
            ) : (
              <Table>
                <THead>
                  <TH>Item</TH>
                  {changedJudges.map((j) => (
                    <TH key={j} className="font-mono normal-case">
                      {j}: A → B
                    </TH>
                  ))}
                </THead>
                <TBody>
                  {cmp.changes.map((c) => (
                    <TR key={c.itemA}>
                      <TD className="max-w-md text-tremor-label">
                        <p className="line-clamp-2 text-tremor-default text-tremor-content-strong">{inputsPreview(c.inputs, 200)}</p>
                        {c.traceId ? (
                          <Link href={`/traces/${c.traceId}`} className="font-mono text-tremor-brand hover:underline">
                            trace {c.traceId.slice(0, 10)}…
                          </Link>
                        ) : (
                          <span className="font-mono">item {(c.datasetItemId ?? c.itemA).slice(0, 10)}…</span>
                        )}
                      </TD>
                      {changedJudges.map((j) => {
                        const v = c.judges[j];
                        return (
                          <TD key={j} data-testid="verdict-change">
                            {v ? (
                              <span className="inline-flex items-center gap-1.5">
                                <Badge tone={verdictTone(v.a)}>{verdictLabel(v.a)}</Badge>→<Badge tone={verdictTone(v.b)}>{verdictLabel(v.b)}</Badge>
                              </span>
                            ) : (
                              <span className="text-tremor-content">same</span>
                            )}
                          </TD>
                        );
                      })}
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </Card>
        )}
        {picker}
      </div>
    </>
  );
}
