// Judges one claimed run item and records the outcome in one transaction: its scores, the item's
// status and the run's counters. The write only happens while the item is still claimed by this
// runner ("running", `claimedBy`), so an item is counted exactly once even when another runner took
// it over from a worker it thought dead.

import type { Db } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";
import { DbNull } from "@prisma/client/runtime/client";
import { evaluateJudge } from "./judges/resolve";
import type { JudgeOutcome, JudgeSubject, ResolvedJudge } from "./judges/types";
import { outcomesCost, scoreRow } from "./score-rows";
import { loadSubjectTrace, subjectFromItem, subjectFromTrace } from "./subject";

export interface ClaimedItem {
  id: string;
  runId: string;
  traceId: string | null;
  datasetItemId: string | null;
  /** The claiming runner's id (EvalRunner.id). */
  claimedBy: string;
}

export type ItemResult =
  | { written: true; failed: boolean; endpointFailure: string | null }
  | { written: false; reason: "aborted" | "unclaimed" };

type Loaded = { subject: JudgeSubject; snapshot: boolean } | { error: string };

async function loadSubject(db: Db, item: ClaimedItem): Promise<Loaded> {
  if (item.traceId) {
    const trace = await loadSubjectTrace(db, item.traceId);
    return trace ? { subject: subjectFromTrace(trace), snapshot: false } : { error: `Trace '${item.traceId}' no longer exists.` };
  }
  if (item.datasetItemId) {
    const row = await db.datasetItem.findUnique({ where: { id: item.datasetItemId } });
    if (!row) return { error: `Dataset item '${item.datasetItemId}' was deleted.` };
    const trace = row.sourceTraceId ? await loadSubjectTrace(db, row.sourceTraceId) : null;
    return { subject: subjectFromItem(row, trace), snapshot: true };
  }
  return { error: "The item has neither a trace nor a dataset item." };
}

const json = (v: unknown) => (v === null || v === undefined ? DbNull : (v as Prisma.InputJsonValue));

class Unclaimed extends Error {}

export async function judgeItem(db: Db, judges: ResolvedJudge[], item: ClaimedItem, signal: AbortSignal): Promise<ItemResult> {
  const loaded = await loadSubject(db, item);
  const outcomes: JudgeOutcome[] = [];
  if ("subject" in loaded) {
    const metadata = { eval_run_id: item.runId, ...(item.traceId ? { eval_trace_id: item.traceId } : { eval_dataset_item_id: item.datasetItemId }) };
    for (const judge of judges) {
      if (signal.aborted) return { written: false, reason: "aborted" };
      try {
        outcomes.push(await evaluateJudge(judge, loaded.subject, { signal, metadata }));
      } catch (err) {
        if (signal.aborted) return { written: false, reason: "aborted" };
        throw err;
      }
    }
    if (signal.aborted) return { written: false, reason: "aborted" };
  }

  const errors = "error" in loaded ? [loaded.error] : outcomes.flatMap((o, i) => (o.ok ? [] : [`${judges[i].name}: ${o.error}`]));
  const failed = errors.length > 0;
  const cost = outcomesCost(outcomes);
  const links = { traceId: item.traceId, runId: item.runId, runItemId: item.id, datasetItemId: item.datasetItemId };
  const snapshot = "subject" in loaded && loaded.snapshot ? loaded.subject : null;
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.evaluationRunItem.updateMany({
        where: { id: item.id, status: "running", claimedBy: item.claimedBy },
        data: {
          status: failed ? "error" : "done",
          error: failed ? errors.join("; ").slice(0, 4_000) : null,
          costUsd: outcomes.length ? cost : null,
          finishedAt: new Date(),
          ...(snapshot
            ? { inputs: json(snapshot.inputs), outputs: json(snapshot.outputs), expectations: json(snapshot.expectations) }
            : {}),
        },
      });
      if (count !== 1) throw new Unclaimed();
      if (outcomes.length) await tx.score.createMany({ data: outcomes.map((o, i) => scoreRow(judges[i], o, links)) });
      await tx.evaluationRun.update({
        where: { id: item.runId },
        data: { done: { increment: 1 }, errors: { increment: failed ? 1 : 0 }, judgeCostUsd: { increment: cost } },
      });
    });
  } catch (err) {
    if (err instanceof Unclaimed) return { written: false, reason: "unclaimed" };
    throw err;
  }
  const llm = outcomes.filter((_, i) => judges[i].kind === "llm");
  const allEndpointFailures = llm.length > 0 && llm.every((o) => !o.ok && o.endpointFailure);
  const lastFailure = [...llm].reverse().find((o) => !o.ok);
  return {
    written: true,
    failed,
    endpointFailure: allEndpointFailures && lastFailure && !lastFailure.ok ? lastFailure.error : null,
  };
}
