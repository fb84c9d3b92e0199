import Link from "next/link";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { compareChoiceOf, sourceText } from "@/lib/eval/compare-choice";
import { usd } from "@/lib/eval/console-input";
import { listRuns } from "@/lib/eval/run-service";
import { CompareForm } from "./compare-form";
import { RunBar } from "./run-bar";
import { RunStatusBadge } from "./run-status";

export const metadata: Metadata = { title: "Evaluation runs" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { cursor } = await searchParams;
  const actor = actorOf(await requireAdmin());
  const runs = await listRuns(actor, { limit: 50, cursor });
  return (
    <>
      <PageHeader
        title="Runs"
        description="Evaluation runs judge a dataset or a sample of traces with LLM judges and code scorers."
        actions={<ButtonLink href="/evaluations/new">New run</ButtonLink>}
      />
      <div className="space-y-6">
        <Card>
          {runs.data.length === 0 ? (
            <EmptyState title="No runs yet" action={<ButtonLink href="/evaluations/new">Start a run</ButtonLink>}>
              Pick a dataset or recent traces and the judges to score them with.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <TH>Run</TH>
                <TH>Status</TH>
                <TH className="w-48">Progress</TH>
                <TH>Judges</TH>
                <TH>Source</TH>
                <TH className="whitespace-nowrap text-right">Judge cost</TH>
                <TH>Created</TH>
              </THead>
              <TBody>
                {runs.data.map((r) => (
                  <TR key={r.id}>
                    <TD className="font-medium">
                      <Link href={`/evaluations/${r.id}`} className="text-tremor-brand hover:underline">
                        {r.name}
                      </Link>
                    </TD>
                    <TD>
                      <RunStatusBadge status={r.status} />
                    </TD>
                    <TD>
                      <div className="flex items-center gap-2">
                        <RunBar className="h-1.5 w-16 shrink-0" status={r.status} done={r.done} total={r.total} errors={r.errors} aria-hidden />
                        <span className="whitespace-nowrap text-tremor-label tabular-nums">
                          {r.done}/{r.total}
                          {r.errors ? <span className="text-amber-700"> · {r.errors} err</span> : null}
                        </span>
                      </div>
                    </TD>
                    <TD className="text-tremor-label">{r.judges.map((j) => j.name).join(", ")}</TD>
                    <TD className="text-tremor-label">
                      <span className="block max-w-48 truncate" title={sourceText(r.source)}>
                        {sourceText(r.source)}
                      </span>
                    </TD>
                    <TD className="text-right tabular-nums">{usd(r.judgeCostUsd)}</TD>
                    <TD className="whitespace-nowrap text-tremor-label">{formatDateTime(r.createdAt)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
          {runs.nextCursor ? (
            <div className="border-t border-tremor-border px-5 py-3">
              <ButtonLink variant="secondary" size="sm" href={`/evaluations?cursor=${runs.nextCursor}`}>
                Older runs →
              </ButtonLink>
            </div>
          ) : null}
        </Card>
        {runs.data.length >= 2 ? <CompareForm runs={runs.data.map((r) => compareChoiceOf(r, formatDateTime(r.createdAt)))} /> : null}
      </div>
    </>
  );
}
