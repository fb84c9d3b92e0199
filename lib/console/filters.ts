// URL search params of the dashboard and the trace explorer → filter input for lib/usage and
// lib/tracing, validated by the shared schemas (lib/tracing/schemas.ts). An invalid URL (a typo in
// a shared link) yields the schema's messages, shown above the page instead of a crash; errors of
// the from / to inputs are worded for the form and shown at those fields (`fieldErrors`).

import type { z } from "zod";
import { ApiError } from "../api/errors";
import { filtersFromSearchParams } from "../tracing/schemas";
import { utcDateParam } from "../usage/display";

export type SearchParams = Record<string, string | string[] | undefined>;

/** Errors shown at the filter bar's time fields: a from / to that is not a date, or a pair out of
 * order (`fromTo`). */
export type FilterFieldErrors = Partial<Record<"from" | "to" | "fromTo", string>>;

export type ParsedFilters<T> =
  | { ok: true; input: Record<string, string>; filters: T }
  | {
      ok: false;
      input: Record<string, string>;
      /** Errors of the other filters (a hand-edited URL), for a message above the page. */
      errors: string[];
      fieldErrors: FilterFieldErrors;
    };

const TIME_FIELDS = { from: "From", to: "To" } as const;

/** A from / to value as the schemas read it (ISO 8601 or epoch milliseconds); null if invalid. */
function dateOf(value: string | undefined): Date | null {
  if (!value) return null;
  const d = /^\d{10,}$/.test(value.trim()) ? new Date(Number(value.trim())) : new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

export function parseFilters<S extends z.ZodType>(schema: S, params: SearchParams): ParsedFilters<z.output<S>> {
  const input = filtersFromSearchParams(params);
  for (const key of ["from", "to"] as const) {
    if (input[key]) input[key] = utcDateParam(input[key])!;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, input, filters: parsed.data };
  const from = dateOf(input.from);
  const to = dateOf(input.to);
  const errors: string[] = [];
  const fieldErrors: FilterFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (key === "from" || key === "to") {
      // Both dates valid: the issue is the schema's "`from` must be before `to`".
      if (from && to) fieldErrors.fromTo = "From must be before To";
      else fieldErrors[key] ??= `${TIME_FIELDS[key]} is not a valid date and time`;
    } else {
      errors.push(issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message);
    }
  }
  return { ok: false, input, errors, fieldErrors };
}

/** The filter input as a query string (for links that keep the current view). */
export function queryString(input: Record<string, string>, omit: string[] = []): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) if (!omit.includes(k)) params.set(k, v);
  return params.toString();
}

/** A time window the query refused (lib/usage/time-range: from not before to, where a missing `to`
 * is now; longer than allowed) as errors of the time fields; null for any other error. */
export function windowFieldErrors(err: unknown, filters: { from?: Date; to?: Date }, now: Date = new Date()): FilterFieldErrors | null {
  if (!(err instanceof ApiError) || (err.param !== "from" && err.param !== "to")) return null;
  if (filters.from && filters.from >= (filters.to ?? now)) {
    return filters.to ? { fromTo: "From must be before To" } : { from: "From must be in the past when To is empty" };
  }
  return { [err.param]: err.message };
}

/** What the filter bar's team select shows for the URL's `team` value (ids or names,
 * comma-separated): the option to select (a team's id, or the value as it is for several teams)
 * and the values that name no team the user can see. Those are never offered as options: the
 * select shows "All teams" and the field says which values are unknown (a deleted team's id still
 * filters the data, as the API does). */
export function teamFilterChoice(
  value: string | undefined,
  teams: readonly { id: string; name: string }[],
): { value: string; label?: string; unknown: string[] } {
  const parts = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) return { value: "", unknown: [] };
  const found = parts.map((p) => teams.find((t) => t.id === p) ?? teams.find((t) => t.name.toLowerCase() === p.toLowerCase()));
  const unknown = parts.filter((_, i) => !found[i]);
  if (unknown.length) return { value: "", unknown };
  const known = found as { id: string; name: string }[];
  if (known.length === 1) return { value: known[0].id, unknown: [] };
  return { value: value ?? "", label: known.map((t) => t.name).join(", "), unknown: [] };
}
