import Link from "next/link";
import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { ButtonLink } from "@/components/button";
import { Card, CardBody, CardHeader } from "@/components/card";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { aggregateSummary, usd } from "@/lib/eval/console-input";
import { getRun, getRunResults } from "@/lib/eval/run-service";
import type { JudgeAggregate } from "@/lib/eval/view-schemas";
import { cancelRunAction, deleteRunAction } from "../actions";
import { DistributionChart } from "../distribution-chart";
import { RunProgress } from "../run-progress";
import { RunStatusBadge } from "../run-status";
import { ResultsTable } from "./results-table";

export const metadata: Metadata = { title: "Evaluation run" };

/** Why a judge's card has no distribution yet. */
function emptyAggregate(a: JudgeAggregate, status: string): string {
  if (status === "queued" || status === "running") return "No verdicts yet.";
  if (status === "cancelled") return "The run was cancelled before this judge gave a verdict.";
  if (a.errors > 0) return "Every call to this judge failed; the errors are in the results below.";
  return "No verdicts.";
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-tremor-label uppercase tracking-wide text-tremor-content">{label}</dt>
      <dd className="mt-0.5 text-tremor-content-strong">{children}</dd>
    </div>
  );
}

export default async function RunPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { id } = await params;
  const { cursor } = await searchParams;
  const actor = actorOf(await requireAdmin());
  const run = await orNotFound(getRun(actor, id));
  const results = await getRunResults(actor, run.id, { limit: 100, cursor: cursor ?? undefined });
  const live = run.status === "queued" || run.status === "running";
  return (
    <>
      <PageHeader
        title={run.name}
        back={{ href: "/evaluations", label: "Runs" }}
        actions={
          <>
            <ButtonLink variant="secondary" href={`/evaluations/compare?b=${run.id}`}>
              Compare…
            </ButtonLink>
            {live ? (
              <ActionButton action={cancelRunAction.bind(null, run.id)} confirm="Cancel this run? Items not judged yet are skipped." pendingLabel="Cancelling…">
                Cancel run
              </ActionButton>
            ) : (
              <ActionButton action={deleteRunAction.bind(null, run.id)} confirm={`Delete run '${run.name}' and its scores?`} pendingLabel="Deleting…">
                Delete run
              </ActionButton>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardBody className="space-y-5">
            <div className="flex items-center gap-3">
              <RunStatusBadge status={run.status} />
              {run.error ? <span className="text-tremor-default text-red-700">{run.error}</span> : null}
            </div>
            <RunProgress status={run.status} done={run.done} total={run.total} errors={run.errors} />
            <dl className="grid gap-4 sm:grid-cols-5">
              <Fact label="Source">
                {run.source.type === "dataset" ? (
                  <Link href={`/datasets/${run.source.datasetId}`} className="text-tremor-brand hover:underline">
                    {run.source.datasetName ?? "deleted dataset"}
                  </Link>
                ) : (
                  <span className="text-tremor-label">
                    traces {Object.entries(run.source.filter).map(([k, v]) => `${k}=${v}`).join(" ")}
                    {run.source.sampleSize ? ` · sample ${run.source.sampleSize}` : ""}
                  </span>
                )}
              </Fact>
              <Fact label="Judges">{run.judges.map((j) => `${j.name} v${j.version}`).join(", ")}</Fact>
              <Fact label="Judge cost">
                <span data-testid="run-cost">{usd(run.judgeCostUsd)}</span>
              </Fact>
              <Fact label="Started">{formatDateTime(run.startedAt)}</Fact>
              <Fact label="Finished">{formatDateTime(run.finishedAt)}</Fact>
            </dl>
          </CardBody>
        </Card>

        <div className="grid gap-4 md:grid-cols-2">
          {run.aggregates.map((a) => {
            const summary = aggregateSummary(a);
            return (
              <Card key={a.judgeName} className={a.errors > 0 && a.errors >= a.scored ? "border-amber-300" : ""}>
                <div data-testid={`aggregate-${a.judgeName}`} className="px-5 py-4">
                  <div className="flex items-baseline justify-between gap-3">
                    <h2 className="font-mono font-semibold text-tremor-content-strong">{a.judgeName}</h2>
                    <span className="text-tremor-label text-tremor-content">{usd(a.costUsd)}</span>
                  </div>
                  <p className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1" data-testid="aggregate-summary">
                    <span className={`text-2xl font-semibold tabular-nums ${a.scored === 0 ? "text-tremor-content" : "text-tremor-content-strong"}`}>{summary.headline}</span>
                    {summary.coverage ? <span className="text-tremor-default tabular-nums text-tremor-content"> {summary.coverage}</span> : null}
                    {summary.errors ? <span className="sr-only"> · </span> : null}
                    {summary.errors ? (
                      <span className="self-center rounded-tremor-small bg-amber-100 px-2 py-0.5 text-tremor-default font-semibold tabular-nums text-amber-800 ring-1 ring-inset ring-amber-300">
                        {summary.errors}
                      </span>
                    ) : null}
                  </p>
                  {a.distribution.length ? (
                    <DistributionChart data={a.distribution} errors={a.errors} outputType={a.outputType} />
                  ) : (
                    <p className="py-8 text-center text-tremor-content">{emptyAggregate(a, run.status)}</p>
                  )}
                </div>
              </Card>
            );
          })}
        </div>

        <Card>
          <CardHeader title="Results" description="Each item with every judge's verdict and rationale." />
          <ResultsTable results={results.data} judges={run.judges.map((j) => j.name)} />
          {results.nextCursor !== null ? (
            <div className="border-t border-tremor-border px-5 py-3">
              <ButtonLink variant="secondary" size="sm" href={`/evaluations/${run.id}?cursor=${results.nextCursor}`}>
                Next items →
              </ButtonLink>
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
