"use server";

import { compact, errorState, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { firstAdminSchema, type FirstAdminInput } from "@/lib/users/schemas";
import { createFirstAdmin } from "@/lib/users/service";

/** Creates the first admin; refused (409) once any user exists. The form then signs in. */
export async function createFirstAdminAction(_prev: FormState, form: FormData): Promise<FormState> {
  const password = form.get("password");
  const input = compact({
    email: text(form, "email"),
    name: text(form, "name"),
    password: typeof password === "string" && password !== "" ? password : undefined,
  }) as FirstAdminInput;
  const parsed = firstAdminSchema.safeParse(input);
  const mismatch = password !== form.get("confirmPassword");
  if (!parsed.success || mismatch) {
    const state: FormState = parsed.success ? { status: "error" } : errorState(parsed.error);
    if (mismatch) state.fieldErrors = { ...state.fieldErrors, confirmPassword: "The passwords do not match." };
    return state;
  }
  const state = await submit(null, input, () => createFirstAdmin(input));
  return state.status === "ok" ? { status: "ok" } : state;
}
