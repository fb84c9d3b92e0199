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
import { parseStatusList, statusListError } from "@/lib/endpoints/status-list";

/** The form's fields as the schema's input, and the errors found reading them: a "Fall back on
 * statuses" entry that is not a status is named by the form (the schema would only see a list). */
function endpointInput(form: FormData) {
  const statuses = text(form, "fallbackOn");
  const statusError = statusListError(statuses);
  const readErrors: Record<string, string> = statusError ? { fallbackOn: statusError } : {};
  return { input: endpointFields(form, statusError ? undefined : statuses), readErrors };
}

function endpointFields(form: FormData, statuses: string | undefined) {
  return {
    name: text(form, "name")?.trim(),
    kind: text(form, "kind"),
    models: json(form, "models"),
    maxAttempts: int(form, "maxAttempts"),
    timeoutMs: int(form, "timeoutMs"),
    usageTracking: checkbox(form, "usageTracking"),
    capturePayloads: checkbox(form, "capturePayloads"),
    fallbackOn: parseStatusList(statuses),
  };
}

export async function createEndpointAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const { input: fields, readErrors } = endpointInput(form);
  const input = compact(fields) as CreateEndpointInput;
  const state = await submit(createEndpointSchema, input, () => createEndpoint(actor, input), {
    checks: () => assertEndpointNameFree(actor, input.name),
    readErrors,
  });
  if (state.status !== "ok") return state;
  revalidatePath("/endpoints");
  redirect("/endpoints");
}

export async function updateEndpointAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const { input: fields, readErrors } = endpointInput(form);
  const { fallbackOn, ...rest } = fields;
  // Every field is sent: an emptied "fallback on" list goes back to the default statuses.
  const input = { ...compact(rest), fallbackOn: fallbackOn ?? null } as UpdateEndpointInput;
  const state = await submit(updateEndpointSchema, input, () => updateEndpoint(actor, id, input), {
    checks: () => assertEndpointNameFree(actor, input.name, id),
    readErrors,
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
