// The trace list's `score=<judge>:<verdict>` filter matches what the list shows: the LATEST verdict
// of each judge on a trace (an older verdict the judge changed its mind about does not count);
// judge names and labels ignore case; numbers match as listed (2 decimals); paging with a cursor
// still fills pages. Plus the explorer control's options (judges that scored traces, their labels).

import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { listTraces } from "../../lib/tracing/queries";
import { scoreFilterOptions } from "../../lib/tracing/score-filter";
import { latestVerdictsMatch, parseScoreSpec } from "../../lib/tracing/score-spec";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";

const ADMIN: Actor = { kind: "admin-token", tokenId: "tok_admin" };
const T0 = Date.now() - 60 * 60_000;

type Verdict = { judge: string; label?: string; value?: number; error?: string };

describe("score specs (pure)", () => {
  it("parses the verdict after the last ':' and matches names, labels and rounded numbers", () => {
    expect(parseScoreSpec("ns:Safety : fail")).toEqual({ judge: "ns:Safety", verdict: "fail" });
    const latest = [
      { judgeName: "Safety", label: "pass", value: 1, error: null },
      { judgeName: "fluency", label: null, value: 3.3333, error: null },
      { judgeName: "tone", label: null, value: null, error: "judge endpoint failed" },
    ];
    const match = (...specs: string[]) => latestVerdictsMatch(latest, specs.map(parseScoreSpec));
    expect(match("safety:PASS")).toBe(true);
    expect(match("Safety:fail")).toBe(false);
    expect(match("fluency:3.33")).toBe(true);
    expect(match("fluency:3.3")).toBe(false);
    expect(match("tone:error", "safety:pass")).toBe(true);
    expect(match("tone:error", "safety:fail")).toBe(false);
    expect(match("missing:pass")).toBe(false);
  });
});

describe.each(TEST_DATABASES)("score filter of the trace list (%s)", (kind) => {
  const database = useFreshDatabase(kind);

  /** Traces in id order, newest last; each with its verdicts, oldest first. */
  async function seed(traces: [id: string, verdicts: Verdict[]][]) {
    const db = database.db;
    let minute = 0;
    for (const [id, verdicts] of traces) {
      await db.trace.create({
        data: { id, startedAt: new Date(T0 + minute++ * 60_000), endpointName: "chat", route: "unified", operation: "chat", status: "ok", httpStatus: 200, latencyMs: 100, streaming: false, attempts: 1 },
      });
      let second = 0;
      for (const v of verdicts) {
        await db.score.create({
          data: { traceId: id, judgeName: v.judge, judgeVersion: 1, label: v.label ?? null, value: v.value ?? (v.label === "pass" ? 1 : v.label === "fail" ? 0 : null), error: v.error ?? null, createdAt: new Date(T0 + 3_600_000 + second++ * 1000) },
        });
      }
    }
  }

  const ids = async (score: string, extra: Record<string, string> = {}) => (await listTraces(ADMIN, { score, ...extra })).data.map((t) => t.id);

  beforeAll(async () => {
    await seed([
      ["tr_a", [{ judge: "Safety", label: "fail" }, { judge: "Safety", label: "pass" }]],
      ["tr_b", [{ judge: "Safety", label: "fail" }, { judge: "tone", label: "Polite" }]],
      ["tr_c", [{ judge: "fluency", value: 3.3333 }]],
      ["tr_d", [{ judge: "Safety", label: "pass" }, { judge: "Safety", error: "judge endpoint failed" }]],
      ["tr_e", [{ judge: "Safety", label: "pass" }, { judge: "tone", label: "Rude" }, { judge: "tone", label: "Polite" }]],
      ["tr_f", []],
    ]);
  });

  it("matches the latest verdict of the judge only, as the list shows it", async () => {
    expect(await ids("Safety:fail")).toEqual(["tr_b"]);
    expect(await ids("Safety:pass")).toEqual(["tr_e", "tr_a"]);
    expect(await ids("Safety:error")).toEqual(["tr_d"]);
    const [b] = (await listTraces(ADMIN, { score: "Safety:fail" })).data;
    expect(b.scores?.map((s) => [s.judgeName, s.label])).toEqual([["Safety", "fail"], ["tone", "Polite"]]);
    // tr_e's tone judge said "Rude" first, then "Polite".
    expect(await ids("tone:Rude")).toEqual([]);
    expect(await ids("tone:Polite")).toEqual(["tr_e", "tr_b"]);
  });

  it("compares judge names and labels case-insensitively", async () => {
    expect(await ids("safety:fail")).toEqual(["tr_b"]);
    expect(await ids("SAFETY:FAIL")).toEqual(["tr_b"]);
    expect(await ids("TONE:polite")).toEqual(["tr_e", "tr_b"]);
    expect(await ids("safety:ERROR")).toEqual(["tr_d"]);
  });

  it("numbers as listed (2 decimals), every spec at once, unknown judges and verdicts match nothing", async () => {
    expect(await ids("fluency:3.33")).toEqual(["tr_c"]);
    expect(await ids("Fluency:3.3")).toEqual([]);
    expect(await ids("safety:pass,tone:polite")).toEqual(["tr_e"]);
    expect(await ids("nobody:pass")).toEqual([]);
    expect(await ids("safety:maybe")).toEqual([]);
  });

  it("pages with a cursor through traces whose older verdicts would have matched", async () => {
    const first = await listTraces(ADMIN, { score: "safety:pass", limit: 1 });
    expect(first.data.map((t) => t.id)).toEqual(["tr_e"]);
    // tr_d (an older pass, now an error) is skipped on the way to tr_a.
    const second = await listTraces(ADMIN, { score: "safety:pass", limit: 1, cursor: first.nextCursor! });
    expect(second.data.map((t) => t.id)).toEqual(["tr_a"]);
    expect(second.nextCursor).toBeNull();
  });

  it("offers the judges that scored traces and their labels", async () => {
    expect(await scoreFilterOptions(ADMIN)).toEqual([
      { name: "fluency", labels: [] },
      { name: "Safety", labels: ["fail", "pass"] },
      { name: "tone", labels: ["Polite", "Rude"] },
    ]);
  });
});
