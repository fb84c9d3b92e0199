"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { checkbox, compact, int, json, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import {
  createEndpointSchema,
  updateEndpointSchema,
  type CreateEndpointInput,
  type UpdateEndpointInput,
} from "@/lib/endpoints/schemas";
import { assertEndpointNameFree, createEndpoint, deleteEndpoint, updateEndpoint } from "@/lib/endpoints/service";
import { parseStatusList } from "@/lib/endpoints/status-list";

function endpointInput(form: FormData) {
  return {
    name: text(form, "name")?.trim(),
    kind: text(form, "kind"),
    models: json(form, "models"),
    maxAttempts: int(form, "maxAttempts"),
    timeoutMs: int(form, "timeoutMs"),
    usageTracking: checkbox(form, "usageTracking"),
    capturePayloads: checkbox(form, "capturePayloads"),
    fallbackOn: parseStatusList(text(form, "fallbackOn")),
  };
}

export async function createEndpointAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact(endpointInput(form)) as CreateEndpointInput;
  const state = await submit(createEndpointSchema, input, () => createEndpoint(actor, input), {
    checks: () => assertEndpointNameFree(actor, input.name),
  });
  if (state.status !== "ok") return state;
  revalidatePath("/endpoints");
  redirect("/endpoints");
}

export async function updateEndpointAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const { fallbackOn, ...rest } = endpointInput(form);
  // Every field is sent: an emptied "fallback on" list goes back to the default statuses.
  const input = { ...compact(rest), fallbackOn: fallbackOn ?? null } as UpdateEndpointInput;
  const state = await submit(updateEndpointSchema, input, () => updateEndpoint(actor, id, input), {
    checks: () => assertEndpointNameFree(actor, input.name, id),
  });
  if (state.status !== "ok") return state;
  revalidatePath("/endpoints");
  redirect("/endpoints");
}

export async function deleteEndpointAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteEndpoint(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/endpoints");
  redirect("/endpoints");
}
