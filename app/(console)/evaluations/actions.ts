"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { compact, json, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { cancelRun, createRun, deleteRun } from "@/lib/eval/run-service";
import { createRunSchema, type CreateRunInput } from "@/lib/eval/schemas";

// The new-run form posts its judge list and source as JSON fields (client state); validation is
// createRunSchema's, errors come back keyed "judges.<i>.<field>" / "source.<field>".
export async function createRunAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({
    name: text(form, "name")?.trim(),
    source: json(form, "source"),
    judges: json(form, "judges"),
    judgeEndpoint: text(form, "judgeEndpoint"),
  }) as CreateRunInput;
  const state = await submit(createRunSchema, input, () => createRun(actor, input));
  if (state.status !== "ok") return state;
  revalidatePath("/evaluations");
  redirect(`/evaluations/${state.result.id}`);
}

export async function cancelRunAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => cancelRun(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath(`/evaluations/${id}`);
  return { status: "ok" };
}

export async function deleteRunAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteRun(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/evaluations");
  redirect("/evaluations");
}
