// Evaluation runs: create (over traces picked with the trace explorer's filters, optionally a random
// sample, or over a dataset), list, progress with per-judge aggregates, cancel, delete. Results and
// comparisons are in ./run-results.ts (re-exported here). The background runner (./runner.ts)
// executes the items. Admins only: runs hold copies of trace payloads from every team.

import { conflict, invalidField, notFound } from "../api/errors";
import { actorUserId, type Actor } from "../auth/actor";
import { requireAdmin } from "../auth/authorize";
import { getDb, type Db } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";
import { listTraces } from "../tracing/queries";
import { aggregateScores, type ScoreFacts } from "./aggregates";
import { resolveJudges } from "./judges/resolve";
import { abortEvalRun, ensureEvaluation, wakeEvalRunner } from "./runtime";
import { runJudges, runView, type RunRow } from "./run-views";
import { MAX_RUN_ITEMS, createRunSchema, listRunsQuerySchema, type CreateRunInput, type ItemStatus } from "./schemas";
import type { JudgeAggregate, RunDetail, RunPage, RunView } from "./view-schemas";

export { compareRuns, getRunResults } from "./run-results";
export type { JudgeAggregate, RunComparison, RunDetail, RunItemResult, RunPage, RunResultsPage, RunView } from "./view-schemas";

export type ListRunsInput = {
  status?: RunView["status"];
  limit?: number | string;
  cursor?: string;
};
export type RunResultsInput = {
  status?: ItemStatus;
  judge?: string;
  label?: string;
  limit?: number | string;
  cursor?: number | string;
};

/** How many matching traces a sampled run draws its sample from (the newest ones). */
export const MAX_SAMPLE_CANDIDATES = 50_000;
const TRACE_PAGE = 500;

export async function findRun(db: Db, id: string): Promise<RunRow> {
  const row = await db.evaluationRun.findUnique({ where: { id } });
  if (!row) throw notFound(`Evaluation run '${id}' not found.`);
  return row;
}

async function datasetNames(db: Db, rows: RunRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.datasetId ? [r.datasetId] : [])))];
  if (!ids.length) return new Map();
  const found = await db.dataset.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(found.map((d) => [d.id, d.name]));
}

async function viewsOf(db: Db, rows: RunRow[]): Promise<RunView[]> {
  const names = await datasetNames(db, rows);
  return rows.map((r) => runView(r, r.datasetId ? (names.get(r.datasetId) ?? null) : null));
}

/** Trace ids matching the explorer filter (judge traffic left out unless the filter names a
 * caller), newest first; a random sample of `sampleSize` of them when given. */
async function pickTraceIds(actor: Actor, filter: Record<string, string>, sampleSize: number | undefined): Promise<string[]> {
  const cap = sampleSize ? MAX_SAMPLE_CANDIDATES : MAX_RUN_ITEMS + 1;
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listTraces(actor, { ...filter, limit: TRACE_PAGE, ...(cursor ? { cursor } : {}) });
    for (const t of page.data) ids.push(t.id);
    if (!page.nextCursor || ids.length >= cap) break;
    cursor = page.nextCursor;
  }
  if (!sampleSize) {
    if (ids.length > MAX_RUN_ITEMS) {
      throw invalidField("source.filter", `More than ${MAX_RUN_ITEMS} traces match; narrow the filter or set source.sampleSize.`, "too_many_items");
    }
    return ids;
  }
  if (ids.length <= sampleSize) return ids;
  // Partial Fisher-Yates: the first sampleSize positions become a uniform random sample.
  const pool = [...ids];
  for (let i = 0; i < sampleSize; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const chosen = new Set(pool.slice(0, sampleSize));
  return ids.filter((id) => chosen.has(id));
}

function defaultName(source: string, now: Date): string {
  return `${source} ${now.toISOString().slice(0, 16).replace("T", " ")}`;
}

/** Validates, resolves the judges (stored on the run), picks the items and queues the run. */
export async function createRun(actor: Actor, input: CreateRunInput, db: Db = getDb()): Promise<RunDetail> {
  requireAdmin(actor, "start evaluation runs");
  const data = createRunSchema.parse(input);
  const judges = await resolveJudges(db, data.judges, data.judgeEndpoint);
  const now = new Date();
  let items: Array<{ traceId?: string; datasetItemId?: string }>;
  let runData: Omit<Prisma.EvaluationRunCreateInput, "judges" | "name" | "status" | "total">;
  let label: string;
  if (data.source.type === "traces") {
    const filter = { ...data.source.filter };
    if (!filter.caller && !filter.excludeCaller) filter.excludeCaller = "judge";
    const ids = await pickTraceIds(actor, filter, data.source.sampleSize);
    if (!ids.length) throw invalidField("source.filter", "No traces match the filter.", "no_items");
    items = ids.map((traceId) => ({ traceId }));
    runData = { source: "traces", traceFilter: filter, sampleSize: data.source.sampleSize ?? null };
    label = `Traces${filter.endpoint ? ` of ${filter.endpoint}` : ""}`;
  } else {
    const idOrName = data.source.datasetId;
    const dataset = await db.dataset.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
    if (!dataset) throw invalidField("source.datasetId", `Dataset '${idOrName}' not found.`, "unknown_dataset");
    const rows = await db.datasetItem.findMany({
      where: { datasetId: dataset.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (!rows.length) throw invalidField("source.datasetId", `Dataset '${dataset.name}' has no items.`, "no_items");
    if (rows.length > MAX_RUN_ITEMS) {
      throw invalidField("source.datasetId", `Dataset '${dataset.name}' has more than ${MAX_RUN_ITEMS} items.`, "too_many_items");
    }
    items = rows.map((r) => ({ datasetItemId: r.id }));
    runData = { source: "dataset", datasetId: dataset.id };
    label = `Dataset ${dataset.name}`;
  }
  const run = await db.$transaction(async (tx) => {
    const created = await tx.evaluationRun.create({
      data: {
        ...runData,
        name: data.name ?? defaultName(label, now),
        status: "queued",
        judges: judges as unknown as Prisma.InputJsonValue,
        total: items.length,
        createdById: actorUserId(actor),
      },
    });
    for (let i = 0; i < items.length; i += 500) {
      await tx.evaluationRunItem.createMany({
        data: items.slice(i, i + 500).map((item, k) => ({ runId: created.id, position: i + k, ...item })),
      });
    }
    return created;
  });
  ensureEvaluation();
  wakeEvalRunner();
  const [view] = await viewsOf(db, [run]);
  return { ...view, aggregates: runAggregatesEmpty(run) };
}

function runAggregatesEmpty(run: RunRow): JudgeAggregate[] {
  return aggregateScores(runJudges(run).map(judgeOutput), []);
}

function judgeOutput(j: ReturnType<typeof runJudges>[number]) {
  return { name: j.name, outputType: j.kind === "code" ? ("pass_fail" as const) : j.output.type };
}

/** Runs, newest first; `cursor` = `nextCursor` of the previous page. */
export async function listRuns(actor: Actor, query: ListRunsInput = {}, db: Db = getDb()): Promise<RunPage> {
  requireAdmin(actor, "see evaluation runs");
  ensureEvaluation();
  const q = listRunsQuerySchema.parse(query);
  const rows = await db.evaluationRun.findMany({
    where: q.status ? { status: q.status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, q.limit);
  return { data: await viewsOf(db, page), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}

/** Per-judge aggregates of a run's scores. */
export async function runAggregates(db: Db, run: RunRow): Promise<JudgeAggregate[]> {
  // Grouped in the database: a live progress page polls this on runs of thousands of items.
  const [verdicts, failures] = await Promise.all([
    db.score.groupBy({
      by: ["judgeName", "label", "value"],
      where: { runId: run.id, error: null },
      _count: { _all: true },
      _sum: { costUsd: true },
    }),
    db.score.groupBy({
      by: ["judgeName"],
      where: { runId: run.id, error: { not: null } },
      _count: { _all: true },
      _sum: { costUsd: true },
    }),
  ]);
  const facts: ScoreFacts[] = [
    ...verdicts.map((g) => ({ judgeName: g.judgeName, label: g.label, value: g.value, error: null, costUsd: g._sum.costUsd, count: g._count._all })),
    ...failures.map((g) => ({ judgeName: g.judgeName, label: null, value: null, error: "error", costUsd: g._sum.costUsd, count: g._count._all })),
  ];
  return aggregateScores(runJudges(run).map(judgeOutput), facts);
}

/** A run with its progress (done / total / errors), judge cost and per-judge aggregates. */
export async function getRun(actor: Actor, id: string, db: Db = getDb()): Promise<RunDetail> {
  requireAdmin(actor, "see evaluation runs");
  ensureEvaluation();
  const run = await findRun(db, id);
  const [view] = await viewsOf(db, [run]);
  return { ...view, aggregates: await runAggregates(db, run) };
}

/** Stops a queued or running run: in-flight judge calls are aborted, the rest is not judged. */
export async function cancelRun(actor: Actor, id: string, db: Db = getDb()): Promise<RunView> {
  requireAdmin(actor, "cancel evaluation runs");
  const run = await findRun(db, id);
  const { count } = await db.evaluationRun.updateMany({
    where: { id: run.id, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date() },
  });
  if (count === 0) throw conflict(`Evaluation run '${id}' is already ${run.status}.`, "run_finished");
  await abortEvalRun(run.id);
  // What was not judged is marked so (an aborted item's release only matches status "running").
  await db.evaluationRunItem.updateMany({ where: { runId: run.id, status: { in: ["pending", "running"] } }, data: { status: "skipped" } });
  const [view] = await viewsOf(db, [await findRun(db, run.id)]);
  return view;
}

/** Deletes a run with its items and scores (cancelling it first when it is still going). */
export async function deleteRun(actor: Actor, id: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete evaluation runs");
  const run = await findRun(db, id);
  await db.evaluationRun.updateMany({ where: { id: run.id, status: { in: ["queued", "running"] } }, data: { status: "cancelled" } });
  await abortEvalRun(run.id);
  await db.evaluationRun.delete({ where: { id: run.id } });
  return { id: run.id, deleted: true };
}
