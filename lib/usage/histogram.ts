// Fixed latency histogram shared by the rollup writer and the dashboard queries.
//
// Buckets are log-spaced (ratio ≈ 1.6) upper bounds in milliseconds; the last bucket is open
// (> 300 s). Rollup rows store one counter column per bucket (`lat00` … `lat23`), so rows can be
// summed with plain SQL increments and percentiles are read from the summed histogram.
// NEVER reorder or change these boundaries once data is written: stored counts would be
// reinterpreted. Adding precision means adding new columns and a migration.

/** Inclusive upper bounds (ms) of buckets 0..22; bucket 23 is everything above the last bound. */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = [
  10, 15, 25, 40, 60, 100, 150, 250, 400, 600, 1000, 1500, 2500, 4000, 6000, 10000, 15000, 25000, 40000, 60000,
  100000, 150000, 300000,
];

export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length + 1;

/** Column names of the histogram in UsageRollup, in bucket order. */
export const LATENCY_COLUMNS = Array.from(
  { length: LATENCY_BUCKET_COUNT },
  (_, i) => `lat${String(i).padStart(2, "0")}`,
) as readonly LatencyColumn[];

type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
export type LatencyColumn = `lat${"0" | "1" | "2"}${Digit}`;

/** Index of the bucket a latency falls into. */
export function latencyBucket(latencyMs: number): number {
  const ms = Math.max(0, latencyMs);
  let lo = 0;
  let hi = LATENCY_BUCKET_BOUNDS_MS.length; // answer in [0, bounds.length]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms <= LATENCY_BUCKET_BOUNDS_MS[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function emptyHistogram(): number[] {
  return new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
}

/** Adds `b` into `a` (in place) and returns `a`. */
export function addHistogram(a: number[], b: readonly number[]): number[] {
  for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) a[i] += b[i] ?? 0;
  return a;
}

/**
 * The q-quantile (0 < q ≤ 1) of a histogram, interpolated linearly inside the bucket holding it.
 * Returns null for an empty histogram. Values in the open last bucket are reported as its lower
 * bound (the histogram cannot tell how far beyond 300 s they are).
 */
export function histogramQuantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.min(Math.max(q, 0), 1) * total;
  let seen = 0;
  for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) {
    const n = hist[i] ?? 0;
    if (n === 0) continue;
    if (seen + n >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1];
      if (i >= LATENCY_BUCKET_BOUNDS_MS.length) return lower;
      const upper = LATENCY_BUCKET_BOUNDS_MS[i];
      const within = (rank - seen) / n;
      return Math.round(lower + (upper - lower) * within);
    }
    seen += n;
  }
  return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1];
}
