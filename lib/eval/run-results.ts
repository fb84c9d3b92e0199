// A run's results item by item (inputs, outputs, expectations, each judge's verdict, trace link)
// and the comparison of two runs (items matched by trace id / dataset item id).

import { notFound } from "../api/errors";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/authorize";
import { getDb, type Db } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";
import { aggregateScores, verdictChanged, verdictOf, type ScoreFacts } from "./aggregates";
import { runJudges, runView, type RunRow } from "./run-views";
import { runResultsQuerySchema, type ItemStatus } from "./schemas";
import { SUBJECT_TRACE_SELECT, subjectFromTrace } from "./subject";
import type { RunComparison, RunItemResult, RunResultsPage, ScoreView } from "./view-schemas";

const MAX_CHANGES = 500;

async function loadRun(db: Db, id: string): Promise<RunRow> {
  const row = await db.evaluationRun.findUnique({ where: { id } });
  if (!row) throw notFound(`Evaluation run '${id}' not found.`);
  return row;
}

async function datasetName(db: Db, run: RunRow): Promise<string | null> {
  if (!run.datasetId) return null;
  return (await db.dataset.findUnique({ where: { id: run.datasetId }, select: { name: true } }))?.name ?? null;
}

/** The run item columns its contents are read from. */
interface ContentRow {
  traceId: string | null;
  datasetItemId: string | null;
  inputs: unknown;
  outputs: unknown;
  expectations: unknown;
}

interface ItemContents {
  sourceTraceId: string | null;
  inputs: unknown;
  outputs: unknown;
  expectations: Record<string, unknown> | null;
}

/** What run items hold, loaded for a batch of them: a judged dataset item's snapshot, a trace
 * item's trace (trace items keep no snapshot), and for dataset items not judged yet (pending,
 * skipped: no snapshot either) the dataset's copy; plus the trace a dataset item was copied from. */
async function itemContents(db: Db, rows: ContentRow[]): Promise<(row: ContentRow) => ItemContents> {
  const traceIds = [...new Set(rows.flatMap((r) => (r.traceId && r.inputs === null ? [r.traceId] : [])))];
  const traces = traceIds.length ? await db.trace.findMany({ where: { id: { in: traceIds } }, select: SUBJECT_TRACE_SELECT }) : [];
  const subjects = new Map(traces.map((t) => [t.id, subjectFromTrace(t)]));
  const itemIds = [...new Set(rows.flatMap((r) => (r.datasetItemId ? [r.datasetItemId] : [])))];
  const items = itemIds.length
    ? await db.datasetItem.findMany({
        where: { id: { in: itemIds } },
        select: { id: true, inputs: true, outputs: true, expectations: true, sourceTraceId: true },
      })
    : [];
  const datasetItems = new Map(items.map((i) => [i.id, i]));
  return (r) => {
    const item = r.datasetItemId ? datasetItems.get(r.datasetItemId) : undefined;
    const subject = r.traceId ? subjects.get(r.traceId) : r.inputs === null ? item : undefined;
    return {
      sourceTraceId: item?.sourceTraceId ?? null,
      inputs: subject ? subject.inputs : (r.inputs ?? null),
      outputs: subject ? subject.outputs : (r.outputs ?? null),
      expectations: (subject ? subject.expectations : (r.expectations ?? null)) as Record<string, unknown> | null,
    };
  };
}

/** Items in position order; `cursor` = the `nextCursor` (a position) of the previous page. */
export async function getRunResults(
  actor: Actor,
  id: string,
  query: { status?: ItemStatus; judge?: string; label?: string; limit?: number | string; cursor?: number | string } = {},
  db: Db = getDb(),
): Promise<RunResultsPage> {
  requireAdmin(actor, "see evaluation results");
  const q = runResultsQuerySchema.parse(query);
  const run = await loadRun(db, id);
  const and: Prisma.EvaluationRunItemWhereInput[] = [{ runId: run.id }];
  if (q.status) and.push({ status: q.status });
  if (q.cursor !== undefined) and.push({ position: { gt: q.cursor } });
  if (q.judge && q.label !== undefined) {
    and.push({ scores: { some: q.label === "error" ? { judgeName: q.judge, error: { not: null } } : { judgeName: q.judge, label: q.label } } });
  } else if (q.judge) {
    and.push({ scores: { some: { judgeName: q.judge } } });
  }
  const rows = await db.evaluationRunItem.findMany({
    where: { AND: and },
    orderBy: { position: "asc" },
    take: q.limit + 1,
    include: { scores: true },
  });
  const page = rows.slice(0, q.limit);
  const contentsOf = await itemContents(db, page);
  const data: RunItemResult[] = page.map((r) => {
    const scores: Record<string, ScoreView> = {};
    for (const s of r.scores) scores[s.judgeName] = s; // a Score row is a ScoreView
    return {
      id: r.id,
      position: r.position,
      status: r.status as ItemStatus,
      traceId: r.traceId,
      datasetItemId: r.datasetItemId,
      ...contentsOf(r),
      error: r.error,
      costUsd: r.costUsd,
      scores,
    };
  });
  return { data, nextCursor: rows.length > q.limit ? page[page.length - 1].position : null };
}

type ItemKey = { id: string; traceId: string | null; datasetItemId: string | null };
const keyOf = (i: ItemKey) => (i.traceId ? `t:${i.traceId}` : `d:${i.datasetItemId ?? i.id}`);

async function itemsWithScores(db: Db, runId: string) {
  const items = await db.evaluationRunItem.findMany({
    where: { runId },
    select: { id: true, traceId: true, datasetItemId: true },
    orderBy: { position: "asc" },
  });
  const scores = await db.score.findMany({
    where: { runId },
    select: { runItemId: true, judgeName: true, value: true, label: true, error: true, costUsd: true },
  });
  const byItem = new Map<string, Map<string, ScoreFacts>>();
  for (const s of scores) {
    if (!s.runItemId) continue;
    let m = byItem.get(s.runItemId);
    if (!m) byItem.set(s.runItemId, (m = new Map()));
    m.set(s.judgeName, s);
  }
  return { items, scores, byItem };
}

/** Two runs side by side: per-judge aggregates and the matched items whose verdict changed. */
export async function compareRuns(actor: Actor, a: string, b: string, db: Db = getDb()): Promise<RunComparison> {
  requireAdmin(actor, "compare evaluation runs");
  const [runA, runB] = await Promise.all([loadRun(db, a), loadRun(db, b)]);
  const [dataA, dataB] = await Promise.all([itemsWithScores(db, runA.id), itemsWithScores(db, runB.id)]);
  const bByKey = new Map(dataB.items.map((i) => [keyOf(i), i]));
  const judgesA = runJudges(runA).map((j) => ({ name: j.name, outputType: j.kind === "code" ? ("pass_fail" as const) : j.output.type }));
  const judgesB = runJudges(runB).map((j) => ({ name: j.name, outputType: j.kind === "code" ? ("pass_fail" as const) : j.output.type }));
  const aggA = aggregateScores(judgesA, dataA.scores);
  const aggB = aggregateScores(judgesB, dataB.scores);
  const names = [...new Set([...judgesA.map((j) => j.name), ...judgesB.map((j) => j.name)])];
  const shared = names.filter((n) => judgesA.some((j) => j.name === n) && judgesB.some((j) => j.name === n));
  const changedPerJudge = new Map<string, number>(names.map((n) => [n, 0]));
  const changes: RunComparison["changes"] = [];
  let matched = 0;
  for (const itemA of dataA.items) {
    const itemB = bByKey.get(keyOf(itemA));
    if (!itemB) continue;
    matched++;
    const sa = dataA.byItem.get(itemA.id);
    const sb = dataB.byItem.get(itemB.id);
    const judges: RunComparison["changes"][number]["judges"] = {};
    for (const name of shared) {
      const va = sa?.get(name);
      const vb = sb?.get(name);
      if (!va || !vb || !verdictChanged(va, vb)) continue;
      changedPerJudge.set(name, (changedPerJudge.get(name) ?? 0) + 1);
      judges[name] = { a: verdictOf(va), b: verdictOf(vb) };
    }
    if (Object.keys(judges).length && changes.length < MAX_CHANGES) {
      changes.push({ traceId: itemA.traceId, datasetItemId: itemA.datasetItemId, itemA: itemA.id, itemB: itemB.id, inputs: null, judges });
    }
  }
  // What each changed item asked (run A's copy), wherever the item is in the run.
  if (changes.length) {
    const rows = await db.evaluationRunItem.findMany({
      where: { id: { in: changes.map((c) => c.itemA) } },
      select: { id: true, traceId: true, datasetItemId: true, inputs: true, outputs: true, expectations: true },
    });
    const contentsOf = await itemContents(db, rows);
    const inputs = new Map(rows.map((r) => [r.id, contentsOf(r).inputs]));
    for (const c of changes) c.inputs = inputs.get(c.itemA) ?? null;
  }
  return {
    a: runView(runA, await datasetName(db, runA)),
    b: runView(runB, await datasetName(db, runB)),
    matched,
    onlyInA: dataA.items.length - matched,
    onlyInB: dataB.items.length - matched,
    judges: names.map((judgeName) => ({
      judgeName,
      a: aggA.find((x) => x.judgeName === judgeName) ?? null,
      b: aggB.find((x) => x.judgeName === judgeName) ?? null,
      changed: changedPerJudge.get(judgeName) ?? 0,
    })),
    changes,
  };
}
