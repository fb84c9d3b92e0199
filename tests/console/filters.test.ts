// URL search params of the dashboard / trace explorer → validated filter input.
import { describe, expect, it } from "vitest";
import { invalidField } from "@/lib/api/errors";
import { parseFilters, queryString, teamFilterChoice, windowFieldErrors } from "@/lib/console/filters";
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

describe("errors of the time fields", () => {
  it("from after to is a plain error at the fields, not in the list of invalid filters; the input is kept", () => {
    const parsed = parseFilters(usageFiltersSchema, { from: "2026-12-06T12:00", to: "2026-12-05T12:00", provider: "openai" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toEqual({ fromTo: "From must be before To" });
    expect(parsed.errors).toEqual([]);
    // The form is filled from the input again: the user's choices stay.
    expect(parsed.input).toEqual({ from: "2026-12-06T12:00:00Z", to: "2026-12-05T12:00:00Z", provider: "openai" });
    const equal = parseFilters(traceFiltersSchema, { from: "2026-12-05T12:00", to: "2026-12-05T12:00" });
    expect(!equal.ok && equal.fieldErrors).toEqual({ fromTo: "From must be before To" });
  });

  it("a date that is not one is an error of its field; other invalid filters stay in the list", () => {
    const parsed = parseFilters(traceFiltersSchema, { from: "yesterday", to: "2026-12-05T12:00", minLatencyMs: "fast" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toEqual({ from: "From is not a valid date and time" });
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatch(/^minLatencyMs: /);
  });

  it("a window the query refuses (lib/usage/time-range) becomes an error of the time fields", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    const order = invalidField("from", "`from` must be before `to`.");
    expect(windowFieldErrors(order, { from: new Date("2026-12-07T00:00:00Z") }, now)).toEqual({ from: "From must be in the past when To is empty" });
    expect(windowFieldErrors(order, { from: new Date("2026-12-07T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") }, now)).toEqual({
      fromTo: "From must be before To",
    });
    const long = invalidField("from", "The time range may span at most 400 days.");
    expect(windowFieldErrors(long, { from: new Date("2020-01-01T00:00:00Z") }, now)).toEqual({ from: "The time range may span at most 400 days." });
    expect(windowFieldErrors(invalidField("endpoint", "nope"), {}, now)).toBeNull();
    expect(windowFieldErrors(new Error("db down"), {}, now)).toBeNull();
  });
});

describe("queryString", () => {
  it("serialises the input, leaving out the given keys", () => {
    expect(queryString({ endpoint: "chat", cursor: "abc", limit: "5" }, ["cursor"])).toBe("endpoint=chat&limit=5");
  });
});

describe("teamFilterChoice", () => {
  const teams = [
    { id: "t1", name: "Billing" },
    { id: "t2", name: "Search" },
  ];

  it("selects a team given by id or by name (any case)", () => {
    expect(teamFilterChoice("t1", teams)).toEqual({ value: "t1", unknown: [] });
    expect(teamFilterChoice("search", teams)).toEqual({ value: "t2", unknown: [] });
    expect(teamFilterChoice(undefined, teams)).toEqual({ value: "", unknown: [] });
  });

  it("never offers an unknown value: the select shows all teams and the field names it", () => {
    expect(teamFilterChoice("nonexistent", teams)).toEqual({ value: "", unknown: ["nonexistent"] });
    expect(teamFilterChoice("t1,ghost", teams)).toEqual({ value: "", unknown: ["ghost"] });
  });

  it("several known teams stay as one option labelled with their names", () => {
    expect(teamFilterChoice("t1,t2", teams)).toEqual({ value: "t1,t2", label: "Billing, Search", unknown: [] });
  });
});
