// Online evaluation rules: new traces of the rule's endpoint, written by the trace writer after
// real gateway calls, are sampled deterministically by trace id and scored in the background;
// judge traffic is never scored; a rule whose judge endpoint keeps failing pauses itself.

import { describe, expect, it, vi } from "vitest";
import * as HEALTH from "../../app/api/health/route";
import { OnlineEvaluator } from "../../lib/eval/online";
import { isSampled } from "../../lib/eval/online-match";
import { createRule, getRule, updateRule } from "../../lib/eval/rule-service";
import { evaluationRuntime } from "../../lib/eval/runtime";
import { flushTracing } from "../../lib/tracing";
import { writtenInterest } from "../../lib/tracing/listeners";
import { getTrace } from "../../lib/tracing/queries";
import { TEST_DATABASES } from "../helpers/db";
import { ADMIN, useEvalEnv, waitFor } from "./helpers";

const idle = () => evaluationRuntime()!.online.idle();

describe.each(TEST_DATABASES)("online evaluation rules (%s)", (kind) => {
  const env = useEvalEnv(kind);

  it("tells the trace writer which endpoints have rules (it relays only their traces), and none without rules", async () => {
    const asKeys = () => {
      const interest = writtenInterest();
      return interest === "all" ? "all" : [...interest].sort();
    };
    await waitFor("no rules, no interest", async () => Array.isArray(asKeys()) && asKeys().length === 0, 5_000);
    const rule = await createRule(ADMIN, { name: "interest", endpoint: "chat", judges: [{ type: "code", scorer: "regex", pattern: "x" }], sampleRate: 1 });
    const endpointId = (await env.db.endpoint.findUniqueOrThrow({ where: { name: "chat" } })).id;
    await waitFor("the rule's endpoint", async () => JSON.stringify(asKeys()) === JSON.stringify(["chat", endpointId].sort()), 5_000);
    await updateRule(ADMIN, rule.id, { enabled: false });
    await waitFor("no interest once disabled", async () => Array.isArray(asKeys()) && asKeys().length === 0, 5_000);
  });

  it("samples ~25% of 400 traces, deterministically by trace id", async () => {
    const rule = await createRule(ADMIN, {
      name: "quarter",
      endpoint: "chat",
      judges: [{ type: "code", scorer: "regex", pattern: "^echo: s1 " }],
      sampleRate: 0.25,
    });
    const ids = await env.produce(Array.from({ length: 400 }, (_, i) => `s1 ${i}`), "chat", 25);
    await idle();
    const scores = await env.db.score.findMany({ where: { ruleId: rule.id } });
    const scored = new Set(scores.map((s) => s.traceId));
    const expected = ids.filter((id) => isSampled(id, rule.id, 0.25));
    expect(scores).toHaveLength(expected.length);
    expect([...scored].sort()).toEqual([...expected].sort());
    expect(expected.length).toBeGreaterThan(400 * 0.25 - 40);
    expect(expected.length).toBeLessThan(400 * 0.25 + 40);
    expect(scores.every((s) => s.label === "pass" && s.runId === null && s.judgeName === "regex")).toBe(true);
    // The same trace and rule always make the same choice; another rule draws another sample.
    expect(ids.filter((id) => isSampled(id, rule.id, 0.25))).toEqual(expected);
    expect(ids.filter((id) => isSampled(id, "another-rule", 0.25))).not.toEqual(expected);
    await updateRule(ADMIN, rule.id, { enabled: false });
    // The evaluator's counters are on the public health probe.
    const health = await (await HEALTH.GET()).json();
    expect(health.onlineEvaluation.scored).toBeGreaterThanOrEqual(expected.length);
    expect(health.onlineEvaluation).toMatchObject({ dropped: 0, queued: 0 });
  });

  it("counts and logs (once) the traces it cannot queue when judges fall behind", async () => {
    const evaluator = new OnlineEvaluator({ maxQueue: 2, db: () => env.db });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const rows = Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, caller: null }) as unknown as Parameters<OnlineEvaluator["onTraces"]>[0][number]);
      evaluator.onTraces(rows); // two queued (then taken for matching), three dropped
      expect(evaluator.metrics().dropped).toBe(3);
      evaluator.onTraces(rows);
      expect(evaluator.metrics().dropped).toBe(6);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain("online evaluation: queue full (2)");
    } finally {
      warn.mockRestore();
      await evaluator.stop();
    }
  });

  it("scores with an LLM judge within seconds, never the judge's own traffic", async () => {
    // The rule watches the judge endpoint itself: its judge calls must not be scored in turn.
    const rule = await createRule(ADMIN, {
      endpoint: "judge",
      judges: [{ type: "builtin", judge: "safety" }],
      judgeEndpoint: "judge",
      sampleRate: 1,
      filter: { status: "ok" },
    });
    expect(rule.judges).toEqual([{ type: "builtin", judge: "safety", endpoint: "judge" }]);
    const ids = await env.produce(["o2 first", "o2 second", "o2 third"], "judge");
    const scores = await waitFor("3 scores", async () => {
      const rows = await env.db.score.findMany({ where: { ruleId: rule.id } });
      return rows.length >= 3 && rows;
    }, 10_000);
    await idle();
    await flushTracing();
    await idle();
    expect(await env.db.score.count({ where: { ruleId: rule.id } })).toBe(3);
    expect(scores.map((s) => s.traceId).sort()).toEqual([...ids].sort());
    expect(scores.every((s) => s.label === "pass" && s.judgeName === "safety" && s.judgeTraceId)).toBe(true);
    const judgeTraces = await env.db.trace.findMany({ where: { caller: "judge" }, include: { scores: true } });
    expect(judgeTraces.length).toBeGreaterThanOrEqual(3);
    expect(judgeTraces.every((t) => t.scores.length === 0)).toBe(true);
    const detail = await getTrace(ADMIN, ids[0]);
    expect(detail.scores).toEqual([expect.objectContaining({ judgeName: "safety", label: "pass", ruleId: rule.id, ruleName: rule.name, runId: null })]);
    await updateRule(ADMIN, rule.id, { enabled: false });
  });

  it("pauses a rule after repeated 401s from its judge endpoint, says why, and resumes", async () => {
    const rule = await createRule(ADMIN, {
      name: "bad key",
      endpoint: "chat",
      judges: [{ type: "builtin", judge: "relevance_to_query", endpoint: "badjudge" }],
      sampleRate: 1,
    });
    await env.produce(["p3 a", "p3 b", "p3 c", "p3 d", "p3 e"]);
    await idle();
    const paused = await getRule(ADMIN, rule.id);
    expect(paused.paused).toBe(true);
    expect(paused.pausedAt).not.toBeNull();
    expect(paused.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(paused.pausedReason).toMatch(/consecutive judge endpoint failures/);
    expect(paused.pausedReason).toMatch(/401/);
    const failed = await env.db.score.count({ where: { ruleId: rule.id, error: { not: null } } });
    expect(failed).toBeGreaterThanOrEqual(3);
    expect(failed).toBeLessThan(5);
    // Paused: new traces are not scored.
    await env.produce(["p3 f"]);
    await idle();
    expect(await env.db.score.count({ where: { ruleId: rule.id } })).toBe(failed);

    // Fixed and resumed.
    const resumed = await updateRule(ADMIN, rule.id, { paused: false, judges: [{ type: "builtin", judge: "relevance_to_query", endpoint: "judge" }] });
    expect(resumed).toMatchObject({ paused: false, pausedReason: null, pausedAt: null, consecutiveFailures: 0 });
    const [id] = await env.produce(["p3 g"]);
    await idle();
    const score = await env.db.score.findFirstOrThrow({ where: { ruleId: rule.id, traceId: id } });
    expect(score).toMatchObject({ label: "pass", error: null });
  });
});
