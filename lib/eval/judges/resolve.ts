// Judge references (what an admin chooses) → resolved judge specs (what runs and rules execute):
// built-in prompts and custom judges copied with their version, judge endpoints checked against the
// gateway's live configuration, score names made unique.

import { invalidField } from "../../api/errors";
import type { Db } from "../../db";
import { currentSnapshot } from "../../gateway/snapshot";
import type { JudgeRef } from "../schemas";
import { BUILTIN_JUDGE_DEFS } from "./builtin";
import { runCodeScorer } from "./code-scorers";
import { runLlmJudge, type JudgeCallOptions } from "./llm-judge";
import type { JudgeOutcome, JudgeSubject, OutputSpec, ResolvedJudge } from "./types";
import { endpointKindPhrase } from "../../endpoints/kind-phrase";

export const CUSTOM_JUDGE_INSTRUCTIONS =
  "You are an impartial evaluator of an AI assistant's work. Follow the evaluation instructions in the user message, " +
  "think step by step, and explain your verdict in a short rationale (at most a few sentences).";

export interface CustomJudgeRow {
  id: string;
  name: string;
  version: number;
  template: string;
  outputType: string;
  scaleMin: number | null;
  scaleMax: number | null;
  categories: unknown;
  endpoint: string | null;
}

export function customOutputSpec(j: Pick<CustomJudgeRow, "outputType" | "scaleMin" | "scaleMax" | "categories">): OutputSpec {
  if (j.outputType === "numeric") return { type: "numeric", min: j.scaleMin ?? 1, max: j.scaleMax ?? 5 };
  if (j.outputType === "categorical") return { type: "categorical", categories: (j.categories as string[] | null) ?? [] };
  return { type: "pass_fail" };
}

/** Throws a 422 on `param` unless `name` is a chat endpoint of the gateway's live configuration. */
export async function assertChatEndpoint(name: string, param: string): Promise<void> {
  const pending = currentSnapshot();
  const snapshot = pending instanceof Promise ? await pending : pending;
  const endpoint = snapshot.endpoints.get(name);
  if (!endpoint) throw invalidField(param, `No endpoint named '${name}'.`, "unknown_endpoint");
  if (endpoint.kind !== "chat") throw invalidField(param, `Endpoint '${name}' is ${endpointKindPhrase(endpoint.kind)}; judges need a chat endpoint.`, "wrong_endpoint_kind");
}

export async function resolveJudges(
  db: Db,
  refs: JudgeRef[],
  judgeEndpoint: string | undefined,
  param: (index: number, field: string) => string = (i, field) => `judges.${i}.${field}`,
): Promise<ResolvedJudge[]> {
  const customIds = refs.flatMap((r) => (r.type === "custom" ? [r.judgeId] : []));
  const customs = customIds.length
    ? await db.judge.findMany({ where: { OR: [{ id: { in: customIds } }, { name: { in: customIds } }] } })
    : [];
  const resolved: ResolvedJudge[] = [];
  const names = new Map<string, number>();
  for (const [i, ref] of refs.entries()) {
    let judge: ResolvedJudge;
    if (ref.type === "code") {
      judge = { kind: "code", name: ref.name ?? ref.scorer, version: 1, scorer: ref };
    } else if (ref.type === "builtin") {
      const def = BUILTIN_JUDGE_DEFS[ref.judge];
      judge = {
        kind: "llm",
        name: ref.name ?? def.name,
        version: def.version,
        source: "builtin",
        ref: def.name,
        endpoint: await judgeEndpointOf(ref.endpoint ?? judgeEndpoint, param(i, "endpoint")),
        output: def.output,
        instructions: def.instructions,
        template: def.template,
        guidelines: ref.guidelines ?? null,
        requires: def.requires,
      };
    } else {
      const row = customs.find((c) => c.id === ref.judgeId) ?? customs.find((c) => c.name === ref.judgeId);
      if (!row) throw invalidField(param(i, "judgeId"), `Custom judge '${ref.judgeId}' not found.`, "unknown_judge");
      judge = {
        kind: "llm",
        name: ref.name ?? row.name,
        version: row.version,
        source: "custom",
        ref: row.id,
        endpoint: await judgeEndpointOf(ref.endpoint ?? row.endpoint ?? judgeEndpoint, param(i, "endpoint")),
        output: customOutputSpec(row),
        instructions: CUSTOM_JUDGE_INSTRUCTIONS,
        template: row.template,
        guidelines: null,
        requires: [],
      };
    }
    const clash = names.get(judge.name);
    if (clash !== undefined) {
      throw invalidField(param(i, "name"), `Judge #${clash + 1} already produces the score '${judge.name}'; give one of them another name.`, "duplicate_judge");
    }
    names.set(judge.name, i);
    resolved.push(judge);
  }
  return resolved;
}

async function judgeEndpointOf(name: string | undefined | null, param: string): Promise<string> {
  if (!name) throw invalidField(param, "Choose the chat endpoint that judges (on the judge or as judgeEndpoint).", "missing_endpoint");
  await assertChatEndpoint(name, param);
  return name;
}

/** One judge on one subject. Never throws for a bad answer or a failing judge endpoint. */
export async function evaluateJudge(judge: ResolvedJudge, subject: JudgeSubject, options: JudgeCallOptions = {}): Promise<JudgeOutcome> {
  try {
    return judge.kind === "code" ? runCodeScorer(judge.scorer, subject) : await runLlmJudge(judge, subject, options);
  } catch (err) {
    if (options.signal?.aborted) throw err;
    console.error(`[gatehouse] eval: judge '${judge.name}' failed unexpectedly:`, err);
    return { ok: false, error: `Judge failed: ${(err as Error).message}`, rawText: null, costUsd: null, judgeTraceId: null, endpointFailure: false };
  }
}
