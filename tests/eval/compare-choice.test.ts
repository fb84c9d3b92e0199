// The console's run comparison helpers: which runs share a source, the pair the compare form picks
// by default (two judged runs over the same source when there are such), and what the compare page
// says when there is nothing to compare item by item (never "no verdict changed" for runs without
// a shared item).
import { describe, expect, it } from "vitest";
import { compareChoiceOf, comparisonNote, defaultPair, sourceKey, sourceText, type CompareChoice } from "../../lib/eval/compare-choice";
import type { RunComparison, RunView } from "../../lib/eval/view-schemas";

const dataset = (datasetId: string, datasetName: string | null = datasetId): RunView["source"] => ({ type: "dataset", datasetId, datasetName });
const traces = (filter: Record<string, string>, sampleSize: number | null = null): RunView["source"] => ({ type: "traces", filter, sampleSize });

function run(id: string, source: RunView["source"], judged = true): CompareChoice {
  return compareChoiceOf({ id, name: id, done: judged ? 4 : 0, errors: 0, source }, "2025-01-01 00:00");
}

describe("run sources", () => {
  it("keys runs over the same dataset or the same trace filter alike", () => {
    expect(sourceKey(dataset("d1", "golden"))).toBe(sourceKey(dataset("d1", "renamed")));
    expect(sourceKey(dataset("d1"))).not.toBe(sourceKey(dataset("d2")));
    // The filter's fields in any order, empty ones ignored, the sample size aside.
    expect(sourceKey(traces({ endpoint: "chat", range: "24h" }))).toBe(sourceKey(traces({ range: "24h", endpoint: "chat", q: "" }, 50)));
    expect(sourceKey(traces({ endpoint: "chat" }))).not.toBe(sourceKey(traces({ endpoint: "other" })));
    expect(sourceKey(traces({ endpoint: "d1" }))).not.toBe(sourceKey(dataset("d1")));
  });

  it("describes a source in a few words", () => {
    expect(sourceText(dataset("d1", "smoke-set"))).toBe("dataset smoke-set");
    expect(sourceText(dataset("d1", null))).toBe("dataset (deleted)");
    expect(sourceText(traces({ endpoint: "chat", range: "24h" }, 20))).toBe("endpoint chat · 24h · sample 20");
    expect(sourceText(traces({}))).toBe("traces");
  });

  it("lists a run as judged when some item got a verdict", () => {
    expect(compareChoiceOf({ id: "r", name: "r", done: 8, errors: 8, source: dataset("d") }, "x").judged).toBe(false);
    expect(compareChoiceOf({ id: "r", name: "r", done: 8, errors: 6, source: dataset("d") }, "x")).toEqual({
      id: "r",
      name: "r",
      createdAt: "x",
      judged: true,
      source: "dataset:d",
      sourceLabel: "dataset d",
    });
  });
});

describe("default pair", () => {
  it("prefers two judged runs over the same source to the two newest runs", () => {
    // Newest first: the two newest ran on different datasets.
    const runs = [run("r4", dataset("smoke")), run("r3", dataset("golden")), run("r2", traces({ endpoint: "chat" })), run("r1", dataset("smoke"))];
    expect(defaultPair(runs)).toEqual({ a: "r1", b: "r4" });
  });

  it("takes the newest candidate that has a same-source baseline, skipping runs never judged", () => {
    const runs = [
      run("r5", dataset("golden"), false),
      run("r4", dataset("smoke")),
      run("r3", traces({ endpoint: "chat", range: "24h" })),
      run("r2", dataset("golden")),
      run("r1", traces({ range: "24h", endpoint: "chat" })),
    ];
    expect(defaultPair(runs)).toEqual({ a: "r1", b: "r3" });
  });

  it("falls back to the two newest judged runs, then the two newest runs", () => {
    expect(defaultPair([run("r3", dataset("x"), false), run("r2", dataset("y")), run("r1", dataset("z"))])).toEqual({ a: "r1", b: "r2" });
    expect(defaultPair([run("r3", dataset("x"), false), run("r2", dataset("y")), run("r1", dataset("z"), false)])).toEqual({ a: "r2", b: "r3" });
    expect(defaultPair([run("r1", dataset("x"))])).toEqual({ a: undefined, b: "r1" });
    expect(defaultPair([])).toEqual({ a: undefined, b: undefined });
  });

  it("pairs a chosen candidate with a judged run over its source, an older one first", () => {
    const runs = [run("r5", dataset("smoke")), run("r4", dataset("golden")), run("r3", dataset("smoke"), false), run("r2", dataset("smoke")), run("r1", dataset("golden"))];
    expect(defaultPair(runs, undefined, "r4")).toEqual({ a: "r1", b: "r4" });
    expect(defaultPair(runs, undefined, "r2")).toEqual({ a: "r5", b: "r2" });
    expect(defaultPair(runs, undefined, "r3")).toEqual({ a: "r2", b: "r3" });
    // No other run over its source: the newest other judged run.
    expect(defaultPair([run("r2", dataset("x")), run("r1", dataset("y"))], undefined, "r1")).toEqual({ a: "r2", b: "r1" });
    // A run not in the list (older than the page).
    expect(defaultPair(runs, undefined, "gone")).toEqual({ a: "r5", b: "gone" });
  });

  it("pairs a chosen baseline with the newest judged run over its source", () => {
    const runs = [run("r4", dataset("golden")), run("r3", dataset("smoke")), run("r2", dataset("smoke")), run("r1", dataset("golden"))];
    expect(defaultPair(runs, "r1")).toEqual({ a: "r1", b: "r4" });
    expect(defaultPair(runs, "r3")).toEqual({ a: "r3", b: "r2" });
    expect(defaultPair(runs, "r1", "r3")).toEqual({ a: "r1", b: "r3" });
  });
});

describe("comparison note", () => {
  const view = (id: string, source: RunView["source"]) => ({ id, name: id, source }) as RunView;
  const agg = (judgeName: string) => ({ judgeName, outputType: "pass_fail" as const, scored: 2, errors: 0, passRate: 1, mean: null, distribution: [], costUsd: 0 });
  const cmp = (over: Partial<RunComparison>): RunComparison => ({
    a: view("a", dataset("d1", "smoke-set")),
    b: view("b", dataset("d1", "smoke-set")),
    matched: 6,
    onlyInA: 0,
    onlyInB: 0,
    judges: [{ judgeName: "check", a: agg("check"), b: agg("check"), changed: 0 }],
    changes: [],
    ...over,
  });

  it("says plainly that runs over different sources have no item in common", () => {
    const note = comparisonNote(cmp({ b: view("b", traces({ endpoint: "chat" })), matched: 0, onlyInA: 6, onlyInB: 8 }));
    expect(note?.kind).toBe("none");
    expect(note?.text).toMatch(/^These runs have no items in common: they ran on different sources \(A: dataset smoke-set; B: endpoint chat\)/);
    expect(note?.text).not.toMatch(/changed/);
  });

  it("says so too for one source that held other items each time", () => {
    const note = comparisonNote(cmp({ a: view("a", traces({ range: "1h" })), b: view("b", traces({ range: "1h" })), matched: 0 }));
    expect(note).toMatchObject({ kind: "none", text: "These runs have no items in common: the source (traces · 1h) held other items when each ran." });
  });

  it("tells runs without a shared judge apart from unchanged verdicts", () => {
    expect(comparisonNote(cmp({ judges: [{ judgeName: "x", a: agg("x"), b: null, changed: 0 }, { judgeName: "y", a: null, b: agg("y"), changed: 0 }] }))?.kind).toBe("no-judge");
    expect(comparisonNote(cmp({}))).toEqual({
      kind: "unchanged",
      title: "No verdict changed",
      text: "Every judge the runs share gave the 6 items in both runs the same verdict.",
    });
    expect(comparisonNote(cmp({ matched: 1 }))?.text).toContain("the 1 item in both runs");
    const change = { traceId: null, datasetItemId: "i", itemA: "x", itemB: "y", inputs: null, judges: {} };
    expect(comparisonNote(cmp({ changes: [change] }))).toBeNull();
  });
});
