"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { checkbox, compact, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { createUserSchema, updateUserSchema, type CreateUserInput, type UpdateUserInput } from "@/lib/users/schemas";
import { assertUserEmailFree, createUser, deleteUser } from "@/lib/users/service";
import { updateUserKeepingSession } from "@/lib/users/update-keeping-session";

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
  const input = compact({
    // An emptied name clears it; an empty password field leaves the password unchanged.
    name: text(form, "name") ?? null,
    password: form.get("password") || undefined,
    // Only on the form of one's own account (required there to change the password).
    currentPassword: form.get("currentPassword") || undefined,
    role: text(form, "role"),
    disabled: checkbox(form, "disabled"),
  }) as UpdateUserInput;
  const jar = await cookies();
  const requestCookies = Object.fromEntries(jar.getAll().map((c) => [c.name, c.value]));
  const state = await submit(updateUserSchema, input, () => updateUserKeepingSession(actor, id, input, requestCookies));
  if (state.status !== "ok") return state;
  // A password change ended the user's sessions; this one (their own) stays signed in.
  const { sessionCookie } = state.result;
  if (sessionCookie) jar.set(sessionCookie.name, sessionCookie.value, sessionCookie.options);
  revalidatePath("/users");
  revalidatePath(`/users/${id}`);
  if (input.password === undefined) return { status: "ok", message: "Saved." };
  const own = actor.kind === "user" && actor.userId === id;
  return {
    status: "ok",
    message: own
      ? "Saved. Your password was changed; your other sessions are signed out."
      : "Saved. The password was changed; their open sessions are signed out.",
  };
}

export async function deleteUserAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteUser(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/users");
  redirect("/users");
}
