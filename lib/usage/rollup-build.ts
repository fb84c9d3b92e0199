// Rollup deltas: traces are folded in memory into one delta per (granularity, bucket, dimensions)
// before a batch is written, so each rollup row is upserted once per batch.

import type { TraceRow } from "../tracing/rows";
import { emptyHistogram, latencyBucket, LATENCY_COLUMNS, type LatencyColumn } from "./histogram";

/** Bucket widths in seconds, aligned to UTC: minute, hour, day. */
export const ROLLUP_GRANULARITIES = [60, 3600, 86400] as const;
export type Granularity = (typeof ROLLUP_GRANULARITIES)[number];

/** Rollup dimensions; "" stands for "none" (no team, no provider tried, no caller tag). */
export interface RollupDims {
  endpointName: string;
  teamId: string;
  provider: string;
  model: string;
  caller: string;
}

export interface RollupCounters {
  requests: number;
  errors: number;
  streamingRequests: number;
  unknownCostRequests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  totalTokens: number;
  costUsd: number;
  latencyMsSum: number;
  ttftMsSum: number;
  ttftCount: number;
}

export type RollupHistogram = Record<LatencyColumn, number>;

export interface RollupDelta extends RollupDims, RollupCounters {
  granularity: Granularity;
  bucketStart: Date;
  histogram: number[];
}

/** The trace fields a rollup needs (a subset of the Trace row). */
export type RollupSource = Pick<
  TraceRow,
  | "startedAt"
  | "endpointName"
  | "teamId"
  | "provider"
  | "model"
  | "caller"
  | "status"
  | "streaming"
  | "latencyMs"
  | "ttftMs"
  | "inputTokens"
  | "outputTokens"
  | "cacheReadTokens"
  | "cacheCreationTokens"
  | "totalTokens"
  | "costUsd"
>;

export const COUNTER_FIELDS = [
  "requests",
  "errors",
  "streamingRequests",
  "unknownCostRequests",
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "cacheCreationTokens",
  "totalTokens",
  "costUsd",
  "latencyMsSum",
  "ttftMsSum",
  "ttftCount",
] as const satisfies readonly (keyof RollupCounters)[];

export function bucketStartOf(epochMs: number, granularity: Granularity): number {
  const width = granularity * 1000;
  return Math.floor(epochMs / width) * width;
}

export class RollupAccumulator {
  readonly #deltas = new Map<string, RollupDelta>();

  add(t: RollupSource): void {
    const dims: RollupDims = {
      endpointName: t.endpointName,
      teamId: t.teamId ?? "",
      provider: t.provider ?? "",
      model: t.model ?? "",
      caller: t.caller ?? "",
    };
    const dimKey = `${dims.endpointName}\u0000${dims.teamId}\u0000${dims.provider}\u0000${dims.model}\u0000${dims.caller}`;
    const bucket = latencyBucket(t.latencyMs);
    const epochMs = t.startedAt.getTime();
    for (const granularity of ROLLUP_GRANULARITIES) {
      const start = bucketStartOf(epochMs, granularity);
      const key = `${granularity}\u0000${start}\u0000${dimKey}`;
      let d = this.#deltas.get(key);
      if (!d) {
        d = { granularity, bucketStart: new Date(start), ...dims, ...zeroCounters(), histogram: emptyHistogram() };
        this.#deltas.set(key, d);
      }
      d.requests += 1;
      if (t.status !== "ok") d.errors += 1;
      if (t.streaming) d.streamingRequests += 1;
      if (t.costUsd === null) d.unknownCostRequests += 1;
      else d.costUsd += t.costUsd;
      d.inputTokens += t.inputTokens ?? 0;
      d.outputTokens += t.outputTokens ?? 0;
      d.cacheReadTokens += t.cacheReadTokens ?? 0;
      d.cacheCreationTokens += t.cacheCreationTokens ?? 0;
      d.totalTokens += t.totalTokens ?? 0;
      d.latencyMsSum += t.latencyMs;
      if (t.ttftMs !== null) {
        d.ttftMsSum += t.ttftMs;
        d.ttftCount += 1;
      }
      d.histogram[bucket] += 1;
    }
  }

  get size(): number {
    return this.#deltas.size;
  }

  deltas(): RollupDelta[] {
    return [...this.#deltas.values()];
  }
}

export function zeroCounters(): RollupCounters {
  return {
    requests: 0,
    errors: 0,
    streamingRequests: 0,
    unknownCostRequests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheCreationTokens: 0,
    totalTokens: 0,
    costUsd: 0,
    latencyMsSum: 0,
    ttftMsSum: 0,
    ttftCount: 0,
  };
}

/** The histogram as the UsageRollup columns lat00..lat23. */
export function histogramColumns(histogram: readonly number[]): RollupHistogram {
  const out = {} as RollupHistogram;
  LATENCY_COLUMNS.forEach((col, i) => (out[col] = histogram[i] ?? 0));
  return out;
}
