"use server";

import { revalidatePath } from "next/cache";
import { actorOf, requireUser } from "@/lib/auth/session";
import type { FormState } from "@/lib/console/form-state";
import { submitUserUpdateForm } from "@/lib/users/update-form";

/** The signed-in user's own name and password (members and admins); the id is the session's. */
export async function updateAccountAction(_prev: FormState, form: FormData): Promise<FormState> {
  const me = await requireUser();
  const state = await submitUserUpdateForm(actorOf(me), me.id, form, { adminFields: false });
  if (state.status !== "ok") return state;
  // The name is also in the sidebar of every console page.
  revalidatePath("/", "layout");
  return state;
}
