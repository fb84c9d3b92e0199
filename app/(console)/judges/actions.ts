"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { compact, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { listFromText, numberFromText, parseJsonText } from "@/lib/eval/console-input";
import { assertJudgeNameFree, createJudge, deleteJudge, tryJudge, updateJudge } from "@/lib/eval/judge-service";
import {
  createJudgeSchema,
  tryJudgeSchema,
  updateJudgeSchema,
  type CreateJudgeInput,
  type TryJudgeInput,
  type UpdateJudgeInput,
} from "@/lib/eval/schemas";
import type { TryJudgeResult } from "@/lib/eval/view-schemas";

// The form posts every field; the output fields that do not belong to the chosen output type are
// dropped here so the schema's cross-field rules only see what applies.
function judgeInput(form: FormData) {
  const outputType = text(form, "outputType");
  return {
    name: text(form, "name")?.trim(),
    description: text(form, "description")?.trim() ?? null,
    template: text(form, "template"),
    outputType,
    scaleMin: outputType === "numeric" ? (numberFromText(text(form, "scaleMin")) ?? null) : null,
    scaleMax: outputType === "numeric" ? (numberFromText(text(form, "scaleMax")) ?? null) : null,
    categories: outputType === "categorical" ? (listFromText(text(form, "categories")) ?? null) : null,
    endpoint: text(form, "endpoint") ?? null,
  };
}

export async function createJudgeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact(judgeInput(form)) as CreateJudgeInput;
  const state = await submit(createJudgeSchema, input, () => createJudge(actor, input), {
    checks: () => assertJudgeNameFree(actor, input.name),
  });
  if (state.status !== "ok") return state;
  revalidatePath("/judges");
  redirect(`/judges/${state.result.id}`);
}

export async function updateJudgeAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact(judgeInput(form)) as UpdateJudgeInput;
  const state = await submit(updateJudgeSchema, input, () => updateJudge(actor, id, input));
  if (state.status !== "ok") return state;
  revalidatePath("/judges");
  revalidatePath(`/judges/${id}`);
  return { status: "ok", message: `Saved (version ${state.result.version}).` };
}

export async function deleteJudgeAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteJudge(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/judges");
  redirect("/judges");
}

export async function tryJudgeAction(id: string, _prev: FormState<TryJudgeResult>, form: FormData): Promise<FormState<TryJudgeResult>> {
  const actor = await getActor();
  const expectations = parseJsonText(text(form, "expectations"));
  if (!expectations.ok) return { status: "error", fieldErrors: { expectations: expectations.message } };
  const params = parseJsonText(text(form, "params"));
  if (!params.ok) return { status: "error", fieldErrors: { params: params.message } };
  const input = compact({
    traceId: text(form, "traceId")?.trim(),
    endpoint: text(form, "endpoint"),
    guidelines: text(form, "guidelines"),
    expectations: expectations.value,
    params: params.value,
  }) as TryJudgeInput;
  const state = await submit(tryJudgeSchema, input, () => tryJudge(actor, id, input));
  if (state.status !== "ok") return state;
  return { status: "ok", result: state.result };
}
