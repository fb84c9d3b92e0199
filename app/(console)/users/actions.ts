"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { compact, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { createUserSchema, type CreateUserInput } from "@/lib/users/schemas";
import { assertUserEmailFree, createUser, deleteUser } from "@/lib/users/service";
import { submitUserUpdateForm } from "@/lib/users/update-form";

export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({
    email: text(form, "email"),
    name: text(form, "name"),
    password: form.get("password") || undefined,
    role: text(form, "role"),
  }) as CreateUserInput;
  const state = await submit(createUserSchema, input, () => createUser(actor, input), {
    checks: () => assertUserEmailFree(actor, input.email),
  });
  if (state.status !== "ok") return state;
  revalidatePath("/users");
  return { status: "ok", message: `${state.result.email} can now sign in with the password you set.` };
}

export async function updateUserAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submitUserUpdateForm(actor, id, form, { adminFields: true });
  if (state.status !== "ok") return state;
  revalidatePath("/users");
  revalidatePath(`/users/${id}`);
  return state;
}

export async function deleteUserAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteUser(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/users");
  redirect("/users");
}
