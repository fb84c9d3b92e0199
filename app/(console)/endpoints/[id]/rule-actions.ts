"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { submit } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { submitRuleForm } from "@/lib/eval/rule-form";
import { deleteRule, updateRule } from "@/lib/eval/rule-service";

const page = (endpointId: string) => `/endpoints/${endpointId}`;

export async function createRuleAction(endpointId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submitRuleForm(actor, { endpoint: endpointId }, form);
  if (state.status !== "ok") return state;
  revalidatePath(page(endpointId));
  return { status: "ok", message: `Rule '${state.result.name}' created.` };
}

export async function updateRuleAction(endpointId: string, ruleId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submitRuleForm(actor, { ruleId }, form);
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
