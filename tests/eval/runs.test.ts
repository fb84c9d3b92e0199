// Evaluation runs end to end: traces produced by real gateway calls (or dataset items), judged by
// LLM judges through the gateway (caller "judge") against a fake judge model, and code scorers;
// counts, aggregates, judge cost, malformed verdicts, results, comparison, scores on traces.

import { describe, expect, it } from "vitest";
import { addDatasetItems, createDataset } from "../../lib/eval/dataset-service";
import { compareRuns, createRun, getRun, getRunResults, listRuns } from "../../lib/eval/run-service";
import { getTrace, listTraces } from "../../lib/tracing/queries";
import { flushTracing } from "../../lib/tracing";
import { computeCost } from "../../lib/usage/prices";
import { MALFORMED_TEXT } from "../fakes/judge";
import { TEST_DATABASES } from "../helpers/db";
import { ADMIN, useEvalEnv, waitFor } from "./helpers";

const CALL_COST = computeCost("openai", "gpt-4o-mini", { inputTokens: 1000, outputTokens: 100 })!.costUsd;

describe.each(TEST_DATABASES)("evaluation runs (%s)", (kind) => {
  const env = useEvalEnv(kind);
  const completed = (id: string) =>
    waitFor(`run ${id} completed`, async () => {
      const run = await getRun(ADMIN, id);
      return run.status === "completed" && run;
    });

  it("judges traces: counts, aggregates, judge cost, malformed verdicts, results and scores on traces", async () => {
    const texts = ["t1 hello a", "t1 hello b", "t1 hello c", "t1 hello d VERDICT:FAIL", "t1 hello e VERDICT:MALFORMED", "t1 hello f VERDICT:MALFORMED_ONCE"];
    const ids = await env.produce(texts);
    const created = await createRun(ADMIN, {
      name: "traces t1",
      source: { type: "traces", filter: { endpoint: "chat", q: "t1 hello" } },
      judges: [{ type: "builtin", judge: "safety" }, { type: "code", scorer: "contains", substring: "hello" }],
      judgeEndpoint: "judge",
    });
    expect(created).toMatchObject({ total: 6, done: 0, status: "queued", source: { type: "traces", sampleSize: null } });
    expect(created.judges.map((j) => j.name)).toEqual(["safety", "contains"]);

    const run = await completed(created.id);
    expect(run).toMatchObject({ total: 6, done: 6, errors: 1, progress: 1 });
    const safety = run.aggregates.find((a) => a.judgeName === "safety")!;
    expect(safety).toMatchObject({ outputType: "pass_fail", scored: 5, errors: 1, passRate: 0.8 });
    expect(safety.distribution).toEqual([{ label: "pass", count: 4 }, { label: "fail", count: 1 }]);
    expect(run.aggregates.find((a) => a.judgeName === "contains")).toMatchObject({ scored: 6, errors: 0, passRate: 1, costUsd: 0 });
    // 6 verdicts + one retry for each malformed first answer.
    expect(env.judge.calls).toBe(8);
    expect(run.judgeCostUsd).toBeCloseTo(8 * CALL_COST, 9);
    expect(safety.costUsd).toBeCloseTo(8 * CALL_COST, 9);

    const results = await getRunResults(ADMIN, run.id);
    expect(results.data.map((r) => r.traceId).sort()).toEqual([...ids].sort());
    const bad = results.data.find((r) => r.traceId === ids[4])!;
    expect(bad.status).toBe("error");
    expect(bad.scores.safety.error).toMatch(/Malformed verdict after a retry/);
    expect(bad.scores.safety.rawText).toBe(MALFORMED_TEXT);
    expect(bad.scores.contains.label).toBe("pass");
    const good = results.data.find((r) => r.traceId === ids[0])!;
    expect(good).toMatchObject({ status: "done", outputs: "echo: t1 hello a", inputs: { messages: [{ role: "user", content: "t1 hello a" }] } });
    expect(good.scores.safety).toMatchObject({ label: "pass", value: 1, rationale: "The response is fine.", runId: run.id, traceId: ids[0] });
    const failed = await getRunResults(ADMIN, run.id, { judge: "safety", label: "fail" });
    expect(failed.data.map((r) => r.traceId)).toEqual([ids[3]]);
    const page = await getRunResults(ADMIN, run.id, { limit: 4 });
    expect(page.data).toHaveLength(4);
    const rest = await getRunResults(ADMIN, run.id, { limit: 4, cursor: page.nextCursor! });
    expect(rest.data).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();

    // Judge calls are traced with caller "judge" and linked from the scores.
    await flushTracing();
    const judgeTraces = await env.db.trace.findMany({ where: { caller: "judge" } });
    expect(judgeTraces).toHaveLength(8);
    expect(judgeTraces.every((t) => t.endpointName === "judge")).toBe(true);
    expect(judgeTraces.map((t) => t.id)).toContain(good.scores.safety.judgeTraceId);

    // Scores on traces: the detail lists them with the run, the list has a per-judge summary and a filter.
    const detail = await getTrace(ADMIN, ids[3]);
    expect(detail.scores).toEqual(
      expect.arrayContaining([expect.objectContaining({ judgeName: "safety", label: "fail", runId: run.id, runName: "traces t1", ruleId: null })]),
    );
    const listed = await listTraces(ADMIN, { score: "safety:fail" });
    expect(listed.data.map((t) => t.id)).toEqual([ids[3]]);
    expect(listed.data[0].scores).toEqual([
      expect.objectContaining({ judgeName: "contains", label: "pass" }),
      expect.objectContaining({ judgeName: "safety", label: "fail", value: 0, error: null }),
    ]);
    expect((await listTraces(ADMIN, { score: "safety:error" })).data.map((t) => t.id)).toEqual([ids[4]]);
    expect((await listTraces(ADMIN, { score: "safety:fail,contains:pass" })).data).toHaveLength(1);

    // Judge traffic is left out of trace runs unless the filter names a caller.
    const again = await createRun(ADMIN, {
      source: { type: "traces", filter: { q: "t1 hello" }, sampleSize: 3 },
      judges: [{ type: "code", scorer: "json_valid" }],
    });
    expect(again.total).toBe(3);
    const sampled = await getRunResults(ADMIN, again.id);
    expect(sampled.data.every((r) => ids.includes(r.traceId!))).toBe(true);
    await completed(again.id);
    expect((await listRuns(ADMIN)).data.map((r) => r.id)).toEqual([again.id, run.id]);
  });

  it("a dataset run's scores show on the traces its items were copied from, and outlive them", async () => {
    const ids = await env.produce(["d5 copied one", "d5 copied two"]);
    const ds = await createDataset(ADMIN, { name: `from-traces-${kind}`, traceIds: ids });
    const run = await createRun(ADMIN, {
      name: "dataset d5",
      source: { type: "dataset", datasetId: ds.id },
      judges: [{ type: "code", scorer: "regex", pattern: "copied one" }],
    });
    await completed(run.id);
    const one = await getTrace(ADMIN, ids[0]);
    expect(one.scores).toEqual([
      expect.objectContaining({ judgeName: "regex", label: "pass", runId: run.id, runName: "dataset d5", datasetName: ds.name, ruleId: null }),
    ]);
    expect((await getTrace(ADMIN, ids[1])).scores).toEqual([expect.objectContaining({ judgeName: "regex", label: "fail", datasetName: ds.name })]);
    // The score belongs to the dataset item: purging the trace keeps the run's results.
    await env.db.trace.delete({ where: { id: ids[0] } });
    expect(await env.db.score.count({ where: { runId: run.id } })).toBe(2);
  });

  it("judges a dataset (snapshots, missing expectations) and compares two runs", async () => {
    const ds = await createDataset(ADMIN, { name: `qa-${kind}` });
    await addDatasetItems(ADMIN, ds.id, {
      items: [
        { inputs: { question: "2+2?" }, outputs: "4", expectations: { expected_response: "4" } },
        { inputs: { question: "Capital of France?" }, outputs: "Lyon VERDICT:FAIL", expectations: { expected_response: "Paris" } },
        { inputs: { question: "No expectations" }, outputs: "whatever" },
      ],
    });
    const judges = [
      { type: "builtin" as const, judge: "correctness" as const },
      { type: "code" as const, scorer: "exact_match" as const },
      { type: "builtin" as const, judge: "fluency" as const },
    ];
    const first = await createRun(ADMIN, { source: { type: "dataset", datasetId: ds.name }, judges, judgeEndpoint: "judge" });
    expect(first.source).toEqual({ type: "dataset", datasetId: ds.id, datasetName: ds.name });
    const a = await completed(first.id);
    expect(a).toMatchObject({ total: 3, done: 3, errors: 1 });
    expect(a.aggregates).toEqual([
      expect.objectContaining({ judgeName: "correctness", scored: 2, errors: 1, passRate: 0.5 }),
      expect.objectContaining({ judgeName: "exact_match", scored: 2, errors: 1, passRate: 0.5 }),
      expect.objectContaining({ judgeName: "fluency", outputType: "numeric", scored: 3, errors: 0, passRate: null, mean: 3 }),
    ]);
    expect(a.aggregates[2].distribution).toEqual([{ label: "1", count: 1 }, { label: "4", count: 2 }]);
    // The item without expectations needs no correctness call: 2 correctness + 3 fluency calls.
    expect(env.judge.calls).toBe(5);
    expect(a.judgeCostUsd).toBeCloseTo(5 * CALL_COST, 9);
    expect(a.aggregates[0].costUsd).toBeCloseTo(2 * CALL_COST, 9);
    const results = await getRunResults(ADMIN, a.id);
    expect(results.data[0]).toMatchObject({ position: 0, inputs: { question: "2+2?" }, outputs: "4", expectations: { expected_response: "4" }, status: "done" });
    expect(results.data[2].scores.correctness.error).toMatch(/expected_response/);

    env.judge.everything = "fail";
    const second = await createRun(ADMIN, { source: { type: "dataset", datasetId: ds.id }, judges, judgeEndpoint: "judge" });
    const b = await completed(second.id);
    const cmp = await compareRuns(ADMIN, a.id, b.id);
    expect(cmp).toMatchObject({ matched: 3, onlyInA: 0, onlyInB: 0 });
    expect(cmp.judges.find((j) => j.judgeName === "correctness")).toMatchObject({ changed: 1, a: { passRate: 0.5 }, b: { passRate: 0 } });
    expect(cmp.judges.find((j) => j.judgeName === "exact_match")!.changed).toBe(0);
    expect(cmp.judges.find((j) => j.judgeName === "fluency")).toMatchObject({ changed: 2, a: { mean: 3 }, b: { mean: 1 } });
    expect(cmp.changes).toHaveLength(2);
    expect(cmp.changes[0].judges.fluency).toEqual({ a: { value: 4, label: null, error: null }, b: { value: 1, label: null, error: null } });
    expect(cmp.changes[0].judges.correctness).toEqual({ a: { value: 1, label: "pass", error: null }, b: { value: 0, label: "fail", error: null } });
  });
});
