// The usage dashboard and `GET /api/v1/usage`: aggregates read from UsageRollup only (never from
// the trace table), so their cost depends on the number of dimension combinations and the window,
// not on traffic. Members see only their teams' data.

import { getDb, type Db } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";
import type { Actor } from "../auth/actor";
import { usageFiltersSchema, type UsageFilters, type UsageFiltersInput } from "../tracing/schemas";
import { addSums, emptySums, roundUsd, sumsFromRow, totalsOf, type RollupSums, type UsageTotals } from "./aggregate";
import { LATENCY_COLUMNS } from "./histogram";
import { COUNTER_FIELDS, type Granularity } from "./rollup-build";
import { teamNames, teamRestriction } from "./scope";
import { coverWindow, seriesBuckets, usageWindow, type UsageWindow } from "./time-range";

const DAY_SECONDS: Granularity = 86400;

export interface UsageRange {
  from: string;
  to: string;
  /** Width of one series point in seconds (60, 3600 or 86400). */
  bucketSeconds: number;
}

export interface UsagePoint extends UsageTotals {
  /** Bucket start, ISO 8601 (UTC). */
  time: string;
  cumulativeTokens: number;
  cumulativeCostUsd: number;
}

export interface UsageBreakdownRow {
  requests: number;
  errors: number;
  totalTokens: number;
  /** null when every request's cost is unknown. */
  costUsd: number | null;
  unknownCostRequests: number;
}

export interface ModelUsage extends UsageBreakdownRow {
  provider: string;
  model: string;
}
export interface ProviderUsage extends UsageBreakdownRow {
  provider: string;
}
export interface EndpointUsage extends UsageBreakdownRow {
  endpoint: string;
}
export interface TeamUsage extends UsageBreakdownRow {
  /** null = requests made without a team. */
  teamId: string | null;
  /** null when the team was deleted (or for requests without a team). */
  teamName: string | null;
}

export interface UsageSummary {
  range: UsageRange;
  totals: UsageTotals;
}

export interface UsageSeries {
  range: UsageRange;
  /** One point per bucket, empty buckets included (zeros), oldest first. */
  points: UsagePoint[];
}

export interface UsageBreakdowns {
  range: UsageRange;
  /** By cost, highest first. */
  costByModel: ModelUsage[];
  costByProvider: ProviderUsage[];
  /** Top 10 by cost (then by requests). */
  topEndpoints: EndpointUsage[];
  topTeams: TeamUsage[];
}

export type UsageDashboard = UsageSummary & UsageSeries & UsageBreakdowns;

export const TOP_N = 10;

const SUM_SELECT = Object.fromEntries([...COUNTER_FIELDS, ...LATENCY_COLUMNS].map((f) => [f, true])) as {
  [K in (typeof COUNTER_FIELDS)[number] | (typeof LATENCY_COLUMNS)[number]]: true;
};
const BREAKDOWN_SUM = { requests: true, errors: true, totalTokens: true, costUsd: true, unknownCostRequests: true } as const;

interface UsageQuery {
  db: Db;
  window: UsageWindow;
  /** Rollup rows of the series: buckets no wider than one point. null = the actor can see nothing
   * matching the filters. */
  where: Prisma.UsageRollupWhereInput | null;
  /** The same rows for sums over the whole window (breakdowns): the coarsest buckets that fit,
   * so a 7-day window reads ~7 day rows per dimension combination instead of 168 hour rows. */
  wholeWhere: Prisma.UsageRollupWhereInput | null;
}

const cover = (from: Date, to: Date, max: Granularity): Prisma.UsageRollupWhereInput => ({
  OR: coverWindow(from, to, max).map((i) => ({ granularity: i.granularity, bucketStart: { gte: i.from, lt: i.to } })),
});

async function prepare(actor: Actor, input: UsageFiltersInput, now?: Date): Promise<UsageQuery> {
  const filters: UsageFilters = usageFiltersSchema.parse(input);
  const db = getDb();
  const window = usageWindow(filters, now);
  const teams = await teamRestriction(db, actor, filters.team);
  if (teams && teams.length === 0) return { db, window, where: null, wholeWhere: null };
  const dimensions: Prisma.UsageRollupWhereInput = {
    ...(filters.endpoint && { endpointName: { in: filters.endpoint } }),
    ...(teams && { teamId: { in: teams } }),
    ...(filters.provider && { provider: { in: filters.provider } }),
    ...(filters.model && { model: { in: filters.model } }),
  };
  const callers: Prisma.StringFilter = {};
  if (filters.caller) callers.equals = filters.caller;
  if (filters.excludeCaller) callers.not = filters.excludeCaller;
  if (filters.caller || filters.excludeCaller) dimensions.caller = callers;
  return {
    db,
    window,
    where: { ...cover(window.from, window.to, window.bucketSeconds), ...dimensions },
    wholeWhere: { ...cover(window.from, window.to, DAY_SECONDS), ...dimensions },
  };
}

function rangeOf(w: UsageWindow): UsageRange {
  return { from: w.from.toISOString(), to: w.to.toISOString(), bucketSeconds: w.bucketSeconds };
}

async function bucketSums(q: UsageQuery): Promise<Map<number, RollupSums>> {
  const out = new Map<number, RollupSums>();
  if (!q.where) return out;
  const rows = await q.db.usageRollup.groupBy({ by: ["bucketStart"], where: q.where, _sum: SUM_SELECT });
  const width = q.window.bucketSeconds * 1000;
  for (const row of rows) {
    // Edge rows of a finer granularity fold into the point of the bucket they fall in.
    const point = Math.floor(row.bucketStart.getTime() / width) * width;
    const sums = sumsFromRow(row._sum);
    const existing = out.get(point);
    out.set(point, existing ? addSums(existing, sums) : sums);
  }
  return out;
}

function seriesFrom(q: UsageQuery, buckets: Map<number, RollupSums>): UsagePoint[] {
  let cumulativeTokens = 0;
  let cumulativeCost = 0;
  return seriesBuckets(q.window).map((t) => {
    const totals = totalsOf(buckets.get(t) ?? emptySums());
    cumulativeTokens += totals.totalTokens;
    cumulativeCost += totals.costUsd ?? 0;
    return {
      time: new Date(t).toISOString(),
      ...totals,
      cumulativeTokens,
      cumulativeCostUsd: roundUsd(cumulativeCost),
    };
  });
}

function totalFrom(buckets: Map<number, RollupSums>): UsageTotals {
  const total = emptySums();
  for (const s of buckets.values()) addSums(total, s);
  return totalsOf(total);
}

function breakdownRow(s: RollupSums): UsageBreakdownRow {
  const known = s.requests - s.unknownCostRequests;
  return {
    requests: s.requests,
    errors: s.errors,
    totalTokens: s.totalTokens,
    costUsd: s.requests > 0 && known === 0 ? null : roundUsd(s.costUsd),
    unknownCostRequests: s.unknownCostRequests,
  };
}

const byCost = (a: UsageBreakdownRow, b: UsageBreakdownRow) =>
  (b.costUsd ?? -1) - (a.costUsd ?? -1) || b.requests - a.requests;

const fold = <K>(map: Map<K, RollupSums>, key: K, s: RollupSums) => {
  const existing = map.get(key);
  map.set(key, existing ? addSums(existing, s) : { ...s, histogram: [...s.histogram] });
};

/** One GROUP BY over every breakdown dimension, folded into the four breakdowns here: one pass
 * over the rollup rows instead of one per breakdown. */
async function breakdowns(q: UsageQuery): Promise<Omit<UsageBreakdowns, "range">> {
  if (!q.wholeWhere) return { costByModel: [], costByProvider: [], topEndpoints: [], topTeams: [] };
  const { db, wholeWhere: where } = q;
  const rows = await db.usageRollup.groupBy({ by: ["provider", "model", "endpointName", "teamId"], where, _sum: BREAKDOWN_SUM });
  const models = new Map<string, RollupSums>();
  const providers = new Map<string, RollupSums>();
  const endpoints = new Map<string, RollupSums>();
  const teams = new Map<string, RollupSums>();
  for (const r of rows) {
    const s = sumsFromRow(r._sum);
    fold(models, JSON.stringify([r.provider, r.model]), s);
    fold(providers, r.provider, s);
    fold(endpoints, r.endpointName, s);
    fold(teams, r.teamId, s);
  }
  const names = await teamNames(db, [...teams.keys()]);
  return {
    costByModel: [...models]
      .map(([key, s]) => {
        const [provider, model] = JSON.parse(key) as [string, string];
        return { provider, model, ...breakdownRow(s) };
      })
      .sort(byCost),
    costByProvider: [...providers].map(([provider, s]) => ({ provider, ...breakdownRow(s) })).sort(byCost),
    topEndpoints: [...endpoints]
      .map(([endpoint, s]) => ({ endpoint, ...breakdownRow(s) }))
      .sort(byCost)
      .slice(0, TOP_N),
    topTeams: [...teams]
      .map(([teamId, s]) => ({ teamId: teamId || null, teamName: names.get(teamId) ?? null, ...breakdownRow(s) }))
      .sort(byCost)
      .slice(0, TOP_N),
  };
}

/** The numbers at the top of the dashboard for the window. */
export async function getUsageSummary(actor: Actor, input: UsageFiltersInput, now?: Date): Promise<UsageSummary> {
  const q = await prepare(actor, input, now);
  return { range: rangeOf(q.window), totals: totalFrom(await bucketSums(q)) };
}

/** Request volume, error rate, latency percentiles, tokens and cost per bucket. */
export async function getUsageSeries(actor: Actor, input: UsageFiltersInput, now?: Date): Promise<UsageSeries> {
  const q = await prepare(actor, input, now);
  return { range: rangeOf(q.window), points: seriesFrom(q, await bucketSums(q)) };
}

/** Cost by model and provider, top endpoints and teams. */
export async function getUsageBreakdowns(actor: Actor, input: UsageFiltersInput, now?: Date): Promise<UsageBreakdowns> {
  const q = await prepare(actor, input, now);
  return { range: rangeOf(q.window), ...(await breakdowns(q)) };
}

/** Everything the dashboard shows, in one call (one set of queries). */
export async function getUsageDashboard(actor: Actor, input: UsageFiltersInput, now?: Date): Promise<UsageDashboard> {
  const q = await prepare(actor, input, now);
  const [buckets, parts] = await Promise.all([bucketSums(q), breakdowns(q)]);
  return { range: rangeOf(q.window), totals: totalFrom(buckets), points: seriesFrom(q, buckets), ...parts };
}
