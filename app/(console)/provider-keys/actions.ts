"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { compact, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import {
  createSecretSchema,
  rotateSecretSchema,
  updateSecretSchema,
  type CreateSecretInput,
  type RotateSecretInput,
  type UpdateSecretInput,
} from "@/lib/secrets/schemas";
import { assertSecretNameFree, createSecret, deleteSecret, rotateSecret, updateSecretFromForm } from "@/lib/secrets/service";

// Form fields are named after the schema paths ("apiKey", "config.baseUrl"), so zod's issue
// paths land on the inputs. The form renders only the fields of the chosen provider.

function credentials(form: FormData) {
  return compact({
    apiKey: text(form, "apiKey"),
    accessKeyId: text(form, "accessKeyId"),
    secretAccessKey: text(form, "secretAccessKey"),
    sessionToken: text(form, "sessionToken"),
  });
}

function config(form: FormData) {
  return compact({
    baseUrl: text(form, "config.baseUrl")?.trim(),
    apiVersion: text(form, "config.apiVersion"),
    deployment: text(form, "config.deployment"),
    region: text(form, "config.region"),
    organization: text(form, "config.organization"),
    project: text(form, "config.project"),
  });
}

export async function createSecretAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({
    name: text(form, "name"),
    provider: text(form, "provider"),
    ...credentials(form),
    config: config(form),
  }) as CreateSecretInput;
  const state = await submit(createSecretSchema, input, () => createSecret(actor, input), {
    checks: () => assertSecretNameFree(actor, input.name),
  });
  if (state.status !== "ok") return state;
  revalidatePath("/provider-keys");
  redirect("/provider-keys");
}

export async function updateSecretAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  // The form shows only its provider's settings (CONFIG_FORM_KEYS): other stored keys are kept.
  const input = compact({ name: text(form, "name"), config: config(form) }) as UpdateSecretInput;
  const state = await submit(updateSecretSchema, input, () => updateSecretFromForm(actor, id, input), {
    checks: () => assertSecretNameFree(actor, input.name, id),
  });
  if (state.status !== "ok") return state;
  revalidatePath("/provider-keys");
  revalidatePath(`/provider-keys/${id}`);
  return { status: "ok", message: "Saved." };
}

export async function rotateSecretAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = credentials(form) as RotateSecretInput;
  const state = await submit(rotateSecretSchema, input, () => rotateSecret(actor, id, input));
  if (state.status !== "ok") return state;
  revalidatePath("/provider-keys");
  revalidatePath(`/provider-keys/${id}`);
  return { status: "ok", message: `Key rotated. New key: ${state.result.maskedKey}. Requests use it from now on.` };
}

export async function deleteSecretAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteSecret(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/provider-keys");
  redirect("/provider-keys");
}
