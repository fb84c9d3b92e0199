// Time windows of the dashboard and the explorer, and how a window is read from the rollups:
// the largest buckets that fit entirely inside it, finer ones at the edges, so a 30-day window is
// ~30 day rows + a few hour and minute rows per dimension combination, and the totals are exact
// to the minute.

import { invalidField } from "../api/errors";
import { MAX_RANGE_DAYS, type TimeRangePreset } from "../tracing/schemas";
import { ROLLUP_GRANULARITIES, type Granularity } from "./rollup-build";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const PRESET_MS: Record<TimeRangePreset, number> = { "1h": HOUR, "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY };

export interface RangeInput {
  range?: TimeRangePreset;
  from?: Date;
  to?: Date;
}

export interface TimeWindow {
  from: Date;
  to: Date;
}

/** The window a filter asks for: `from`/`to` when given (to defaults to now, from to `to` minus
 * the preset), else the preset ending now; null when neither is given and there is no default. */
export function resolveWindow(f: RangeInput, now: Date, defaultPreset: TimeRangePreset | null): TimeWindow | null {
  const preset = f.range ?? defaultPreset;
  if (!f.from && !f.to && !preset) return null;
  const to = f.to ?? now;
  const from = f.from ?? new Date(to.getTime() - PRESET_MS[preset ?? "24h"]);
  if (from >= to) throw invalidField("from", "`from` must be before `to`.");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw invalidField("from", `The time range may span at most ${MAX_RANGE_DAYS} days.`);
  }
  return { from, to };
}

export interface UsageWindow extends TimeWindow {
  /** Width of one point of the time series, in seconds. */
  bucketSeconds: Granularity;
}

/** Dashboard window: minute-aligned (rollups are per minute at best) with the series' bucket
 * width chosen for ~30-200 points. */
export function usageWindow(f: RangeInput, now: Date = new Date()): UsageWindow {
  const w = resolveWindow(f, now, "24h")!;
  const from = new Date(Math.floor(w.from.getTime() / MINUTE) * MINUTE);
  const to = new Date(Math.ceil(w.to.getTime() / MINUTE) * MINUTE);
  const span = to.getTime() - from.getTime();
  const bucketSeconds: Granularity = span <= 3 * HOUR ? 60 : span <= 8 * DAY ? 3600 : 86400;
  return { from, to, bucketSeconds };
}

export interface CoverInterval {
  granularity: Granularity;
  /** Bucket starts in [from, to) are read at this granularity. */
  from: Date;
  to: Date;
}

/**
 * Splits a minute-aligned window into rollup reads: each part uses the coarsest granularity
 * (up to `maxGranularity`) whose buckets fit entirely inside it.
 */
export function coverWindow(from: Date, to: Date, maxGranularity: Granularity): CoverInterval[] {
  const levels = ROLLUP_GRANULARITIES.filter((g) => g <= maxGranularity).sort((a, b) => b - a);
  const out: CoverInterval[] = [];
  const split = (a: number, b: number, level: number): void => {
    if (a >= b) return;
    const g = levels[level];
    if (level === levels.length - 1) {
      out.push({ granularity: g, from: new Date(a), to: new Date(b) });
      return;
    }
    const width = g * 1000;
    const innerFrom = Math.ceil(a / width) * width;
    const innerTo = Math.floor(b / width) * width;
    if (innerFrom >= innerTo) {
      split(a, b, level + 1);
      return;
    }
    split(a, innerFrom, level + 1);
    out.push({ granularity: g, from: new Date(innerFrom), to: new Date(innerTo) });
    split(innerTo, b, level + 1);
  };
  split(from.getTime(), to.getTime(), 0);
  return out;
}

/** Start times of the series' points: every bucket overlapping [from, to). */
export function seriesBuckets(w: UsageWindow): number[] {
  const width = w.bucketSeconds * 1000;
  const out: number[] = [];
  for (let t = Math.floor(w.from.getTime() / width) * width; t < w.to.getTime(); t += width) out.push(t);
  return out;
}
