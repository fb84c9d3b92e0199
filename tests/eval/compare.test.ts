// Comparing two runs: each changed item carries what it asked (run A's copy), wherever it is in the
// run — the console's compare page shows it (it used to read only run A's first 500 items, so later
// items showed "—") — for dataset items (their snapshot) and trace items (the trace's request); runs over different
// sources share no item, which the console says plainly.

import { describe, expect, it } from "vitest";
import * as compareRoute from "@/app/api/v1/evaluations/compare/route";
import { createDataset, importDatasetItems } from "@/lib/eval/dataset-service";
import { comparisonNote } from "@/lib/eval/compare-choice";
import { compareRuns, createRun, getRun } from "@/lib/eval/run-service";
import type { CreateRunInput } from "@/lib/eval/schemas";
import { call } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";
import { ADMIN, useEvalEnv, waitFor } from "./helpers";

describe.each(TEST_DATABASES)("run comparison (%s)", (kind) => {
  const env = useEvalEnv(kind);
  const completed = (id: string) =>
    waitFor(
      `run ${id} completed`,
      async () => {
        const run = await getRun(ADMIN, id);
        return run.status === "completed" && run;
      },
      120_000,
    );
  const runWith = async (source: CreateRunInput["source"], substring: string) =>
    (await completed((await createRun(ADMIN, { source, judges: [{ type: "code", scorer: "contains", name: "check", substring }] })).id)).id;

  it("a changed item beyond the first 500 carries its inputs", { timeout: 180_000 }, async () => {
    const ds = await createDataset(ADMIN, { name: "many" });
    const SPECIAL = [3, 501, 502];
    const lines = Array.from({ length: 503 }, (_, i) => JSON.stringify({ inputs: { question: `q${i}` }, outputs: SPECIAL.includes(i) ? `special ${i}` : "plain" }));
    await importDatasetItems(ADMIN, ds.id, { format: "jsonl", content: lines.join("\n") });
    const source = { type: "dataset" as const, datasetId: ds.id };
    const a = await runWith(source, "special");
    const b = await runWith(source, "nothing matches");

    const cmp = await compareRuns(ADMIN, a, b);
    expect(cmp).toMatchObject({ matched: 503, onlyInA: 0, onlyInB: 0 });
    expect(cmp.judges).toEqual([expect.objectContaining({ judgeName: "check", changed: 3 })]);
    expect(cmp.changes.map((c) => c.inputs)).toEqual([{ question: "q3" }, { question: "q501" }, { question: "q502" }]);
    expect(cmp.changes[1].judges.check).toEqual({ a: { value: 1, label: "pass", error: null }, b: { value: 0, label: "fail", error: null } });
    const items = await env.db.evaluationRunItem.findMany({ where: { runId: a, position: { in: [3, 501, 502] } }, orderBy: { position: "asc" } });
    expect(cmp.changes.map((c) => c.itemA)).toEqual(items.map((i) => i.id));

    // The API carries them too.
    const res = await call(compareRoute.GET, "GET", `/api/v1/evaluations/compare?a=${a}&b=${b}`, { token: env.api.token });
    expect(res.json.changes.map((c: { inputs: unknown }) => c.inputs)).toEqual([{ question: "q3" }, { question: "q501" }, { question: "q502" }]);
  });

  it("trace items carry their trace's request; unchanged items are not listed", async () => {
    const ids = await env.produce(["cmp alpha", "cmp beta"]);
    const source = { type: "traces" as const, filter: { q: "cmp " } };
    const a = await runWith(source, "alpha");
    const b = await runWith(source, "beta");
    const cmp = await compareRuns(ADMIN, a, b);
    expect(cmp.matched).toBe(2);
    const byTrace = new Map(cmp.changes.map((c) => [c.traceId, c.inputs]));
    expect(byTrace).toEqual(
      new Map([
        [ids[0], { messages: [{ role: "user", content: "cmp alpha" }] }],
        [ids[1], { messages: [{ role: "user", content: "cmp beta" }] }],
      ]),
    );
    expect((await compareRuns(ADMIN, a, a)).changes).toEqual([]);
  });

  it("runs over different datasets share no item: the console says so, not 'no verdict changed'", async () => {
    const one = await createDataset(ADMIN, { name: "one" });
    const two = await createDataset(ADMIN, { name: "two" });
    await importDatasetItems(ADMIN, one.id, { format: "jsonl", content: JSON.stringify({ inputs: { question: "q" }, outputs: "x" }) });
    await importDatasetItems(ADMIN, two.id, { format: "jsonl", content: [1, 2].map((i) => JSON.stringify({ inputs: { question: `q${i}` }, outputs: "x" })).join("\n") });
    const a = await runWith({ type: "dataset", datasetId: one.id }, "x");
    const b = await runWith({ type: "dataset", datasetId: two.id }, "x");
    const cmp = await compareRuns(ADMIN, a, b);
    expect(cmp).toMatchObject({ matched: 0, onlyInA: 1, onlyInB: 2, changes: [] });
    expect(comparisonNote(cmp)).toMatchObject({
      kind: "none",
      text: expect.stringMatching(/^These runs have no items in common: they ran on different sources \(A: dataset one; B: dataset two\)/),
    });
  });
});
