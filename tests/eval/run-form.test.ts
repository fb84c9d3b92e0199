// The console's new-run form: the judge endpoint is an explicit choice. The form preselects the one
// the last run's built-in judges used (with a hint), or none; a run with LLM judges and no judge
// endpoint is a field error on "judgeEndpoint" (the server action), code scorers and custom judges
// with an endpoint of their own need none. Only the Next.js request plumbing is mocked.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { redirectTo: url });
  },
}));

import { createRunAction } from "@/app/(console)/evaluations/actions";
import { IDLE, type FormState } from "@/lib/console/form-state";
import { createDataset, importDatasetItems } from "@/lib/eval/dataset-service";
import { createJudge } from "@/lib/eval/judge-service";
import { needsJudgeEndpoint, previousJudgeEndpoint } from "@/lib/eval/run-form";
import { getRun } from "@/lib/eval/run-service";
import type { RunView } from "@/lib/eval/view-schemas";
import { TEST_DATABASES } from "../helpers/db";
import { ADMIN, useEvalEnv } from "./helpers";

describe("judge endpoint helpers", () => {
  const judge = (over: Partial<RunView["judges"][number]>): RunView["judges"][number] => ({
    name: "safety",
    kind: "llm",
    version: 1,
    source: "builtin",
    ref: "safety",
    endpoint: "judge",
    outputType: "pass_fail",
    ...over,
  });

  it("suggests the judge endpoint of the newest run whose built-in judges used one that still exists", () => {
    const runs = [
      { name: "code only", judges: [judge({ kind: "code", source: "code", ref: "contains", endpoint: null })] },
      { name: "custom", judges: [judge({ source: "custom", endpoint: "own" })] },
      { name: "gone", judges: [judge({ endpoint: "deleted" })] },
      { name: "baseline", judges: [judge({ endpoint: "judge-b" })] },
      { name: "older", judges: [judge({ endpoint: "judge-a" })] },
    ];
    expect(previousJudgeEndpoint(runs, ["judge-a", "judge-b", "own"])).toEqual({ endpoint: "judge-b", runName: "baseline" });
    expect(previousJudgeEndpoint(runs.slice(0, 3), ["judge-a", "own"])).toBeNull();
    expect(previousJudgeEndpoint([], ["judge-a"])).toBeNull();
  });

  it("needs a judge endpoint for built-in judges and custom judges without their own", () => {
    const customs = [
      { id: "j1", name: "own", endpoint: "judge" },
      { id: "j2", name: "plain", endpoint: null },
    ];
    expect(needsJudgeEndpoint([{ type: "code", scorer: "contains" }], customs)).toBe(false);
    expect(needsJudgeEndpoint([{ type: "code", scorer: "json_valid" }, { type: "builtin", judge: "safety" }], customs)).toBe(true);
    expect(needsJudgeEndpoint([{ type: "builtin", judge: "safety", endpoint: "judge" }], customs)).toBe(false);
    expect(needsJudgeEndpoint([{ type: "custom", judgeId: "j1" }], customs)).toBe(false);
    expect(needsJudgeEndpoint([{ type: "custom", judgeId: "plain" }], customs)).toBe(true);
    // Not judge references (or an unknown judge): the schema / the service says what is wrong.
    expect(needsJudgeEndpoint("nope", customs)).toBe(false);
    expect(needsJudgeEndpoint([{ type: "custom", judgeId: "unknown" }], customs)).toBe(false);
  });
});

describe.each(TEST_DATABASES)("new run form action (%s)", (kind) => {
  useEvalEnv(kind, { runtime: false });
  let datasetId = "";

  beforeAll(async () => {
    session.actor = ADMIN;
    datasetId = (await createDataset(ADMIN, { name: "form-set" })).id;
    await importDatasetItems(ADMIN, datasetId, { format: "jsonl", content: JSON.stringify({ inputs: { question: "q" }, outputs: "a" }) });
    await createJudge(ADMIN, { name: "own-endpoint", template: "Judge {{outputs}}", outputType: "pass_fail", endpoint: "judge" });
  });

  function form(judges: unknown[], judgeEndpoint = ""): FormData {
    const f = new FormData();
    f.set("name", "");
    f.set("judgeEndpoint", judgeEndpoint);
    f.set("source", JSON.stringify({ type: "dataset", datasetId }));
    f.set("judges", JSON.stringify(judges));
    return f;
  }

  async function submit(f: FormData): Promise<string | FormState> {
    try {
      return await createRunAction(IDLE, f);
    } catch (err) {
      const to = (err as { redirectTo?: string }).redirectTo;
      if (to === undefined) throw err;
      return to;
    }
  }

  it("reports a missing judge endpoint on its field when LLM judges are chosen", async () => {
    const state = await submit(form([{ type: "code", scorer: "json_valid" }, { type: "builtin", judge: "safety" }]));
    expect(state).toMatchObject({ status: "error", fieldErrors: { judgeEndpoint: "Choose the chat endpoint that runs the LLM judges." } });
    expect(Object.keys((state as { fieldErrors: object }).fieldErrors)).toEqual(["judgeEndpoint"]);
  });

  it("starts runs that need no judge endpoint, and runs with one chosen", async () => {
    for (const judges of [[{ type: "code", scorer: "json_valid" }], [{ type: "custom", judgeId: "own-endpoint" }]]) {
      const to = await submit(form(judges));
      expect(to).toMatch(/^\/evaluations\/./);
      expect((await getRun(ADMIN, (to as string).split("/")[2])).total).toBe(1);
    }
    const to = await submit(form([{ type: "builtin", judge: "safety" }], "judge"));
    expect(to).toMatch(/^\/evaluations\/./);
    expect((await getRun(ADMIN, (to as string).split("/")[2])).judges).toEqual([expect.objectContaining({ name: "safety", endpoint: "judge" })]);
  });
});
