// Which traces an online rule selects (pure): endpoint, filter, deterministic sampling, no judge
// traffic; and the trace list's `score` filter syntax.

import { describe, expect, it } from "vitest";
import { isSampled, matchesFilter, ruleSelects, samplePosition } from "../../lib/eval/online-match";
import type { TraceRow } from "../../lib/tracing/rows";
import { traceFiltersSchema } from "../../lib/tracing/schemas";

const trace = (over: Partial<TraceRow> = {}): TraceRow => ({
  id: "tr_1",
  startedAt: new Date(),
  endpointId: "ep_1",
  endpointName: "chat",
  teamId: "team_a",
  tokenId: null,
  route: "unified",
  operation: "chat",
  provider: "openai",
  model: "gpt-4o",
  status: "ok",
  httpStatus: 200,
  errorType: null,
  errorMessage: null,
  latencyMs: 800,
  ttftMs: null,
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: null,
  cacheCreationTokens: null,
  totalTokens: 15,
  inputCostUsd: null,
  outputCostUsd: null,
  costUsd: null,
  streaming: false,
  attempts: 1,
  requestPayload: null,
  responsePayload: null,
  payloadTruncated: false,
  caller: null,
  metadata: JSON.stringify({ env: "prod", tier: 2 }),
  traceparent: null,
  requestTruncated: false,
  responseTruncated: false,
  ...over,
});

const rule = { id: "rule_1", endpointId: "ep_1", endpointName: "chat", sampleRate: 1, filter: null };

describe("online rule matching", () => {
  it("samples uniformly and deterministically by trace id and rule id", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `trace-${i}`);
    const share = ids.filter((id) => isSampled(id, "r", 0.25)).length / ids.length;
    expect(share).toBeGreaterThan(0.24);
    expect(share).toBeLessThan(0.26);
    expect(samplePosition("a", "r")).toBe(samplePosition("a", "r"));
    expect(samplePosition("a", "r")).not.toBe(samplePosition("a", "s"));
    expect(isSampled("anything", "r", 1)).toBe(true);
  });

  it("selects the rule's endpoint (by id or name), never judge traffic or embeddings", () => {
    expect(ruleSelects(rule, trace())).toBe(true);
    expect(ruleSelects(rule, trace({ endpointId: "ep_renamed_elsewhere", endpointName: "chat" }))).toBe(true);
    expect(ruleSelects(rule, trace({ endpointId: "ep_2", endpointName: "other" }))).toBe(false);
    expect(ruleSelects(rule, trace({ caller: "judge" }))).toBe(false);
    expect(ruleSelects(rule, trace({ operation: "embeddings" }))).toBe(false);
    expect(ruleSelects(rule, trace({ caller: "batch-job" }))).toBe(true);
  });

  it("applies every filter condition", () => {
    expect(matchesFilter(trace(), { status: "ok", provider: ["openai"], model: ["gpt-4o"], team: ["team_a"], minLatencyMs: 500 })).toBe(true);
    expect(matchesFilter(trace(), { status: "error" })).toBe(false);
    expect(matchesFilter(trace(), { model: ["gpt-4o-mini"] })).toBe(false);
    expect(matchesFilter(trace({ teamId: null }), { team: ["team_a"] })).toBe(false);
    expect(matchesFilter(trace(), { minLatencyMs: 1000 })).toBe(false);
    expect(matchesFilter(trace(), { metadata: { env: "prod", tier: "2" } })).toBe(true);
    expect(matchesFilter(trace(), { metadata: { env: "dev" } })).toBe(false);
    expect(matchesFilter(trace({ metadata: null }), { metadata: { env: "prod" } })).toBe(false);
  });
});

describe("trace list score filter", () => {
  it("accepts <judge>:<label> lists and rejects anything else", () => {
    expect(traceFiltersSchema.parse({ score: "safety:fail, Tone: rude :x:pass" }).score).toEqual(["safety:fail", "Tone: rude :x:pass"]);
    expect(traceFiltersSchema.safeParse({ score: "safety" }).success).toBe(false);
    expect(traceFiltersSchema.parse({}).score).toBeUndefined();
  });
});
