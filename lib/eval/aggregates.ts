// Per-judge aggregates of a set of scores (a run): pass rate, mean, distribution, errors, cost; and
// the verdict comparison of two runs' items.

import type { OutputType } from "./schemas";
import type { JudgeAggregate, VerdictSummary } from "./view-schemas";

export interface ScoreFacts {
  judgeName: string;
  value: number | null;
  label: string | null;
  error: string | null;
  /** The cost of all the scores this fact stands for. */
  costUsd: number | null;
  /** How many identical scores this fact stands for (grouped rows); default 1. */
  count?: number;
}

export interface AggregateJudge {
  name: string;
  outputType: OutputType;
}

function round(n: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function distributionLabel(score: ScoreFacts, outputType: OutputType): string {
  if (outputType === "numeric") return String(score.value);
  return score.label ?? "(none)";
}

export function aggregateScores(judges: AggregateJudge[], scores: ScoreFacts[]): JudgeAggregate[] {
  return judges.map(({ name, outputType }) => {
    const mine = scores.filter((s) => s.judgeName === name);
    const scored = mine.filter((s) => s.error === null);
    const weight = (list: ScoreFacts[]) => list.reduce((n, s) => n + (s.count ?? 1), 0);
    const counts = new Map<string, number>();
    for (const s of scored) {
      const label = distributionLabel(s, outputType);
      counts.set(label, (counts.get(label) ?? 0) + (s.count ?? 1));
    }
    const distribution = [...counts.entries()]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) =>
        outputType === "numeric" ? Number(a.label) - Number(b.label) : b.count - a.count || a.label.localeCompare(b.label),
      );
    const valued = scored.filter((s) => s.value !== null);
    const valueCount = weight(valued);
    const valueSum = valued.reduce((sum, s) => sum + (s.value as number) * (s.count ?? 1), 0);
    const passes = weight(scored.filter((s) => s.label === "pass"));
    const scoredCount = weight(scored);
    return {
      judgeName: name,
      outputType,
      scored: scoredCount,
      errors: weight(mine) - scoredCount,
      passRate: outputType === "pass_fail" && scoredCount ? round(passes / scoredCount) : null,
      mean: outputType === "numeric" && valueCount ? round(valueSum / valueCount) : null,
      distribution,
      costUsd: round(mine.reduce((sum, s) => sum + (s.costUsd ?? 0), 0), 10),
    };
  });
}

export function verdictOf(score: ScoreFacts | undefined): VerdictSummary | null {
  return score ? { value: score.value, label: score.label, error: score.error } : null;
}

/** Two verdicts differ when one is an error and the other not, or label or value differ. */
export function verdictChanged(a: ScoreFacts | undefined, b: ScoreFacts | undefined): boolean {
  if (!a || !b) return a !== b;
  if ((a.error === null) !== (b.error === null)) return true;
  if (a.error !== null) return false;
  return a.label !== b.label || a.value !== b.value;
}
