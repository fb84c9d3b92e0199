import { describe, expect, it } from "vitest";
import { filterBuiltinPrices, filterPriceOverrides, isPriceSearchActive, parsePriceSearch } from "@/lib/usage/prices-filter";
import { BUILTIN_PRICES } from "@/lib/usage/prices-table";

const patterns = (rows: readonly { pattern: string }[]) => rows.map((r) => r.pattern);

describe("parsePriceSearch", () => {
  it("reads provider and q, trimmed; ignores an unknown provider and repeated values", () => {
    expect(parsePriceSearch({ provider: "anthropic", q: "  sonnet " })).toEqual({ provider: "anthropic", q: "sonnet" });
    expect(parsePriceSearch({ provider: "nope", q: ["a", "b"] })).toEqual({ provider: "", q: "a" });
    expect(parsePriceSearch({})).toEqual({ provider: "", q: "" });
    expect(isPriceSearchActive(parsePriceSearch({}))).toBe(false);
    expect(isPriceSearchActive(parsePriceSearch({ q: "x" }))).toBe(true);
  });
});

describe("filterBuiltinPrices", () => {
  it("returns everything without a search", () => {
    expect(filterBuiltinPrices(BUILTIN_PRICES, { provider: "", q: "" })).toHaveLength(BUILTIN_PRICES.length);
  });

  it("matches a substring of the pattern, case-insensitively", () => {
    const rows = filterBuiltinPrices(BUILTIN_PRICES, { provider: "", q: "SONNET" });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.pattern.includes("sonnet"))).toBe(true);
  });

  it("matches a full model id against the glob that prices it", () => {
    const rows = filterBuiltinPrices(BUILTIN_PRICES, { provider: "openai", q: "gpt-4o-mini-2024-07-18" });
    expect(patterns(rows)).toEqual(expect.arrayContaining(["gpt-4o-mini*", "gpt-4o*"]));
    expect(rows.every((r) => (r.providers as readonly string[]).includes("openai"))).toBe(true);
  });

  it("normalises Bedrock ids (cross-region prefix) when the provider is Bedrock", () => {
    const rows = filterBuiltinPrices(BUILTIN_PRICES, { provider: "bedrock", q: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" });
    expect(patterns(rows)).toContain("anthropic.claude-sonnet-4-5*");
  });

  it("keeps only the provider's entries and finds nothing for an unknown model", () => {
    const gemini = filterBuiltinPrices(BUILTIN_PRICES, { provider: "gemini", q: "" });
    expect(gemini.length).toBeGreaterThan(0);
    expect(gemini.every((r) => (r.providers as readonly string[]).includes("gemini"))).toBe(true);
    expect(filterBuiltinPrices(BUILTIN_PRICES, { provider: "", q: "no-such-model-xyz" })).toEqual([]);
    expect(filterBuiltinPrices(BUILTIN_PRICES, { provider: "openai-compatible", q: "" })).toEqual([]);
  });
});

describe("filterPriceOverrides", () => {
  const overrides = [
    { id: "1", provider: "openai", modelPattern: "gpt-4o*" },
    { id: "2", provider: "*", modelPattern: "house-llm-*" },
    { id: "3", provider: "anthropic", modelPattern: "claude-opus-4-1" },
  ];

  it("filters by provider, keeping 'Any provider' overrides", () => {
    expect(filterPriceOverrides(overrides, { provider: "anthropic", q: "" }).map((o) => o.id)).toEqual(["2", "3"]);
  });

  it("filters by pattern substring or by a model id the glob matches", () => {
    expect(filterPriceOverrides(overrides, { provider: "", q: "house" }).map((o) => o.id)).toEqual(["2"]);
    expect(filterPriceOverrides(overrides, { provider: "", q: "house-llm-7b" }).map((o) => o.id)).toEqual(["2"]);
    expect(filterPriceOverrides(overrides, { provider: "anthropic", q: "gpt-4o" }).map((o) => o.id)).toEqual([]);
  });
});
