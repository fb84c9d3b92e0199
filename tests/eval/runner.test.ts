// The run executor: cancelling a run aborts its in-flight judge calls; stopping the runner mid-run
// and starting a new one (also with items left "running" by a dead process) finishes every item
// exactly once; two runners on one database (two server processes) share the work, and a dead
// runner's claims are taken over once their lease runs out.

import { describe, expect, it } from "vitest";
import { addDatasetItems, createDataset } from "../../lib/eval/dataset-service";
import { cancelRun, createRun, getRun, getRunResults } from "../../lib/eval/run-service";
import { EvalRunner } from "../../lib/eval/runner";
import { evaluationRuntime, startEvaluation, stopEvaluation } from "../../lib/eval/runtime";
import { flushTracing } from "../../lib/tracing";
import { TEST_DATABASES } from "../helpers/db";
import { ADMIN, RUNTIME_OPTIONS, useEvalEnv, waitFor } from "./helpers";

describe.each(TEST_DATABASES)("evaluation runner (%s)", (kind) => {
  const env = useEvalEnv(kind);

  it("cancels a run: in-flight judge calls aborted, nothing more judged, status cancelled", async () => {
    await env.produce(["c1 one", "c1 two", "c1 three", "c1 four", "c1 five", "c1 six"]);
    env.judge.switches.latencyMs = 400;
    const run = await createRun(ADMIN, {
      source: { type: "traces", filter: { q: "c1 " } },
      judges: [{ type: "builtin", judge: "safety" }],
      judgeEndpoint: "judge",
    });
    await waitFor("first items judged", async () => (await getRun(ADMIN, run.id)).done >= 1);
    // Two workers: two more calls are in flight now.
    await waitFor("calls in flight", async () => env.judge.calls >= 3);
    const cancelled = await cancelRun(ADMIN, run.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.finishedAt).not.toBeNull();
    const doneAtCancel = cancelled.done;
    // A request the gateway had already written before the abort may still reach the fake a few
    // ms later; count from there, then nothing new may arrive.
    await new Promise((r) => setTimeout(r, 100));
    const callsAtCancel = env.judge.calls;
    await new Promise((r) => setTimeout(r, 700));
    const after = await getRun(ADMIN, run.id);
    expect(after.status).toBe("cancelled");
    expect(after.done).toBe(doneAtCancel);
    expect(after.done).toBeLessThan(6);
    expect(env.judge.calls).toBe(callsAtCancel);
    // What was not judged is marked skipped (none left pending or claimed); the aborted calls wrote no score.
    expect(await env.db.evaluationRunItem.count({ where: { runId: run.id, status: { in: ["running", "pending"] } } })).toBe(0);
    expect(await env.db.evaluationRunItem.count({ where: { runId: run.id, status: "skipped" } })).toBe(6 - doneAtCancel);
    expect(await env.db.score.count({ where: { runId: run.id } })).toBe(doneAtCancel);
    await expect(cancelRun(ADMIN, run.id)).rejects.toMatchObject({ status: 409 });
    // The aborted judge calls are traced as closed by the client (499).
    await flushTracing();
    expect(await env.db.trace.count({ where: { caller: "judge", httpStatus: 499 } })).toBeGreaterThanOrEqual(1);
  });

  it("shows unjudged dataset items (pending, then skipped) with the dataset's inputs and outputs", async () => {
    await stopEvaluation(); // no runner: the items stay pending
    try {
      const dataset = await createDataset(ADMIN, { name: "unjudged" });
      await addDatasetItems(ADMIN, dataset.id, {
        items: [
          { inputs: { question: "q one" }, outputs: "a one", expectations: { expected_response: "a one" } },
          { inputs: { question: "q two" }, outputs: "a two" },
        ],
      });
      const run = await createRun(ADMIN, { source: { type: "dataset", datasetId: dataset.id }, judges: [{ type: "builtin", judge: "safety" }], judgeEndpoint: "judge" });
      const pending = await getRunResults(ADMIN, run.id);
      expect(pending.data.map((i) => [i.status, i.inputs, i.outputs])).toEqual([
        ["pending", { question: "q one" }, "a one"],
        ["pending", { question: "q two" }, "a two"],
      ]);
      expect(pending.data[0].expectations).toEqual({ expected_response: "a one" });
      await cancelRun(ADMIN, run.id);
      const skipped = await getRunResults(ADMIN, run.id);
      expect(skipped.data.map((i) => [i.status, i.inputs])).toEqual([
        ["skipped", { question: "q one" }],
        ["skipped", { question: "q two" }],
      ]);
    } finally {
      startEvaluation(RUNTIME_OPTIONS);
    }
  });

  it("resumes after a restart: every item finishes exactly once", async () => {
    await env.produce(Array.from({ length: 10 }, (_, i) => `r2 item ${i}`));
    env.judge.switches.latencyMs = 120;
    const run = await createRun(ADMIN, {
      source: { type: "traces", filter: { q: "r2 item" } },
      judges: [{ type: "builtin", judge: "safety" }, { type: "code", scorer: "regex", pattern: "item" }],
      judgeEndpoint: "judge",
    });
    expect(run.total).toBe(10);
    await waitFor("some items judged", async () => (await getRun(ADMIN, run.id)).done >= 2);
    await stopEvaluation();
    expect(evaluationRuntime()).toBeNull();
    const stopped = await getRun(ADMIN, run.id);
    expect(stopped.status).toBe("running");
    expect(stopped.done).toBeLessThan(10);
    expect(await env.db.evaluationRunItem.count({ where: { runId: run.id, status: "running" } })).toBe(0);

    // A process that died mid-item leaves it "running"; the next start puts it back to pending.
    const orphan = await env.db.evaluationRunItem.findFirstOrThrow({ where: { runId: run.id, status: "pending" } });
    await env.db.evaluationRunItem.update({ where: { id: orphan.id }, data: { status: "running", startedAt: new Date() } });

    env.judge.switches.latencyMs = 0;
    startEvaluation(RUNTIME_OPTIONS);
    const finished = await waitFor("run completed", async () => {
      const r = await getRun(ADMIN, run.id);
      return r.status === "completed" && r;
    });
    expect(finished).toMatchObject({ total: 10, done: 10, errors: 0 });
    const items = await env.db.evaluationRunItem.findMany({ where: { runId: run.id } });
    expect(items.every((i) => i.status === "done")).toBe(true);
    const perItem = await env.db.score.groupBy({ by: ["runItemId", "judgeName"], where: { runId: run.id }, _count: { _all: true } });
    expect(perItem).toHaveLength(20);
    expect(perItem.every((g) => g._count._all === 1)).toBe(true);
    expect(finished.aggregates.map((a) => [a.judgeName, a.scored])).toEqual([["safety", 10], ["regex", 10]]);
  });

  it("two runners on one database: every item judged once, live claims left alone, a dead runner's taken over", async () => {
    await env.produce(Array.from({ length: 8 }, (_, i) => `shared-db ${i}`));
    env.judge.switches.latencyMs = 250;
    const second = new EvalRunner({ concurrency: 2, idlePollMs: 50 });
    try {
      const run = await createRun(ADMIN, { source: { type: "traces", filter: { q: "shared-db " } }, judges: [{ type: "builtin", judge: "safety" }], judgeEndpoint: "judge" });
      await waitFor("the first runner's calls in flight", async () => env.judge.calls >= 2);
      // The second process starts while the first is mid-item: it must not reset those items.
      await second.start();
      expect(await env.db.evaluationRunItem.count({ where: { runId: run.id, status: "running" } })).toBeGreaterThanOrEqual(2);
      const finished = await waitFor("run completed", async () => {
        const r = await getRun(ADMIN, run.id);
        return r.status === "completed" && r;
      });
      expect(finished).toMatchObject({ total: 8, done: 8, errors: 0 });
      const perItem = await env.db.score.groupBy({ by: ["runItemId"], where: { runId: run.id }, _count: { _all: true } });
      expect(perItem).toHaveLength(8);
      expect(perItem.every((g) => g._count._all === 1)).toBe(true);
      expect(second.processed).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }

    // A process that died holding an item: its heartbeat goes stale, and a live runner takes over.
    await stopEvaluation();
    env.judge.switches.latencyMs = 0;
    await env.produce(["dead-runner 1", "dead-runner 2"]);
    const run = await createRun(ADMIN, { source: { type: "traces", filter: { q: "dead-runner " } }, judges: [{ type: "builtin", judge: "safety" }], judgeEndpoint: "judge" });
    const held = await env.db.evaluationRunItem.findFirstOrThrow({ where: { runId: run.id } });
    await env.db.evaluationRunItem.update({ where: { id: held.id }, data: { status: "running", claimedBy: "dead-process", heartbeatAt: new Date(), startedAt: new Date() } });
    const live = new EvalRunner({ concurrency: 2, idlePollMs: 50, leaseMs: 900 });
    try {
      await live.start();
      // Within the lease the claim is respected…
      await waitFor("the free item judged", async () => (await getRun(ADMIN, run.id)).done === 1);
      expect((await env.db.evaluationRunItem.findUniqueOrThrow({ where: { id: held.id } })).claimedBy).toBe("dead-process");
      // …after it, the item is taken over and the run completes.
      const done = await waitFor("run completed", async () => {
        const r = await getRun(ADMIN, run.id);
        return r.status === "completed" && r;
      });
      expect(done).toMatchObject({ total: 2, done: 2, errors: 0 });
      expect((await env.db.evaluationRunItem.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("done");
    } finally {
      await live.stop();
    }
  });
});
