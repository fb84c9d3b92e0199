// Online evaluation rules: CRUD. New traces of the rule's endpoint are sampled (deterministically
// by trace id) and scored in the background by ./online.ts. A rule pauses itself after repeated
// judge endpoint failures (pausedReason says why); `paused: false` resumes it. Admins only.

import { DbNull } from "@prisma/client/runtime/client";
import { invalidField, notFound } from "../api/errors";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/authorize";
import { getDb, type Db } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";
import { resolveJudges } from "./judges/resolve";
import { ensureEvaluation, invalidateOnlineRules } from "./runtime";
import { createRuleSchema, updateRuleSchema, type CreateRuleInput, type JudgeRef, type RuleFilter, type UpdateRuleInput } from "./schemas";
import type { RuleView } from "./view-schemas";
import { endpointKindPhrase } from "../endpoints/kind-phrase";

export type { RuleView } from "./view-schemas";

export interface RuleRow {
  id: string;
  name: string;
  endpointId: string;
  endpointName: string;
  judges: unknown;
  sampleRate: number;
  filter: unknown;
  enabled: boolean;
  paused: boolean;
  pausedReason: string | null;
  pausedAt: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
}

export function ruleView(row: RuleRow): RuleView {
  return {
    id: row.id,
    name: row.name,
    endpointId: row.endpointId,
    endpointName: row.endpointName,
    judges: (Array.isArray(row.judges) ? row.judges : []) as JudgeRef[],
    sampleRate: row.sampleRate,
    filter: (row.filter ?? null) as RuleFilter | null,
    enabled: row.enabled,
    paused: row.paused,
    pausedReason: row.pausedReason,
    pausedAt: row.pausedAt,
    consecutiveFailures: row.consecutiveFailures,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function findRule(db: Db, id: string): Promise<RuleRow> {
  const row = await db.evaluationRule.findUnique({ where: { id } });
  if (!row) throw notFound(`Evaluation rule '${id}' not found.`);
  return row;
}

/** Validates the judges (422 naming the field) and bakes `judgeEndpoint` into the LLM judges that
 * would use it: a rule stores only its judge references. */
async function checkedRefs(db: Db, refs: JudgeRef[], judgeEndpoint: string | undefined): Promise<JudgeRef[]> {
  const resolved = await resolveJudges(db, refs, judgeEndpoint);
  return refs.map((ref, i) => {
    const judge = resolved[i];
    if (ref.type === "code" || ref.endpoint || !judgeEndpoint || judge.kind !== "llm" || judge.endpoint !== judgeEndpoint) return ref;
    return { ...ref, endpoint: judgeEndpoint };
  });
}

export async function listRules(actor: Actor, db: Db = getDb()): Promise<RuleView[]> {
  requireAdmin(actor, "see evaluation rules");
  ensureEvaluation();
  const rows = await db.evaluationRule.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(ruleView);
}

export async function getRule(actor: Actor, id: string, db: Db = getDb()): Promise<RuleView> {
  requireAdmin(actor, "see evaluation rules");
  return ruleView(await findRule(db, id));
}

export async function createRule(actor: Actor, input: CreateRuleInput, db: Db = getDb()): Promise<RuleView> {
  requireAdmin(actor, "create evaluation rules");
  const data = createRuleSchema.parse(input);
  const endpoint = await db.endpoint.findFirst({ where: { OR: [{ id: data.endpoint }, { name: data.endpoint }] } });
  if (!endpoint) throw invalidField("endpoint", `Endpoint '${data.endpoint}' not found.`, "unknown_endpoint");
  if (endpoint.kind !== "chat") {
    throw invalidField("endpoint", `Endpoint '${endpoint.name}' is ${endpointKindPhrase(endpoint.kind)}; online rules judge chat traces.`, "wrong_endpoint_kind");
  }
  const judges = await checkedRefs(db, data.judges, data.judgeEndpoint);
  const row = await db.evaluationRule.create({
    data: {
      name: data.name ?? `${endpoint.name} online`,
      endpointId: endpoint.id,
      endpointName: endpoint.name,
      judges: judges as Prisma.InputJsonValue,
      sampleRate: data.sampleRate,
      filter: data.filter ? (data.filter as Prisma.InputJsonValue) : DbNull,
      enabled: data.enabled ?? true,
    },
  });
  invalidateOnlineRules();
  ensureEvaluation();
  return ruleView(row);
}

export async function updateRule(actor: Actor, id: string, input: UpdateRuleInput, db: Db = getDb()): Promise<RuleView> {
  requireAdmin(actor, "change evaluation rules");
  const patch = updateRuleSchema.parse(input);
  const row = await findRule(db, id);
  const data: Prisma.EvaluationRuleUpdateInput = {};
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.judges !== undefined || patch.judgeEndpoint !== undefined) {
    const refs = patch.judges ?? ((row.judges ?? []) as JudgeRef[]);
    data.judges = (await checkedRefs(db, refs, patch.judgeEndpoint)) as Prisma.InputJsonValue;
  }
  if (patch.sampleRate !== undefined) data.sampleRate = patch.sampleRate;
  if (patch.filter !== undefined) data.filter = patch.filter ? (patch.filter as Prisma.InputJsonValue) : DbNull;
  if (patch.enabled !== undefined) data.enabled = patch.enabled;
  if (patch.paused === false) Object.assign(data, { paused: false, pausedReason: null, pausedAt: null, consecutiveFailures: 0 });
  if (patch.paused === true && !row.paused) Object.assign(data, { paused: true, pausedReason: "Paused by an admin.", pausedAt: new Date() });
  const updated = await db.evaluationRule.update({ where: { id: row.id }, data });
  invalidateOnlineRules();
  return ruleView(updated);
}

/** Deletes a rule; its scores stay on the traces (without the rule link). */
export async function deleteRule(actor: Actor, id: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete evaluation rules");
  const row = await findRule(db, id);
  await db.evaluationRule.delete({ where: { id: row.id } });
  invalidateOnlineRules();
  return { id: row.id, deleted: true };
}
