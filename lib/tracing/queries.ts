// The trace explorer and `GET /api/v1/traces[/{id}]`: keyset-paginated list (newest first) with
// the shared filters, and one trace with its spans. Members see only their teams' traces.

import { getDb } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";
import type { Actor } from "../auth/actor";
import { notFound } from "../api/errors";
import { teamNames, teamRestriction, visibleTeamIds } from "../usage/scope";
import { resolveWindow } from "../usage/time-range";
import { TRACE_LIST_FIELDS, type SpanRow, type TraceRow } from "./rows";
import { decodeCursor, encodeCursor, type TraceCursor } from "./cursor";
import { traceFiltersSchema, type TraceFilters, type TraceFiltersInput } from "./schemas";
import { resolveScoreFilter } from "./score-filter";
import { latestVerdictsMatch } from "./score-spec";
import { scoreSummaries, traceScores, type TraceScore, type TraceScoreSummary } from "./scores";
import { textSearch, type SearchFields } from "./search";

export type { TraceScore, TraceScoreSummary } from "./scores";

/** A trace as the explorer lists it: the row's list columns (TRACE_LIST_FIELDS), with the endpoint
 * under `endpoint`, the team's name and the status narrowed. */
export interface TraceListItem
  extends Omit<Pick<TraceRow, keyof typeof TRACE_LIST_FIELDS>, "endpointName" | "status"> {
  endpoint: string;
  /** null for requests without a team or when the team was deleted. */
  teamName: string | null;
  status: "ok" | "error";
  /** Evaluation: the latest verdict of each judge (list items; absent when not loaded). */
  scores?: TraceScoreSummary[];
}

export interface TracePage {
  data: TraceListItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface SpanView extends Omit<SpanRow, "traceId" | "status"> {
  status: "ok" | "error" | "timeout" | "cancelled";
}

export interface TraceDetail extends TraceListItem {
  inputCostUsd: number | null;
  outputCostUsd: number | null;
  /** Request / response as captured (JSON text; for streams the assembled final message); null
   * when payload capture was off. Each is cut at the size cap when its `requestTruncated` / `responseTruncated` is set (then not valid
   * JSON); `payloadTruncated` = either. */
  requestPayload: string | null;
  responsePayload: string | null;
  payloadTruncated: boolean;
  /** Which payload was cut (both on traces written before this was recorded, when either was). */
  requestTruncated: boolean;
  responseTruncated: boolean;
  metadata: Record<string, unknown> | null;
  traceparent: string | null;
  /** Name of the team token that made the call; null without one or when it was deleted. */
  tokenName: string | null;
  /** Upstream attempts in order (a fallback chain has several). */
  spans: SpanView[];
  /** Evaluation: every score of the trace, newest first, with its run / rule. */
  scores?: TraceScore[];
}

const LIST_SELECT = TRACE_LIST_FIELDS satisfies Prisma.TraceSelect;

type ListRow = Prisma.TraceGetPayload<{ select: typeof LIST_SELECT }>;

function listItem(row: ListRow, names: Map<string, string>): TraceListItem {
  return {
    id: row.id,
    startedAt: row.startedAt,
    endpoint: row.endpointName,
    endpointId: row.endpointId,
    teamId: row.teamId,
    teamName: row.teamId ? (names.get(row.teamId) ?? null) : null,
    tokenId: row.tokenId,
    route: row.route,
    operation: row.operation,
    provider: row.provider,
    model: row.model,
    status: row.status as TraceListItem["status"],
    httpStatus: row.httpStatus,
    errorType: row.errorType,
    errorMessage: row.errorMessage,
    latencyMs: row.latencyMs,
    ttftMs: row.ttftMs,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    cacheReadTokens: row.cacheReadTokens,
    cacheCreationTokens: row.cacheCreationTokens,
    totalTokens: row.totalTokens,
    costUsd: row.costUsd,
    streaming: row.streaming,
    attempts: row.attempts,
    caller: row.caller,
  };
}

/** Every filter but the cursor and the text search; `scores` = the score filter's conditions. */
function traceWhere(f: TraceFilters, teams: string[] | undefined, scores: Prisma.TraceWhereInput[], now: Date): Prisma.TraceWhereInput {
  const and: Prisma.TraceWhereInput[] = [];
  const window = resolveWindow(f, now, null);
  if (window) and.push({ startedAt: { gte: window.from, lt: window.to } });
  if (f.endpoint) and.push({ endpointName: { in: f.endpoint } });
  if (teams) and.push({ teamId: { in: teams } });
  if (f.provider) and.push({ provider: { in: f.provider } });
  if (f.model) and.push({ model: { in: f.model } });
  if (f.status) and.push({ status: f.status });
  if (f.minLatencyMs !== undefined) and.push({ latencyMs: { gte: f.minLatencyMs } });
  if (f.caller) and.push({ caller: f.caller });
  // SQL's `caller <> 'judge'` is not true for NULL: untagged requests are kept explicitly.
  if (f.excludeCaller) and.push({ OR: [{ caller: null }, { caller: { not: f.excludeCaller } }] });
  and.push(...scores);
  return { AND: and };
}

/** Rows after the cursor in (startedAt desc, id desc) order. */
function afterCursor(c: TraceCursor | null): Prisma.TraceWhereInput {
  return c ? { OR: [{ startedAt: { lt: c.startedAt } }, { startedAt: c.startedAt, id: { lt: c.id } }] } : {};
}

/** A page of traces, newest first. */
export async function listTraces(actor: Actor, input: TraceFiltersInput, now: Date = new Date()): Promise<TracePage> {
  const filters = traceFiltersSchema.parse(input);
  const db = getDb();
  const teams = await teamRestriction(db, actor, filters.team);
  if (teams && teams.length === 0) return { data: [], nextCursor: null };
  const scoreFilter = filters.score ? await resolveScoreFilter(db, filters.score) : null;
  if (scoreFilter?.impossible) return { data: [], nextCursor: null };
  const base = traceWhere(filters, teams, scoreFilter?.where ?? [], now);
  const search = filters.q ? textSearch(filters.q) : null;
  const verify = search?.verify ?? null;
  const want = filters.limit + 1;
  // One query, unless candidates must be re-checked (the text search's exact match, the score
  // filter's latest verdicts): then scan on until the page fills.
  const rows: ListRow[] = [];
  const summaries = new Map<string, TraceScoreSummary[]>();
  let scanFrom = filters.cursor ? decodeCursor(filters.cursor) : null;
  for (;;) {
    const chunk: (ListRow & Partial<SearchFields>)[] = await db.trace.findMany({
      where: { AND: [base, search?.where ?? {}, afterCursor(scanFrom)] },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: want,
      select: verify ? { ...LIST_SELECT, requestPayload: true, responsePayload: true } : LIST_SELECT,
    });
    let kept: ListRow[] = verify ? chunk.filter((row) => verify(row as SearchFields)) : chunk;
    if (scoreFilter) {
      const latest = await scoreSummaries(db, kept.map((r) => r.id));
      kept = kept.filter((r) => latestVerdictsMatch(latest.get(r.id) ?? [], scoreFilter.specs));
      for (const r of kept) summaries.set(r.id, latest.get(r.id) ?? []);
    }
    rows.push(...kept);
    const last = chunk[chunk.length - 1];
    if ((!verify && !scoreFilter) || !last || chunk.length < want || rows.length >= want) break;
    scanFrom = { startedAt: last.startedAt, id: last.id };
  }
  const page = rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  const names = await teamNames(db, page.map((r) => r.teamId ?? ""));
  const scores = scoreFilter ? summaries : await scoreSummaries(db, page.map((r) => r.id));
  return {
    data: page.map((r) => ({ ...listItem(r, names), scores: scores.get(r.id) ?? [] })),
    nextCursor: rows.length > filters.limit && last ? encodeCursor({ startedAt: last.startedAt, id: last.id }) : null,
  };
}

/** One trace with its spans; 404 when it does not exist or belongs to a team the actor cannot see. */
export async function getTrace(actor: Actor, id: string): Promise<TraceDetail> {
  const db = getDb();
  const row = await db.trace.findUnique({
    where: { id },
    include: { spans: { orderBy: { attempt: "asc" } } },
  });
  const visible = row ? await visibleTeamIds(db, actor) : null;
  if (!row || (visible !== null && !(row.teamId && visible.includes(row.teamId)))) {
    throw notFound(`Trace '${id}' not found.`);
  }
  const names = await teamNames(db, row.teamId ? [row.teamId] : []);
  const token = row.tokenId ? await db.apiToken.findUnique({ where: { id: row.tokenId }, select: { name: true } }) : null;
  const {
    spans,
    inputCostUsd,
    outputCostUsd,
    requestPayload,
    responsePayload,
    payloadTruncated,
    requestTruncated,
    responseTruncated,
    metadata,
    traceparent,
  } = row;
  return {
    ...listItem(row, names),
    inputCostUsd,
    outputCostUsd,
    requestPayload,
    responsePayload,
    payloadTruncated,
    requestTruncated,
    responseTruncated,
    metadata: (metadata ?? null) as Record<string, unknown> | null,
    traceparent,
    tokenName: token?.name ?? null,
    spans: spans.map(({ traceId: _traceId, status, ...s }) => ({ ...s, status: status as SpanView["status"] })),
    scores: await traceScores(db, row.id),
  };
}
