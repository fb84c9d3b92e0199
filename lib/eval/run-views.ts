// EvaluationRun rows → views, and the stored judge specs of a run.

import type { ResolvedJudge } from "./judges/types";
import type { RunStatus } from "./schemas";
import type { RunJudgeView, RunView } from "./view-schemas";

export interface RunRow {
  id: string;
  name: string;
  status: string;
  source: string;
  traceFilter: unknown;
  sampleSize: number | null;
  datasetId: string | null;
  judges: unknown;
  total: number;
  done: number;
  errors: number;
  judgeCostUsd: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** The resolved judges stored on a run (copied when it was created). */
export function runJudges(row: Pick<RunRow, "judges">): ResolvedJudge[] {
  return Array.isArray(row.judges) ? (row.judges as ResolvedJudge[]) : [];
}

export function runJudgeView(j: ResolvedJudge): RunJudgeView {
  if (j.kind === "code") {
    return { name: j.name, kind: "code", version: j.version, source: "code", ref: j.scorer.scorer, endpoint: null, outputType: "pass_fail" };
  }
  return { name: j.name, kind: "llm", version: j.version, source: j.source, ref: j.ref, endpoint: j.endpoint, outputType: j.output.type };
}

export function runView(row: RunRow, datasetName: string | null = null): RunView {
  const source: RunView["source"] =
    row.source === "dataset"
      ? { type: "dataset", datasetId: row.datasetId ?? "", datasetName }
      : { type: "traces", filter: (row.traceFilter ?? {}) as Record<string, string>, sampleSize: row.sampleSize };
  return {
    id: row.id,
    name: row.name,
    status: row.status as RunStatus,
    source,
    judges: runJudges(row).map(runJudgeView),
    total: row.total,
    done: row.done,
    errors: row.errors,
    progress: row.total > 0 ? Math.min(1, Math.round((row.done / row.total) * 10_000) / 10_000) : row.status === "completed" ? 1 : 0,
    judgeCostUsd: Math.round(row.judgeCostUsd * 1e10) / 1e10,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
