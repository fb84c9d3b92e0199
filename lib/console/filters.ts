// URL search params of the dashboard and the trace explorer → filter input for lib/usage and
// lib/tracing, validated by the shared schemas (lib/tracing/schemas.ts). An invalid URL (a typo in
// a shared link) yields the schema's messages, shown above the page instead of a crash.

import type { z } from "zod";
import { filtersFromSearchParams } from "../tracing/schemas";
import { utcDateParam } from "../usage/display";

export type SearchParams = Record<string, string | string[] | undefined>;

export type ParsedFilters<T> = { ok: true; input: Record<string, string>; filters: T } | { ok: false; input: Record<string, string>; errors: string[] };

export function parseFilters<S extends z.ZodType>(schema: S, params: SearchParams): ParsedFilters<z.output<S>> {
  const input = filtersFromSearchParams(params);
  for (const key of ["from", "to"] as const) {
    if (input[key]) input[key] = utcDateParam(input[key])!;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, input, filters: parsed.data };
  return {
    ok: false,
    input,
    errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)),
  };
}

/** The filter input as a query string (for links that keep the current view). */
export function queryString(input: Record<string, string>, omit: string[] = []): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) if (!omit.includes(k)) params.set(k, v);
  return params.toString();
}
