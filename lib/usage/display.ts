// Pure shaping of the usage dashboard's data for the console: number formats (unknown cost stays
// "unknown", never "$0"), chart rows per time bucket, and the trace explorer links a chart click
// opens (a time bucket → from/to, a category → its filter). No React, no Next: shared by the
// server-rendered page and the client chart components.

import type { UsagePoint } from "./queries";

const MINUTE = 60;
const HOUR = 3600;

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return Math.abs(n) >= 100_000 ? compact.format(n) : integer.format(n);
}

/**
 * The console's one money format (dashboard, traces, evaluation runs, prices): null = unknown (no
 * price), never shown as $0; zero is "$0.00"; from $1 two decimals ($1,234 from $1,000); from one
 * cent two to four decimals ("$0.20", "$0.0123"); under a cent two significant digits ("$0.00042",
 * "$0.0000047"), in plain notation (toPrecision would write 6.0e-7 for an embedding call). `exact`
 * (a configured price, not a measured cost) keeps every digit the value has ("$1.875", "$3.00").
 */
export function formatUsd(usd: number | null | undefined, { exact = false }: { exact?: boolean } = {}): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return "unknown";
  if (usd === 0) return "$0.00";
  const abs = Math.abs(usd);
  if (exact) return `$${exactUsd.format(usd)}`;
  if (abs >= 1000) return `$${integer.format(usd)}`;
  if (abs >= 1) return `$${usd.toFixed(2)}`;
  if (abs >= 0.01) return `$${centsUsd.format(usd)}`;
  return `$${smallUsd.format(usd)}`;
}

const centsUsd = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4, useGrouping: false });
const smallUsd = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 2, maximumFractionDigits: 20, useGrouping: false });
const exactUsd = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 12 });

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

/** A time-axis label (the trace waterfall's midpoint): like formatMs, but a fraction of a
 * millisecond under 10 ms keeps one decimal, so a 1 ms axis reads "0 ms, 0.5 ms, 1 ms" rather than
 * repeating "1 ms". */
export function formatMsTick(ms: number): string {
  return ms < 10 && !Number.isInteger(ms) ? `${Number(ms.toFixed(1))} ms` : formatMs(ms);
}

/** A 0..1 ratio as a percentage; null (no requests) as a dash. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return "—";
  const pct = ratio * 100;
  return `${pct === 0 || pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The x-axis label of a bucket, in UTC (the console shows UTC everywhere). */
export function bucketLabel(iso: string, bucketSeconds: number): string {
  const d = new Date(iso);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  if (bucketSeconds <= MINUTE) return time;
  if (bucketSeconds <= HOUR) return `${day} ${time}`;
  return day;
}

/** Series names: the chart legends and the keys of the rows below. */
export const SERIES = {
  ok: "Succeeded",
  errors: "Failed",
  errorRate: "Error rate",
  p50: "p50",
  p90: "p90",
  p99: "p99",
  tokensPerRequest: "Tokens / request",
  cumulativeTokens: "Cumulative tokens",
  cost: "Cost",
  cumulativeCost: "Cumulative cost",
} as const;

export interface ChartRow {
  /** x-axis label (UTC). */
  label: string;
  /** Bucket bounds (ISO), for the drill-down link. */
  from: string;
  to: string;
  [series: string]: string | number | null;
}

/** One chart row per bucket. Values that are unknown (latency without requests, cost when every
 * request is unpriced) are null so the chart leaves a gap instead of drawing a zero. The cumulative
 * series are running totals from the start of the range: a bucket without requests, or with only
 * unpriced ones, adds 0 (unpriced requests are left out of the cost, as the chart's note says), so
 * the line starts at 0 like the cumulative tokens. Only when no request of the range has a price
 * is the cumulative cost unknown throughout (null: never a "$0" line for traffic without a price). */
export function chartRows(points: UsagePoint[], bucketSeconds: number): ChartRow[] {
  const costKnown = points.some((p) => p.costUsd !== null && p.requests > p.unknownCostRequests);
  return points.map((p) => ({
    label: bucketLabel(p.time, bucketSeconds),
    from: p.time,
    to: new Date(new Date(p.time).getTime() + bucketSeconds * 1000).toISOString(),
    [SERIES.ok]: p.requests - p.errors,
    [SERIES.errors]: p.errors,
    [SERIES.errorRate]: p.errorRate === null ? null : Math.round(p.errorRate * 10000) / 100,
    [SERIES.p50]: p.p50Ms,
    [SERIES.p90]: p.p90Ms,
    [SERIES.p99]: p.p99Ms,
    [SERIES.tokensPerRequest]: p.tokensPerRequest,
    [SERIES.cumulativeTokens]: p.cumulativeTokens,
    [SERIES.cost]: p.costUsd,
    [SERIES.cumulativeCost]: costKnown ? p.cumulativeCostUsd : null,
  }));
}

/** Whether a series is too sparse for a line (a lone point draws no line): fewer than half of the
 * buckets have a value. The dashboard then draws bars. */
export function isSparse(rows: ChartRow[], categories: readonly string[]): boolean {
  const filled = rows.filter((r) => categories.some((c) => r[c] !== null && r[c] !== undefined)).length;
  return filled < 2 || filled * 2 < rows.length;
}

/** Keys of the dashboard's filters that carry over to the trace explorer. */
const CARRIED = ["range", "from", "to", "endpoint", "team", "provider", "model", "caller", "excludeCaller"] as const;

/**
 * The trace explorer URL for a slice of the dashboard: the dashboard's filters (`base`, its query
 * string) with `patch` applied. A patch with `from`/`to` replaces the time range; a list filter in
 * the patch replaces the dashboard's (a bar of one model narrows to that model).
 */
export function explorerHref(base: string | URLSearchParams, patch: Record<string, string | number | null | undefined> = {}): string {
  const from = new URLSearchParams(base);
  const out = new URLSearchParams();
  for (const key of CARRIED) {
    const v = from.get(key);
    if (v) out.set(key, v);
  }
  if (patch.from !== undefined || patch.to !== undefined) out.delete("range");
  for (const [key, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === "") out.delete(key);
    else out.set(key, String(v));
  }
  const qs = out.toString();
  return qs ? `/traces?${qs}` : "/traces";
}

/** The dashboard's filters (its URL's) as the base of its links to the trace explorer, with the
 * dashboard's default range written out: the explorer's default is any time, so a link from a
 * dashboard without a range in its URL would otherwise open traces outside the range on screen. */
export function dashboardLinkBase(input: Record<string, string>, defaultRange = "24h"): string {
  const params = new URLSearchParams(input);
  if (!params.get("range") && !params.get("from") && !params.get("to")) params.set("range", defaultRange);
  return params.toString();
}

const TIME_KEYS = ["range", "from", "to"];

/** The dashboard without its filters (the "Clear filters" link of an empty result): the time range
 * stays, unless it is the only filter. */
export function clearFiltersHref(input: Record<string, string>): string {
  const keys = Object.keys(input).filter((k) => input[k]);
  const keep = keys.some((k) => !TIME_KEYS.includes(k)) ? keys.filter((k) => TIME_KEYS.includes(k)) : [];
  const params = new URLSearchParams(keep.map((k) => [k, input[k]]));
  const qs = params.toString();
  return qs ? `/?${qs}` : "/";
}

/** The cost tile's note: whether every request of the window had a price (never "all priced" for
 * no requests at all). */
export function costHint(totals: { requests: number; costUsd: number | null; unknownCostRequests: number }): string {
  if (totals.requests === 0) return "No requests";
  if (totals.costUsd === null) return "No request had a price";
  if (totals.unknownCostRequests > 0) return `+ ${formatCount(totals.unknownCostRequests)} requests without a price`;
  return "All requests priced";
}

/** A breakdown dimension of the dashboard (its rankings and the provider donut). */
export type BreakdownKey = "endpoint" | "team" | "provider" | "model";

/**
 * The trace explorer link of a breakdown row (a model of a provider, an endpoint, a team), or null
 * when a value of the row is missing: the "(no team)" of internal calls (judges) or the "(no
 * model)" / "(no provider)" of requests rejected before a model was picked. The explorer's filters
 * have no value for "none", and a link without that filter would open every trace, not the row's.
 */
export function breakdownHref(base: string | URLSearchParams, row: Partial<Record<BreakdownKey, string | null | undefined>>): string | null {
  const keys = Object.keys(row) as BreakdownKey[];
  if (keys.some((k) => !row[k])) return null;
  return explorerHref(base, row);
}

/** Why a breakdown row without a value has no link (its tooltip). */
export function noLinkReason(row: Partial<Record<BreakdownKey, string | null | undefined>>): string {
  const missing = (Object.keys(row) as BreakdownKey[]).filter((k) => !row[k]);
  return `No link: Traces has no filter for requests without a ${missing.join(" or ")}.`;
}

/** The drill-down of a click on a time-series chart: the bucket, plus what the series means
 * (succeeded requests → status=ok; failed requests → status=error; a latency percentile → traces
 * at least that slow). */
export function bucketPatch(row: { from: string; to: string }, series: string, value?: unknown): Record<string, string | number> {
  const patch: Record<string, string | number> = { from: row.from, to: row.to };
  if (series === SERIES.ok) patch.status = "ok";
  if (series === SERIES.errors || series === SERIES.errorRate) patch.status = "error";
  if ((series === SERIES.p50 || series === SERIES.p90 || series === SERIES.p99) && typeof value === "number") {
    patch.minLatencyMs = Math.floor(value);
  }
  return patch;
}

/** Datetime-local inputs send `2026-12-01T10:00` without a zone: the console means UTC. */
export function utcDateParam(value: string | undefined): string | undefined {
  if (!value) return value;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.length === 16 ? `${value}:00` : value}Z` : value;
}

/** An ISO date → the value of a datetime-local input (UTC, minutes). */
export function datetimeLocalValue(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return d.toISOString().slice(0, 16);
}
