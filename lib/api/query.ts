// A request's query string as the input of a strict zod schema (lib/api/route.ts, and the trace and
// usage routes, which validate in their services).

/**
 * Every key of the query string (repeated keys joined by commas, so `endpoint=a&endpoint=b` reads
 * as `endpoint=a,b`). An empty or blank value counts as absent: forms and scripts that fill a URL
 * template send `from=&cursor=` for the filters they leave open, and those mean "no filter", not an
 * invalid one. A parameter that is given is validated by the schema (an unknown one is a 422).
 */
export function queryInput(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v.trim() !== "");
    if (values.length > 0) out[key] = values.join(",");
  }
  return out;
}
