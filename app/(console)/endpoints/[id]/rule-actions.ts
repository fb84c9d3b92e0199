"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { checkbox, compact, json, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { numberFromText } from "@/lib/eval/console-input";
import { createRule, deleteRule, updateRule } from "@/lib/eval/rule-service";
import { createRuleSchema, updateRuleSchema, type CreateRuleInput, type UpdateRuleInput } from "@/lib/eval/schemas";

/** "10" or "10%" → 0.1: the form asks for a percentage, the schema wants a rate. */
function sampleRate(form: FormData): number | string | undefined {
  const raw = text(form, "sampleRate")?.trim().replace(/%$/, "");
  const n = numberFromText(raw);
  return typeof n === "number" ? n / 100 : n;
}

function ruleFields(form: FormData) {
  return {
    name: text(form, "name")?.trim(),
    judges: json(form, "judges"),
    judgeEndpoint: text(form, "judgeEndpoint"),
    sampleRate: sampleRate(form),
    enabled: checkbox(form, "enabled"),
  };
}

const page = (endpointId: string) => `/endpoints/${endpointId}`;

export async function createRuleAction(endpointId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({ ...ruleFields(form), endpoint: endpointId }) as CreateRuleInput;
  const state = await submit(createRuleSchema, input, () => createRule(actor, input));
  if (state.status !== "ok") return state;
  revalidatePath(page(endpointId));
  return { status: "ok", message: `Rule '${state.result.name}' created.` };
}

export async function updateRuleAction(endpointId: string, ruleId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact(ruleFields(form)) as UpdateRuleInput;
  const state = await submit(updateRuleSchema, input, () => updateRule(actor, ruleId, input));
  if (state.status !== "ok") return state;
  revalidatePath(page(endpointId));
  return { status: "ok", message: "Saved." };
}

export async function resumeRuleAction(endpointId: string, ruleId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => updateRule(actor, ruleId, { paused: false }));
  if (state.status !== "ok") return state;
  revalidatePath(page(endpointId));
  return { status: "ok" };
}

export async function setRuleEnabledAction(endpointId: string, ruleId: string, enabled: boolean, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => updateRule(actor, ruleId, { enabled }));
  if (state.status !== "ok") return state;
  revalidatePath(page(endpointId));
  return { status: "ok" };
}

export async function deleteRuleAction(endpointId: string, ruleId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteRule(actor, ruleId));
  if (state.status !== "ok") return state;
  revalidatePath(page(endpointId));
  return { status: "ok" };
}
