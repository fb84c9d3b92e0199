"use server";

import { revalidatePath } from "next/cache";
import { createAdminToken, revokeAdminToken } from "@/lib/auth/admin-tokens";
import { getActor } from "@/lib/auth/session";
import { submitAdminTokenEditForm } from "@/lib/auth/token-form";
import { createAdminTokenSchema, type CreateAdminTokenInput } from "@/lib/auth/token-schemas";
import { compact, submit, text } from "@/lib/console/form-action";
import type { CreatedTokenResult, FormState } from "@/lib/console/form-state";

export async function createAdminTokenAction(
  _prev: FormState<CreatedTokenResult>,
  form: FormData,
): Promise<FormState<CreatedTokenResult>> {
  const actor = await getActor();
  const input = compact({ name: text(form, "name"), expiresAt: text(form, "expiresAt") }) as CreateAdminTokenInput;
  const state = await submit(createAdminTokenSchema, input, () => createAdminToken(actor, input));
  if (state.status !== "ok") return state;
  revalidatePath("/admin-tokens");
  const { name, token, prefix } = state.result;
  return { status: "ok", result: { name, token, prefix } };
}

export async function revokeAdminTokenAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => revokeAdminToken(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/admin-tokens");
  return { status: "ok" };
}

/** The tokens table's edit form: name and expiry of an admin token (as PATCH /api/v1/admin-tokens/{id}). */
export async function updateAdminTokenAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submitAdminTokenEditForm(actor, id, form);
  if (state.status !== "ok") return state;
  revalidatePath("/admin-tokens");
  return { status: "ok", message: `Token '${state.result.name}' saved.` };
}
