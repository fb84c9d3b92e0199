"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { compact, json, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { listJudges } from "@/lib/eval/judge-service";
import { needsJudgeEndpoint } from "@/lib/eval/run-form";
import { cancelRun, createRun, deleteRun } from "@/lib/eval/run-service";
import { createRunSchema, type CreateRunInput } from "@/lib/eval/schemas";

// The new-run form posts its judge list and source as JSON fields (client state); validation is
// createRunSchema's, errors come back keyed "judges.<i>.<field>" / "source.<field>", and
// "judgeEndpoint" when LLM judges were chosen without one.
export async function createRunAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({
    name: text(form, "name")?.trim(),
    source: json(form, "source"),
    judges: json(form, "judges"),
    judgeEndpoint: text(form, "judgeEndpoint"),
  }) as CreateRunInput;
  // The form leaves the judge endpoint unchosen until the user picks one: reported on its field
  // (the service would name the first judge that needs it).
  const readErrors: Record<string, string> = {};
  if (!input.judgeEndpoint && needsJudgeEndpoint(input.judges, (await listJudges(actor)).filter((j) => j.kind === "custom"))) {
    readErrors.judgeEndpoint = "Choose the chat endpoint that runs the LLM judges.";
  }
  const state = await submit(createRunSchema, input, () => createRun(actor, input), { readErrors });
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
