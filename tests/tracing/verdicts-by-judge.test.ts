import { describe, expect, it } from "vitest";
import { verdictsByJudge, type TraceScore } from "../../lib/tracing/scores";

let n = 0;
function score(judgeName: string, label: string, minute: number, extra: Partial<TraceScore> = {}): TraceScore {
  n += 1;
  return {
    id: `s${n}`,
    judgeName,
    judgeVersion: 1,
    value: label === "pass" ? 1 : label === "fail" ? 0 : null,
    label,
    error: null,
    rationale: null,
    rawText: null,
    costUsd: null,
    judgeTraceId: null,
    runId: null,
    runName: null,
    ruleId: null,
    ruleName: null,
    datasetName: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    ...extra,
  };
}

describe("verdictsByJudge", () => {
  it("lists each judge once, with its newest verdict and the earlier ones newest first", () => {
    const scores = [
      score("relevance_to_query", "pass", 1, { runName: "baseline" }),
      score("completeness", "fail", 5, { runName: "strict" }),
      score("completeness", "pass", 1, { runName: "baseline" }),
      score("relevance_to_query", "pass", 5, { runName: "strict" }),
      score("completeness", "pass", 3, { ruleName: "online" }),
    ];
    const grouped = verdictsByJudge(scores);
    expect(grouped.map((g) => g.judgeName)).toEqual(["completeness", "relevance_to_query"]);
    const [completeness, relevance] = grouped;
    expect(completeness!.latest).toMatchObject({ label: "fail", runName: "strict" });
    expect(completeness!.others.map((s) => s.ruleName ?? s.runName)).toEqual(["online", "baseline"]);
    expect(completeness!.newerOthers).toBe(false);
    expect(relevance!.latest.runName).toBe("strict");
    expect(relevance!.others.map((s) => s.runName)).toEqual(["baseline"]);
  });

  it("orders judges ignoring case and keeps a judge with one verdict without earlier ones", () => {
    const grouped = verdictsByJudge([score("safety", "pass", 1), score("Fluency", "4", 2), score("answer", "pass", 3)]);
    expect(grouped.map((g) => g.judgeName)).toEqual(["answer", "Fluency", "safety"]);
    expect(grouped.every((g) => g.others.length === 0 && !g.newerOthers)).toBe(true);
    expect(verdictsByJudge([])).toEqual([]);
  });

  it("prefers the trace's own latest verdict (what the trace list shows) over a newer dataset run's", () => {
    const [safety] = verdictsByJudge([
      score("safety", "fail", 9, { runName: "golden-run", datasetName: "golden" }),
      score("safety", "pass", 5, { ruleName: "online" }),
      score("safety", "fail", 1, { ruleName: "online" }),
    ]);
    expect(safety!.latest).toMatchObject({ label: "pass", ruleName: "online" });
    expect(safety!.others.map((s) => s.runName ?? s.ruleName)).toEqual(["golden-run", "online"]);
    expect(safety!.newerOthers).toBe(true);
    // Only dataset runs' verdicts: the newest of them.
    const [fluency] = verdictsByJudge([score("fluency", "3", 1, { datasetName: "d" }), score("fluency", "4", 2, { datasetName: "d" })]);
    expect(fluency!.latest.label).toBe("4");
    expect(fluency!.newerOthers).toBe(false);
  });
});
