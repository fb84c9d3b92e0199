// The console's user edit forms (an admin's /users/[id], everyone's own /account) submit through
// this one function: FormData → updateUserSchema input → the service, keeping the changer signed in
// when they changed their own password (lib/users/update-keeping-session.ts). Server-only: the
// server actions call it and add their own revalidatePath.

import { cookies } from "next/headers";
import type { Actor } from "../auth/actor";
import { checkbox, compact, submit, text } from "../console/form-action";
import type { FormState } from "../console/form-state";
import { updateUserSchema, type UpdateUserInput } from "./schemas";
import { updateUserKeepingSession } from "./update-keeping-session";

/** `adminFields`: the form also has role and the disabled checkbox (an admin's edit page); without
 * them only name and passwords are sent, which is all a member may change. */
export async function submitUserUpdateForm(
  actor: Actor,
  id: string,
  form: FormData,
  { adminFields }: { adminFields: boolean },
): Promise<FormState> {
  const input = compact({
    // An emptied name clears it; an empty password field leaves the password unchanged.
    name: text(form, "name") ?? null,
    password: form.get("password") || undefined,
    // Only on the form of one's own account (required there to change the password).
    currentPassword: form.get("currentPassword") || undefined,
    role: adminFields ? text(form, "role") : undefined,
    disabled: adminFields ? checkbox(form, "disabled") : undefined,
  }) as UpdateUserInput;
  const jar = await cookies();
  const requestCookies = Object.fromEntries(jar.getAll().map((c) => [c.name, c.value]));
  const state = await submit(updateUserSchema, input, () => updateUserKeepingSession(actor, id, input, requestCookies));
  if (state.status !== "ok") return state;
  // A password change ended the user's sessions; this one (their own) stays signed in.
  const { sessionCookie } = state.result;
  if (sessionCookie) jar.set(sessionCookie.name, sessionCookie.value, sessionCookie.options);
  if (input.password === undefined) return { status: "ok", message: "Saved." };
  const own = actor.kind === "user" && actor.userId === id;
  return {
    status: "ok",
    message: own
      ? "Saved. Your password was changed; your other sessions are signed out."
      : "Saved. The password was changed; their open sessions are signed out.",
  };
}
