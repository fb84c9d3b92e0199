// Judge outcomes → Score rows, and Score rows → views. Shared by runs and online rules.

import type { Prisma } from "../db/generated/sqlite/client";
import type { JudgeOutcome, ResolvedJudge } from "./judges/types";

export interface ScoreLinks {
  traceId?: string | null;
  runId?: string | null;
  runItemId?: string | null;
  ruleId?: string | null;
  datasetItemId?: string | null;
}

/** Rationales and raw answers are bounded: a runaway judge must not bloat the database. */
const MAX_TEXT = 20_000;
const clip = (text: string | null): string | null => (text !== null && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

export function scoreRow(judge: ResolvedJudge, outcome: JudgeOutcome, links: ScoreLinks): Prisma.ScoreCreateManyInput {
  return {
    traceId: links.traceId ?? null,
    runId: links.runId ?? null,
    runItemId: links.runItemId ?? null,
    ruleId: links.ruleId ?? null,
    datasetItemId: links.datasetItemId ?? null,
    judgeName: judge.name,
    judgeVersion: judge.version,
    value: outcome.ok ? outcome.verdict.value : null,
    label: outcome.ok ? outcome.verdict.label : null,
    rationale: outcome.ok ? clip(outcome.verdict.rationale) : null,
    error: outcome.ok ? null : clip(outcome.error),
    rawText: outcome.ok ? null : clip(outcome.rawText),
    costUsd: outcome.costUsd,
    judgeTraceId: outcome.judgeTraceId,
  };
}

/** Summed judge cost of outcomes (unknown costs count as 0). */
export function outcomesCost(outcomes: JudgeOutcome[]): number {
  return Math.round(outcomes.reduce((sum, o) => sum + (o.costUsd ?? 0), 0) * 1e10) / 1e10;
}
