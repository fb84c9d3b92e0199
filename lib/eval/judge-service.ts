// Judges: the catalog (built-in LLM judges, code scorers, custom judges), custom judge CRUD, and
// "try a judge on one trace" (nothing recorded). Everyone signed in may read; admins change.

import { DbNull } from "@prisma/client/runtime/client";
import { conflict, fromZodError, invalidField, notFound } from "../api/errors";
import { requireAdmin } from "../auth/authorize";
import type { Actor } from "../auth/actor";
import { getDb, type Db } from "../db";
import { BUILTIN_JUDGE_DEFS } from "./judges/builtin";
import { assertChatEndpoint, customOutputSpec, evaluateJudge, resolveJudges, type CustomJudgeRow } from "./judges/resolve";
import {
  BUILTIN_JUDGES,
  CODE_SCORERS,
  codeScorerRefSchema,
  createJudgeSchema,
  outputProblems,
  tryJudgeSchema,
  updateJudgeSchema,
  type CodeScorerName,
  type CreateJudgeInput,
  type JudgeRef,
  type TryJudgeInput,
  type UpdateJudgeInput,
} from "./schemas";
import { loadSubjectTrace, subjectFromTrace } from "./subject";
import type { JudgeView, TryJudgeResult } from "./view-schemas";

const CODE_SCORER_INFO: Record<CodeScorerName, { description: string; requires: string[] }> = {
  exact_match: { description: "The output equals the expected text (parameter `expected`, or expectations.expected_response).", requires: ["expected_response"] },
  contains: { description: "The output contains a text (parameter `substring`, or expectations.expected_response).", requires: ["expected_response"] },
  regex: { description: "The output matches a regular expression (parameters `pattern`, `flags`).", requires: [] },
  json_valid: { description: "The output is valid JSON.", requires: [] },
  json_schema: { description: "The output is JSON matching a JSON Schema (parameter `schema`).", requires: [] },
  latency_under: { description: "The trace took less than `maxMs` milliseconds.", requires: ["trace"] },
  tokens_under: { description: "The trace used fewer than `maxTokens` tokens in total.", requires: ["trace"] },
  cost_under: { description: "The trace cost less than `maxUsd` US dollars.", requires: ["trace"] },
};

function builtinView(name: (typeof BUILTIN_JUDGES)[number]): JudgeView {
  const def = BUILTIN_JUDGE_DEFS[name];
  return {
    id: def.name,
    kind: "builtin",
    name: def.name,
    description: def.description,
    version: def.version,
    outputType: def.output.type,
    scale: def.output.type === "numeric" ? { min: def.output.min, max: def.output.max } : null,
    categories: null,
    requires: def.requires,
    template: def.template,
    endpoint: null,
    createdAt: null,
    updatedAt: null,
  };
}

function codeView(name: CodeScorerName): JudgeView {
  const info = CODE_SCORER_INFO[name];
  return {
    id: name,
    kind: "code",
    name,
    description: info.description,
    version: 1,
    outputType: "pass_fail",
    scale: null,
    categories: null,
    requires: info.requires,
    template: null,
    endpoint: null,
    createdAt: null,
    updatedAt: null,
  };
}

type JudgeRow = CustomJudgeRow & { description: string | null; createdAt: Date; updatedAt: Date };

function customView(row: JudgeRow): JudgeView {
  const output = customOutputSpec(row);
  return {
    id: row.id,
    kind: "custom",
    name: row.name,
    description: row.description,
    version: row.version,
    outputType: output.type,
    scale: output.type === "numeric" ? { min: output.min, max: output.max } : null,
    categories: output.type === "categorical" ? output.categories : null,
    requires: [],
    template: row.template,
    endpoint: row.endpoint,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const isBuiltin = (id: string): id is (typeof BUILTIN_JUDGES)[number] => (BUILTIN_JUDGES as readonly string[]).includes(id);
const isCode = (id: string): id is CodeScorerName => (CODE_SCORERS as readonly string[]).includes(id);

/** Built-in judges, code scorers, then custom judges by name. */
export async function listJudges(_actor: Actor, db: Db = getDb()): Promise<JudgeView[]> {
  const rows = await db.judge.findMany({ orderBy: { name: "asc" } });
  return [...BUILTIN_JUDGES.map(builtinView), ...CODE_SCORERS.map(codeView), ...rows.map(customView)];
}

async function findCustom(db: Db, id: string): Promise<JudgeRow> {
  const row = await db.judge.findFirst({ where: { OR: [{ id }, { name: id }] } });
  if (!row) throw notFound(`Judge '${id}' not found.`);
  return row;
}

/** A judge by built-in / code scorer name, or a custom judge by id or name. */
export async function getJudge(_actor: Actor, id: string, db: Db = getDb()): Promise<JudgeView> {
  if (isBuiltin(id)) return builtinView(id);
  if (isCode(id)) return codeView(id);
  return customView(await findCustom(db, id));
}

/** 409 on `name` when a judge has the name (the create form checks it alongside the schema; the
 * insert itself is guarded by the unique index). */
export async function assertJudgeNameFree(actor: Actor, name: unknown, db: Db = getDb()): Promise<void> {
  requireAdmin(actor, "create judges");
  if (typeof name !== "string" || name === "") return;
  if (await db.judge.findUnique({ where: { name }, select: { id: true } })) {
    throw conflict(`A judge named '${name}' already exists.`, "already_exists", "name");
  }
}

export async function createJudge(actor: Actor, input: CreateJudgeInput, db: Db = getDb()): Promise<JudgeView> {
  requireAdmin(actor, "create judges");
  const data = createJudgeSchema.parse(input);
  if (data.endpoint) await assertChatEndpoint(data.endpoint, "endpoint");
  const row = await db.judge.create({
    data: {
      name: data.name,
      description: data.description ?? null,
      template: data.template,
      outputType: data.outputType,
      scaleMin: data.outputType === "numeric" ? (data.scaleMin ?? 1) : null,
      scaleMax: data.outputType === "numeric" ? (data.scaleMax ?? 5) : null,
      categories: data.outputType === "categorical" ? (data.categories ?? []) : undefined,
      endpoint: data.endpoint ?? null,
    },
  });
  return customView(row);
}

export async function updateJudge(actor: Actor, id: string, input: UpdateJudgeInput, db: Db = getDb()): Promise<JudgeView> {
  requireAdmin(actor, "change judges");
  if (isBuiltin(id) || isCode(id)) throw invalidField("id", `'${id}' is built in and cannot be changed.`, "builtin_judge");
  const patch = updateJudgeSchema.parse(input);
  const row = await findCustom(db, id);
  const outputType = patch.outputType ?? (row.outputType as "pass_fail" | "numeric" | "categorical");
  const switched = patch.outputType !== undefined && patch.outputType !== row.outputType;
  const merged = {
    outputType,
    scaleMin: outputType !== "numeric" ? null : patch.scaleMin !== undefined ? patch.scaleMin : switched ? null : row.scaleMin,
    scaleMax: outputType !== "numeric" ? null : patch.scaleMax !== undefined ? patch.scaleMax : switched ? null : row.scaleMax,
    categories:
      outputType !== "categorical" ? null : patch.categories !== undefined ? patch.categories : switched ? null : (row.categories as string[] | null),
  };
  const problem = outputProblems(merged)[0];
  if (problem) throw invalidField(problem.path, `${problem.path} ${problem.message}`);
  if (patch.endpoint) await assertChatEndpoint(patch.endpoint, "endpoint");
  const template = patch.template ?? row.template;
  const scaleMin = merged.outputType === "numeric" ? (merged.scaleMin ?? 1) : null;
  const scaleMax = merged.outputType === "numeric" ? (merged.scaleMax ?? 5) : null;
  const categories = merged.categories ?? null;
  const changed =
    template !== row.template ||
    outputType !== row.outputType ||
    scaleMin !== row.scaleMin ||
    scaleMax !== row.scaleMax ||
    JSON.stringify(categories) !== JSON.stringify(row.categories ?? null);
  const updated = await db.judge.update({
    where: { id: row.id },
    data: {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.endpoint !== undefined ? { endpoint: patch.endpoint } : {}),
      template,
      outputType,
      scaleMin,
      scaleMax,
      categories: categories ?? DbNull,
      ...(changed ? { version: { increment: 1 } } : {}),
    },
  });
  return customView(updated);
}

export async function deleteJudge(actor: Actor, id: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete judges");
  if (isBuiltin(id) || isCode(id)) throw invalidField("id", `'${id}' is built in and cannot be deleted.`, "builtin_judge");
  const row = await findCustom(db, id);
  const rules = await db.evaluationRule.findMany({ select: { name: true, judges: true } });
  const users = rules.filter((r) => (r.judges as JudgeRef[]).some((j) => j.type === "custom" && (j.judgeId === row.id || j.judgeId === row.name)));
  if (users.length) {
    throw conflict(`Judge '${row.name}' is used by online rule(s) ${users.map((r) => `'${r.name}'`).join(", ")}; remove it there first.`, "in_use");
  }
  await db.judge.delete({ where: { id: row.id } });
  return { id: row.id, deleted: true };
}

function refFor(id: string, input: ReturnType<typeof tryJudgeSchema.parse>): JudgeRef {
  if (isBuiltin(id)) return { type: "builtin", judge: id, endpoint: input.endpoint, guidelines: input.guidelines };
  if (isCode(id)) {
    const parsed = codeScorerRefSchema.safeParse({ ...input.params, type: "code", scorer: id });
    if (!parsed.success) {
      const err = fromZodError(parsed.error);
      throw invalidField(`params.${err.param ?? ""}`.replace(/\.$/, ""), err.message);
    }
    return parsed.data;
  }
  return { type: "custom", judgeId: id, endpoint: input.endpoint };
}

/** Runs a judge on one trace and returns its verdict; records no score (the judge call itself is
 * traced, caller "judge"). */
export async function tryJudge(actor: Actor, id: string, input: TryJudgeInput, db: Db = getDb()): Promise<TryJudgeResult> {
  requireAdmin(actor, "try judges");
  const data = tryJudgeSchema.parse(input);
  const ref = refFor(id, data);
  if (ref.type === "custom") await findCustom(db, id);
  const [judge] = await resolveJudges(db, [ref], undefined, (_, field) => (field === "judgeId" ? "id" : field));
  const trace = await loadSubjectTrace(db, data.traceId);
  if (!trace) throw notFound(`Trace '${data.traceId}' not found.`);
  const subject = subjectFromTrace(trace);
  if (data.expectations) subject.expectations = data.expectations;
  const outcome = await evaluateJudge(judge, subject, { metadata: { eval_try: true, eval_trace_id: trace.id } });
  return {
    judgeName: judge.name,
    judgeVersion: judge.version,
    value: outcome.ok ? outcome.verdict.value : null,
    label: outcome.ok ? outcome.verdict.label : null,
    rationale: outcome.ok ? outcome.verdict.rationale : null,
    error: outcome.ok ? null : outcome.error,
    rawText: outcome.ok ? null : outcome.rawText,
    costUsd: outcome.costUsd,
    judgeTraceId: outcome.judgeTraceId,
  };
}
