// Evaluation scores on traces (written by lib/eval): the compact per-judge summary of list items
// (which the `score=<judge>:<label>` filter, ./score-filter.ts, matches) and the full list on a
// trace's detail.

import type { Db } from "../db";

/** The latest verdict of one judge on a trace. */
export interface TraceScoreSummary {
  judgeName: string;
  /** pass_fail: 1 / 0; numeric: the score; categorical: null */
  value: number | null;
  /** "pass" / "fail", the category, or null (numeric, or no verdict) */
  label: string | null;
  /** Why the judge gave no verdict; null when it did. */
  error: string | null;
  createdAt: Date;
}

/** One score of a trace, from an evaluation run or an online rule. */
export interface TraceScore extends TraceScoreSummary {
  id: string;
  judgeVersion: number;
  rationale: string | null;
  /** The judge's unparseable answer, when its verdict was malformed. */
  rawText: string | null;
  costUsd: number | null;
  /** The judge call's own trace (caller "judge"). */
  judgeTraceId: string | null;
  runId: string | null;
  runName: string | null;
  ruleId: string | null;
  ruleName: string | null;
  /** A dataset run's score of an item copied from this trace: that item's dataset. */
  datasetName: string | null;
}

/** Per trace: the latest verdict of each judge, ordered by judge name. */
export async function scoreSummaries(db: Db, traceIds: string[]): Promise<Map<string, TraceScoreSummary[]>> {
  const out = new Map<string, TraceScoreSummary[]>();
  if (!traceIds.length) return out;
  const rows = await db.score.findMany({
    where: { traceId: { in: traceIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { traceId: true, judgeName: true, value: true, label: true, error: true, createdAt: true },
  });
  for (const { traceId, ...s } of rows) {
    if (!traceId) continue;
    let list = out.get(traceId);
    if (!list) out.set(traceId, (list = []));
    if (!list.some((x) => x.judgeName === s.judgeName)) list.push(s);
  }
  for (const list of out.values()) list.sort((a, b) => a.judgeName.localeCompare(b.judgeName));
  return out;
}

/** All scores of a trace, newest first, with the names of their run / rule: its own (runs over
 * traces, online rules) and those of dataset items copied from it (a dataset run judges the copy,
 * which keeps the trace as its source; the score stays the item's, so purging traces keeps it). */
export async function traceScores(db: Db, traceId: string): Promise<TraceScore[]> {
  const items = await db.datasetItem.findMany({ where: { sourceTraceId: traceId }, select: { id: true, dataset: { select: { name: true } } } });
  const copies = new Map(items.map((i) => [i.id, i.dataset.name]));
  const rows = await db.score.findMany({
    where: copies.size ? { OR: [{ traceId }, { traceId: null, datasetItemId: { in: [...copies.keys()] } }] } : { traceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { run: { select: { name: true } }, rule: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    judgeName: r.judgeName,
    judgeVersion: r.judgeVersion,
    value: r.value,
    label: r.label,
    rationale: r.rationale,
    error: r.error,
    rawText: r.rawText,
    costUsd: r.costUsd,
    judgeTraceId: r.judgeTraceId,
    runId: r.runId,
    runName: r.run?.name ?? null,
    ruleId: r.ruleId,
    ruleName: r.rule?.name ?? null,
    datasetName: r.traceId === null && r.datasetItemId ? (copies.get(r.datasetItemId) ?? null) : null,
    createdAt: r.createdAt,
  }));
}

/** One judge's verdicts on a trace, for its detail page: the one that counts and the others,
 * newest first. */
export interface JudgeVerdicts {
  judgeName: string;
  /** The judge's latest verdict on the trace itself, the one the trace list shows and its `score`
   * filter matches; a dataset run's (on a copy of the trace) only when the trace has none of its own. */
  latest: TraceScore;
  /** Every other verdict of the judge, newest first. */
  others: TraceScore[];
  /** Some of `others` is newer than `latest` (a dataset run after the trace's own verdict). */
  newerOthers: boolean;
}

const time = (s: TraceScore) => new Date(s.createdAt).getTime();

/** A trace's scores grouped by judge, so each judge is listed once: judges in name order (ignoring
 * case, as the trace list's columns). */
export function verdictsByJudge(scores: TraceScore[]): JudgeVerdicts[] {
  const newestFirst = [...scores].sort((a, b) => time(b) - time(a));
  const byJudge = new Map<string, TraceScore[]>();
  for (const s of newestFirst) {
    const list = byJudge.get(s.judgeName);
    if (list) list.push(s);
    else byJudge.set(s.judgeName, [s]);
  }
  const out = [...byJudge].map(([judgeName, list]) => {
    const latest = list.find((s) => s.datasetName === null) ?? list[0]!;
    return { judgeName, latest, others: list.filter((s) => s !== latest), newerOthers: time(list[0]!) > time(latest) };
  });
  return out.sort((a, b) => a.judgeName.toLowerCase().localeCompare(b.judgeName.toLowerCase()) || a.judgeName.localeCompare(b.judgeName));
}
