import { describe, expect, it } from "vitest";
import { computeCost, normalizeModelId, resolvePrice, type PriceOverride } from "../../lib/usage/prices";
import { BUILTIN_PRICES, BUILTIN_PRICES_AS_OF } from "../../lib/usage/prices-table";

const usage = (inputTokens: number, outputTokens: number, cacheReadTokens = 0, cacheCreationTokens = 0) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheCreationTokens,
});

function override(p: Partial<PriceOverride> & Pick<PriceOverride, "provider" | "modelPattern">): PriceOverride {
  return { id: `price_${p.modelPattern}`, source: "admin", input: 1, output: 2, ...p };
}

describe("built-in price table", () => {
  it("is dated and covers the priced providers", () => {
    expect(BUILTIN_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const providers = new Set(BUILTIN_PRICES.flatMap((e) => e.providers));
    expect([...providers].sort()).toEqual(["anthropic", "azure", "bedrock", "cohere", "gemini", "mistral", "openai"]);
    for (const e of BUILTIN_PRICES) {
      expect(e.input, e.pattern).toBeGreaterThanOrEqual(0);
      expect(e.output, e.pattern).toBeGreaterThanOrEqual(0);
    }
  });

  it("has no two entries with the same provider and pattern", () => {
    const keys = BUILTIN_PRICES.flatMap((e) => e.providers.map((p) => `${p}/${e.pattern}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("resolvePrice", () => {
  it("prefers the most specific pattern", () => {
    expect(resolvePrice("openai", "gpt-4o-mini-2024-07-18")?.pattern).toBe("gpt-4o-mini*");
    expect(resolvePrice("openai", "gpt-4o-2024-08-06")?.pattern).toBe("gpt-4o*");
    // An exact id beats a longer glob.
    expect(resolvePrice("openai", "gpt-4o-2024-05-13")).toMatchObject({ pattern: "gpt-4o-2024-05-13", input: 5 });
    expect(resolvePrice("openai", "gpt-5-mini")?.pattern).toBe("gpt-5-mini*");
    expect(resolvePrice("openai", "gpt-5.1")?.pattern).toBe("gpt-5*");
    expect(resolvePrice("openai", "o3-mini-2025-01-31")?.pattern).toBe("o3-mini*");
    expect(resolvePrice("cohere", "command-r7b-12-2024")?.pattern).toBe("command-r7b*");
    expect(resolvePrice("cohere", "command-r-plus-08-2024")?.pattern).toBe("command-r-plus*");
  });

  it("matches case-insensitively", () => {
    expect(resolvePrice("openai", "GPT-4o-Mini")?.pattern).toBe("gpt-4o-mini*");
  });

  it("prices Azure deployments of OpenAI models like OpenAI", () => {
    expect(resolvePrice("azure", "gpt-4o")).toMatchObject({ input: 2.5, output: 10, cacheRead: 1.25 });
    expect(resolvePrice("azure", "gpt-35-turbo")).toMatchObject({ input: 0.5, output: 1.5 });
  });

  it("normalises Bedrock cross-region prefixes and inference-profile ARNs", () => {
    expect(normalizeModelId("bedrock", "us.anthropic.claude-3-5-sonnet-20241022-v2:0")).toBe(
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
    );
    const arn = "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0";
    expect(resolvePrice("bedrock", arn)).toMatchObject({ pattern: "anthropic.claude-sonnet-4*", input: 3, output: 15 });
    expect(resolvePrice("bedrock", "global.anthropic.claude-haiku-4-5-20251001-v1:0")).toMatchObject({ input: 1, output: 5 });
    expect(resolvePrice("bedrock", "amazon.nova-pro-v1:0")).toMatchObject({ input: 0.8, output: 3.2 });
    // A Claude id without the Bedrock vendor prefix is not a Bedrock model id.
    expect(resolvePrice("bedrock", "claude-3-5-sonnet-20241022")).toBeNull();
  });

  it("strips Gemini's models/ prefix", () => {
    expect(resolvePrice("gemini", "models/gemini-2.5-flash")?.pattern).toBe("gemini-2.5-flash*");
    expect(resolvePrice("gemini", "gemini-2.5-flash-lite")?.pattern).toBe("gemini-2.5-flash-lite*");
  });

  it("has no price for unknown models or openai-compatible servers", () => {
    expect(resolvePrice("openai", "my-finetune")).toBeNull();
    expect(resolvePrice("openai-compatible", "gpt-4o")).toBeNull();
    expect(resolvePrice("anthropic", "gpt-4o")).toBeNull();
  });

  it("lets any matching override win over the built-in table, the most specific override first", () => {
    const overrides = [
      override({ provider: "openai", modelPattern: "gpt-4o*", input: 1 }),
      override({ provider: "openai", modelPattern: "gpt-4o-mini", input: 0.01 }),
      override({ provider: "*", modelPattern: "llama-3*", input: 0.2 }),
    ];
    // The override "gpt-4o*" is less specific than the built-in "gpt-4o-mini*" but still wins.
    expect(resolvePrice("openai", "gpt-4o-mini-2024-07-18", overrides)).toMatchObject({ source: "override", input: 1 });
    expect(resolvePrice("openai", "gpt-4o-mini", overrides)).toMatchObject({ source: "override", input: 0.01 });
    expect(resolvePrice("openai-compatible", "llama-3.1-8b", overrides)).toMatchObject({ input: 0.2 });
    expect(resolvePrice("anthropic", "claude-3-haiku-20240307", overrides)).toMatchObject({ source: "builtin" });
  });
});

describe("computeCost", () => {
  it("prices input, cached input and output tokens (OpenAI)", () => {
    // 900 uncached × $0.15 + 100 cached × $0.075 + 200 out × $0.60, per million
    expect(computeCost("openai", "gpt-4o-mini", usage(1000, 200, 100))).toEqual({
      inputCostUsd: 0.0001425,
      outputCostUsd: 0.00012,
      costUsd: 0.0002625,
    });
  });

  it("prices Anthropic cache reads and cache writes", () => {
    // prompt 10,000 = 2,000 uncached + 6,000 cache reads + 2,000 cache writes
    const cost = computeCost("anthropic", "claude-sonnet-4-5-20250929", usage(10_000, 500, 6_000, 2_000));
    expect(cost).toEqual({ inputCostUsd: 0.0153, outputCostUsd: 0.0075, costUsd: 0.0228 });
  });

  it("bills cache tokens at the input price when the model has no cache price", () => {
    expect(computeCost("openai", "gpt-4", usage(1000, 0, 500))).toEqual({ inputCostUsd: 0.03, outputCostUsd: 0, costUsd: 0.03 });
  });

  it("applies the long-context tier above its threshold", () => {
    expect(computeCost("anthropic", "claude-sonnet-4-20250514", usage(200_000, 1000))?.costUsd).toBeCloseTo(0.6 + 0.015, 10);
    expect(computeCost("anthropic", "claude-sonnet-4-20250514", usage(250_000, 1000))?.costUsd).toBeCloseTo(1.5 + 0.0225, 10);
    expect(computeCost("gemini", "gemini-2.5-pro", usage(300_000, 1000))?.costUsd).toBeCloseTo(0.75 + 0.015, 10);
  });

  it("prices embeddings by input tokens", () => {
    expect(computeCost("openai", "text-embedding-3-small", usage(1_000_000, 0))?.costUsd).toBe(0.02);
  });

  it("is null — never 0 — for an unknown model", () => {
    expect(computeCost("openai", "unknown-model", usage(1000, 1000))).toBeNull();
  });

  it("uses the override price", () => {
    const overrides = [override({ provider: "openai", modelPattern: "gpt-4o", input: 10, output: 20, cacheRead: 5 })];
    expect(computeCost("openai", "gpt-4o", usage(1000, 1000, 1000), overrides)).toEqual({
      inputCostUsd: 0.005,
      outputCostUsd: 0.02,
      costUsd: 0.025,
    });
  });
});
