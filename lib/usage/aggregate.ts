// Pure folding of summed rollup rows into the dashboard's numbers. Input rows are what a GROUP BY
// over UsageRollup returns (counters + histogram columns, already converted to numbers).

import { addHistogram, emptyHistogram, histogramQuantile, LATENCY_COLUMNS } from "./histogram";
import { COUNTER_FIELDS, zeroCounters, type RollupCounters } from "./rollup-build";

export interface RollupSums extends RollupCounters {
  histogram: number[];
}

export interface UsageTotals {
  requests: number;
  errors: number;
  /** errors / requests (0..1); null without requests. */
  errorRate: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  avgLatencyMs: number | null;
  /** Streaming requests' mean time to first token. */
  avgTtftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  totalTokens: number;
  tokensPerRequest: number | null;
  /** Sum over requests with a known cost; null when every request's cost is unknown. */
  costUsd: number | null;
  /** Requests whose cost is unknown (no price for the model): not included in costUsd. */
  unknownCostRequests: number;
}

export function emptySums(): RollupSums {
  return { ...zeroCounters(), histogram: emptyHistogram() };
}

export function addSums(into: RollupSums, s: RollupSums): RollupSums {
  for (const f of COUNTER_FIELDS) into[f] += s[f];
  addHistogram(into.histogram, s.histogram);
  return into;
}

function num(v: unknown): number {
  if (typeof v === "bigint") return Number(v);
  return typeof v === "number" ? v : 0;
}

/** A groupBy row's `_sum` → RollupSums. */
export function sumsFromRow(sum: Record<string, unknown> | null | undefined): RollupSums {
  const s = emptySums();
  if (!sum) return s;
  for (const f of COUNTER_FIELDS) s[f] = num(sum[f]);
  LATENCY_COLUMNS.forEach((c, i) => (s.histogram[i] = num(sum[c])));
  return s;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function totalsOf(s: RollupSums): UsageTotals {
  const knownCost = s.requests - s.unknownCostRequests;
  return {
    requests: s.requests,
    errors: s.errors,
    errorRate: ratio(s.errors, s.requests),
    p50Ms: histogramQuantile(s.histogram, 0.5),
    p90Ms: histogramQuantile(s.histogram, 0.9),
    p99Ms: histogramQuantile(s.histogram, 0.99),
    avgLatencyMs: roundOrNull(ratio(s.latencyMsSum, s.requests)),
    avgTtftMs: roundOrNull(ratio(s.ttftMsSum, s.ttftCount)),
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    cacheReadTokens: s.cacheReadTokens,
    cacheCreationTokens: s.cacheCreationTokens,
    totalTokens: s.totalTokens,
    tokensPerRequest: roundOrNull(ratio(s.totalTokens, s.requests), 1),
    costUsd: s.requests > 0 && knownCost === 0 ? null : roundUsd(s.costUsd),
    unknownCostRequests: s.unknownCostRequests,
  };
}

function roundOrNull(v: number | null, digits = 0): number | null {
  if (v === null) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function roundUsd(usd: number): number {
  return Math.round(usd * 1e8) / 1e8;
}
