// URL search params of the dashboard / trace explorer → validated filter input.
import { describe, expect, it } from "vitest";
import { parseFilters, queryString } from "@/lib/console/filters";
import { traceFiltersSchema, usageFiltersSchema } from "@/lib/tracing/schemas";

describe("parseFilters", () => {
  it("keeps known keys, drops empty and unknown ones, reads datetime-local values as UTC", () => {
    const parsed = parseFilters(traceFiltersSchema, { endpoint: "chat", team: "", foo: "bar", from: "2026-12-01T10:00", status: "error" });
    expect(parsed.ok).toBe(true);
    expect(parsed.input).toEqual({ endpoint: "chat", from: "2026-12-01T10:00:00Z", status: "error" });
    if (parsed.ok) {
      expect(parsed.filters.from?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
      expect(parsed.filters.endpoint).toEqual(["chat"]);
    }
  });

  it("joins repeated keys like the API does", () => {
    const parsed = parseFilters(usageFiltersSchema, { model: ["a", "b"] });
    expect(parsed.ok && parsed.filters.model).toEqual(["a", "b"]);
  });

  it("reports invalid values (a shared link with a typo) instead of throwing", () => {
    const parsed = parseFilters(usageFiltersSchema, { range: "2d", from: "2026-12-02", to: "2026-12-01" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join(" ")).toMatch(/range/);
    const trace = parseFilters(traceFiltersSchema, { minLatencyMs: "fast" });
    expect(trace.ok).toBe(false);
  });
});

describe("queryString", () => {
  it("serialises the input, leaving out the given keys", () => {
    expect(queryString({ endpoint: "chat", cursor: "abc", limit: "5" }, ["cursor"])).toBe("endpoint=chat&limit=5");
  });
});
