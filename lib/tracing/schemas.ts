// The one schema of the usage / trace filters, shared by the admin API (query strings), the
// dashboard and trace explorer pages (URL search params) and their links: a chart click builds an
// explorer URL with `filtersToSearchParams`, the page reads it back with `filtersFromSearchParams`.
// Every value is a string in a URL, so numbers and dates are coerced here.

import { z } from "zod";
import { capCaller } from "./rows";

export const TIME_RANGES = ["1h", "24h", "7d", "30d"] as const;
export type TimeRangePreset = (typeof TIME_RANGES)[number];
export const TRACE_STATUSES = ["ok", "error"] as const;
export const MAX_TRACE_PAGE = 500;
export const DEFAULT_TRACE_PAGE = 50;
/** Longest range a query may span (custom ranges). */
export const MAX_RANGE_DAYS = 400;

/** A comma-separated list in a URL (`endpoint=a,b`) → string[]. */
const listParam = z
  .string()
  .max(2000)
  .transform((s) => [...new Set(s.split(",").map((v) => v.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(200)).min(1, "must name at least one value").max(50));

/** ISO 8601 (`2025-01-31T12:00:00Z`, `2025-01-31`) or epoch milliseconds. */
const dateParam = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const d = /^\d{10,}$/.test(s) ? new Date(Number(s)) : new Date(s);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date-time or epoch milliseconds" });
      return z.NEVER;
    }
    return d;
  });

/** Stored caller tags are cut to 64 characters (rows.ts): a longer filter value matches its cut. */
const callerParam = z.string().trim().min(1).max(100).transform((s) => capCaller(s));

const usageFilterShape = {
  range: z
    .enum(TIME_RANGES)
    .optional()
    .describe("Preset window ending now (default 24h); ignored when `from` is given"),
  from: dateParam.optional().describe("Start (inclusive): ISO 8601 or epoch ms"),
  to: dateParam.optional().describe("End (exclusive): ISO 8601 or epoch ms; default now"),
  endpoint: listParam.optional().describe("Endpoint name(s), comma-separated"),
  team: listParam.optional().describe("Team id(s) or name(s), comma-separated"),
  provider: listParam.optional().describe("Provider id(s), comma-separated"),
  model: listParam.optional().describe("Provider model name(s), comma-separated"),
  caller: callerParam.optional().describe("Only requests with this caller tag (e.g. judge)"),
  excludeCaller: callerParam.optional().describe("Leave out requests with this caller tag"),
};

const fromBeforeTo = (f: { from?: Date; to?: Date }) => !(f.from && f.to) || f.from < f.to;
const fromBeforeToError = { message: "`from` must be before `to`", path: ["from"] };

/** Filters of the usage dashboard and `GET /api/v1/usage`. */
export const usageFiltersSchema = z.strictObject(usageFilterShape).refine(fromBeforeTo, fromBeforeToError);
export type UsageFiltersInput = z.input<typeof usageFiltersSchema>;
export type UsageFilters = z.output<typeof usageFiltersSchema>;

/** Filters of the trace explorer and `GET /api/v1/traces`: the usage filters plus trace-level ones. */
export const traceFiltersSchema = z
  .strictObject({
    ...usageFilterShape,
    status: z.enum(TRACE_STATUSES).optional().describe("ok or error"),
    minLatencyMs: z.coerce.number().int().min(0).max(86_400_000).optional().describe("Only traces at least this slow"),
    q: z.string().trim().min(1).max(200).optional().describe("Case-insensitive text search in payloads and errors"),
    score: listParam
      .pipe(z.array(z.string().regex(/^.+:.+$/, "must be <judge>:<label>, e.g. Safety:fail")))
      .optional()
      .describe(
        "Only traces whose latest score by <judge> is <label> (pass, fail, a category, a number as listed, or error), as the list shows it; judge names and labels ignore case; comma-separated = all of them",
      ),
    limit: z.coerce.number().int().min(1).max(MAX_TRACE_PAGE).default(DEFAULT_TRACE_PAGE).describe("Page size"),
    cursor: z.string().max(500).optional().describe("`nextCursor` of the previous page"),
  })
  .refine(fromBeforeTo, fromBeforeToError);
export type TraceFiltersInput = z.input<typeof traceFiltersSchema>;
export type TraceFilters = z.output<typeof traceFiltersSchema>;

export const FILTER_KEYS = Object.keys(traceFiltersSchema.shape) as (keyof TraceFiltersInput)[];

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** The filter keys of a URL's search params (other keys ignored; repeated keys joined by commas),
 * as input for the schemas above. Pages pass Next's `searchParams` here. */
export function filtersFromSearchParams(params: SearchParamsLike): Record<string, string> {
  const out: Record<string, string> = {};
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) {
      const all = params.getAll(key);
      return all.length ? all.join(",") : undefined;
    }
    const v = params[key];
    return Array.isArray(v) ? v.join(",") : v;
  };
  for (const key of FILTER_KEYS) {
    const v = get(key);
    if (v !== undefined && v.trim() !== "") out[key] = v;
  }
  return out;
}

/** A request's query string as input for the strict schemas above: an unknown or misspelt
 * parameter is a 422, not silently ignored; an empty one (`from=`) is absent (lib/api/query.ts). */

/** Parsed filters → URL search params (for links from the dashboard into the explorer). */
export function filtersToSearchParams(filters: Partial<TraceFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v === undefined || v === null) continue;
    if (key === "limit" && v === DEFAULT_TRACE_PAGE) continue;
    if (v instanceof Date) params.set(key, v.toISOString());
    else if (Array.isArray(v)) params.set(key, v.join(","));
    else params.set(key, String(v));
  }
  return params;
}
