// Per-judge aggregates of a set of scores (a run): pass rate, mean, distribution, errors, cost; and
// the verdict comparison of two runs' items.

import type { OutputType } from "./schemas";
import type { JudgeAggregate, VerdictSummary } from "./view-schemas";

export interface ScoreFacts {
  judgeName: string;
  value: number | null;
  label: string | null;
  error: string | null;
  costUsd: number | null;
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
    const counts = new Map<string, number>();
    for (const s of scored) {
      const label = distributionLabel(s, outputType);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const distribution = [...counts.entries()]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) =>
        outputType === "numeric" ? Number(a.label) - Number(b.label) : b.count - a.count || a.label.localeCompare(b.label),
      );
    const values = scored.map((s) => s.value).filter((v): v is number => v !== null);
    const passes = scored.filter((s) => s.label === "pass").length;
    return {
      judgeName: name,
      outputType,
      scored: scored.length,
      errors: mine.length - scored.length,
      passRate: outputType === "pass_fail" && scored.length ? round(passes / scored.length) : null,
      mean: outputType === "numeric" && values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null,
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
