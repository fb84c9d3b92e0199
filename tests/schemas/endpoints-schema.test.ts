import { describe, expect, it } from "vitest";
import { fromZodError } from "@/lib/api/errors";
import { normaliseFallbackOrders, normaliseModels, normaliseWeights } from "@/lib/endpoints/normalise";
import { createEndpointSchema, updateEndpointSchema } from "@/lib/endpoints/schemas";

const model = (extra: object = {}) => ({ provider: "openai" as const, model: "gpt-4o", secretId: "s1", ...extra });

function error(value: unknown) {
  const result = createEndpointSchema.safeParse(value);
  expect(result.success).toBe(false);
  return fromZodError(result.error!);
}

describe("endpoint schemas", () => {
  it("applies defaults", () => {
    expect(createEndpointSchema.parse({ name: "chat", kind: "chat", models: [model()] })).toMatchObject({
      maxAttempts: 3,
      timeoutMs: 60000,
      usageTracking: true,
      capturePayloads: true,
    });
  });

  it.each(["my-endpoint", "gpt4.o_mini", "A", "0", "a".repeat(64)])("accepts the name %s", (name) => {
    expect(createEndpointSchema.safeParse({ name, kind: "chat", models: [model()] }).success).toBe(true);
  });

  it.each(["", "-leading", ".x", "has space", "slash/x", "ümlaut", "a".repeat(65), "q?x"])("rejects the name %j", (name) => {
    expect(error({ name, kind: "chat", models: [model()] }).param).toBe("name");
  });

  it("validates models with field paths", () => {
    expect(error({ name: "e", kind: "chat", models: [] }).param).toBe("models");
    expect(error({ name: "e", kind: "chat", models: [model(), model({ provider: "nope" })] }).param).toBe("models.1.provider");
    expect(error({ name: "e", kind: "chat", models: [model({ secretId: "" })] }).param).toBe("models.0.secretId");
    expect(error({ name: "e", kind: "chat", models: [model({ weight: -1 })] }).param).toBe("models.0.weight");
    expect(error({ name: "e", kind: "rerank", models: [model()] }).param).toBe("kind");
    expect(error({ name: "e", kind: "chat", models: [model()], maxAttempts: 11 }).param).toBe("maxAttempts");
    expect(error({ name: "e", kind: "chat", models: [model()], fallbackOn: [200] }).param).toBe("fallbackOn.0");
  });

  it("needs a primary model and fallbacks with distinct positions", () => {
    const noPrimary = error({ name: "e", kind: "chat", models: [model({ weight: 0, fallbackOrder: 0 })] });
    expect(noPrimary.param).toBe("models");
    expect(noPrimary.message).toMatch(/at least one model needs a weight > 0/);
    expect(error({ name: "e", kind: "chat", models: [model(), model({ weight: 0 })] }).param).toBe("models.1.weight");
    const dup = error({ name: "e", kind: "chat", models: [model(), model({ fallbackOrder: 1 }), model({ fallbackOrder: 1 })] });
    expect(dup.param).toBe("models.2.fallbackOrder");
    expect(dup.message).toMatch(/already used by models.1/);
  });

  it("update: every field optional, models still validated", () => {
    expect(updateEndpointSchema.parse({})).toEqual({});
    expect(updateEndpointSchema.safeParse({ models: [] }).success).toBe(false);
  });
});

describe("weight and fallback normalisation", () => {
  it("turns weights into percentages summing to 100", () => {
    expect(normaliseWeights([1])).toEqual([100]);
    expect(normaliseWeights([1, 1])).toEqual([50, 50]);
    expect(normaliseWeights([1, 1, 1])).toEqual([34, 33, 33]);
    expect(normaliseWeights([3, 1])).toEqual([75, 25]);
    expect(normaliseWeights([0.7, 0.3, 0])).toEqual([70, 30, 0]);
    expect(normaliseWeights([2, 0, 2])).toEqual([50, 0, 50]);
  });

  it("never rounds a positive weight down to 0", () => {
    const out = normaliseWeights([1000, 1]);
    expect(out).toEqual([99, 1]);
    const many = normaliseWeights([1000, 1, 1, 1, 1]);
    expect(many.reduce((a, b) => a + b)).toBe(100);
    expect(many.slice(1)).toEqual([1, 1, 1, 1]);
  });

  it("renumbers fallback positions 0..n-1 in their given order", () => {
    expect(normaliseFallbackOrders([null, 5, 2, undefined, 9])).toEqual([null, 1, 0, null, 2]);
  });

  it("defaults: weight 1 unless declared as fallback", () => {
    const models = normaliseModels([model(), model({ fallbackOrder: 3 }), model({ weight: 3 })]);
    expect(models.map((m) => [m.weight, m.fallbackOrder, m.position])).toEqual([
      [25, null, 0],
      [0, 0, 1],
      [75, null, 2],
    ]);
  });
});
