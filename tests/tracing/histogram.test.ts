import { describe, expect, it } from "vitest";
import {
  emptyHistogram,
  histogramQuantile,
  LATENCY_BUCKET_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  LATENCY_COLUMNS,
  latencyBucket,
} from "../../lib/usage/histogram";
import { coverWindow, seriesBuckets, usageWindow } from "../../lib/usage/time-range";

describe("latency histogram", () => {
  it("has one column per bucket and increasing bounds", () => {
    expect(LATENCY_COLUMNS).toHaveLength(LATENCY_BUCKET_COUNT);
    expect(LATENCY_COLUMNS[0]).toBe("lat00");
    expect(LATENCY_COLUMNS[23]).toBe("lat23");
    for (let i = 1; i < LATENCY_BUCKET_BOUNDS_MS.length; i++) {
      expect(LATENCY_BUCKET_BOUNDS_MS[i]).toBeGreaterThan(LATENCY_BUCKET_BOUNDS_MS[i - 1]);
    }
  });

  it("puts a latency in the bucket whose upper bound is the first >= it", () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(10)).toBe(0);
    expect(latencyBucket(10.5)).toBe(1);
    expect(latencyBucket(1000)).toBe(10);
    expect(latencyBucket(1001)).toBe(11);
    expect(latencyBucket(300_000)).toBe(22);
    expect(latencyBucket(10_000_000)).toBe(23);
  });

  it("estimates percentiles within the resolution of the buckets", () => {
    // 1,000 latencies spread evenly over 1..4000 ms.
    const values = Array.from({ length: 1000 }, (_, i) => 1 + (i * 3999) / 999);
    const hist = emptyHistogram();
    for (const v of values) hist[latencyBucket(v)]++;
    const exact = (q: number) => values[Math.ceil(q * values.length) - 1];
    for (const q of [0.5, 0.9, 0.99]) {
      const estimate = histogramQuantile(hist, q)!;
      // Linear interpolation inside a bucket: exact for uniformly spread values, up to rounding.
      expect(Math.abs(estimate - exact(q)) / exact(q)).toBeLessThan(0.02);
    }
  });

  it("reports a skewed distribution's tail", () => {
    const hist = emptyHistogram();
    hist[latencyBucket(100)] = 98; // 98 fast requests
    hist[latencyBucket(20_000)] = 2; // 2 slow ones
    expect(histogramQuantile(hist, 0.5)).toBeLessThanOrEqual(100);
    expect(histogramQuantile(hist, 0.99)).toBeGreaterThan(15_000);
    expect(histogramQuantile(hist, 0.99)).toBeLessThanOrEqual(25_000);
  });

  it("is null for no data and the open bucket's lower bound beyond the last bound", () => {
    expect(histogramQuantile(emptyHistogram(), 0.5)).toBeNull();
    const hist = emptyHistogram();
    hist[23] = 5;
    expect(histogramQuantile(hist, 0.5)).toBe(300_000);
  });
});

describe("time windows", () => {
  const now = new Date("2025-03-10T15:42:30.500Z");

  it("picks a series resolution per window", () => {
    expect(usageWindow({ range: "1h" }, now)).toMatchObject({ bucketSeconds: 60 });
    expect(usageWindow({ range: "24h" }, now)).toMatchObject({ bucketSeconds: 3600 });
    expect(usageWindow({ range: "7d" }, now)).toMatchObject({ bucketSeconds: 3600 });
    expect(usageWindow({ range: "30d" }, now)).toMatchObject({ bucketSeconds: 86400 });
    const w = usageWindow({}, now);
    expect(w.from.toISOString()).toBe("2025-03-09T15:42:00.000Z");
    expect(w.to.toISOString()).toBe("2025-03-10T15:43:00.000Z");
  });

  it("covers a window exactly with the coarsest buckets that fit", () => {
    const w = usageWindow({ range: "30d" }, now);
    const parts = coverWindow(w.from, w.to, w.bucketSeconds);
    // contiguous, non-overlapping, aligned
    expect(parts[0].from).toEqual(w.from);
    expect(parts[parts.length - 1].to).toEqual(w.to);
    for (let i = 1; i < parts.length; i++) expect(parts[i].from).toEqual(parts[i - 1].to);
    for (const p of parts) {
      expect(p.from.getTime() % (p.granularity * 1000)).toBe(0);
      expect(p.to.getTime() % (p.granularity * 1000)).toBe(0);
    }
    expect(parts.map((p) => p.granularity)).toEqual([60, 3600, 86400, 3600, 60]);
    const days = parts.find((p) => p.granularity === 86400)!;
    expect((days.to.getTime() - days.from.getTime()) / 86_400_000).toBe(29);
  });

  it("never reads buckets coarser than a series point", () => {
    const w = usageWindow({ range: "24h" }, now);
    expect(coverWindow(w.from, w.to, w.bucketSeconds).map((p) => p.granularity)).toEqual([60, 3600, 60]);
    expect(seriesBuckets(w)).toHaveLength(25);
  });

  it("rejects inverted and too long windows", () => {
    expect(() => usageWindow({ from: now, to: new Date(now.getTime() - 1) })).toThrow(/before/);
    expect(() => usageWindow({ from: new Date("2020-01-01"), to: now })).toThrow(/at most/);
  });
});
