"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { compact, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { inputsFromText, outputsFromText, parseJsonText } from "@/lib/eval/console-input";
import {
  addDatasetItems,
  assertDatasetNameFree,
  createDataset,
  deleteDataset,
  deleteDatasetItem,
  importDatasetItems,
  updateDatasetItem,
} from "@/lib/eval/dataset-service";
import {
  addDatasetItemsSchema,
  createDatasetSchema,
  importDatasetSchema,
  updateDatasetItemSchema,
  type AddDatasetItemsInput,
  type CreateDatasetInput,
  type ImportDatasetInput,
  type UpdateDatasetItemInput,
} from "@/lib/eval/schemas";

export async function createDatasetAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({ name: text(form, "name"), description: text(form, "description") }) as CreateDatasetInput;
  const state = await submit(createDatasetSchema, input, () => createDataset(actor, input), {
    checks: () => assertDatasetNameFree(actor, input.name),
  });
  if (state.status !== "ok") return state;
  revalidatePath("/datasets");
  redirect(`/datasets/${state.result.id}`);
}

export async function deleteDatasetAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteDataset(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/datasets");
  redirect("/datasets");
}

/** The expectations textarea: a JSON object, or empty for none. */
function expectationsField(form: FormData): { ok: true; value: unknown } | { ok: false; state: FormState } {
  const parsed = parseJsonText(text(form, "expectations"));
  if (!parsed.ok) return { ok: false, state: { status: "error", fieldErrors: { expectations: parsed.message } } };
  return { ok: true, value: parsed.value ?? null };
}

export async function addDatasetItemAction(datasetId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const expectations = expectationsField(form);
  if (!expectations.ok) return expectations.state;
  const item = compact({
    inputs: inputsFromText(text(form, "inputs")),
    outputs: outputsFromText(text(form, "outputs")),
    expectations: expectations.value,
  });
  const input = { items: [item] } as AddDatasetItemsInput;
  const state = await submit(addDatasetItemsSchema, input, () => addDatasetItems(actor, datasetId, input));
  if (state.status !== "ok") {
    // Errors name "items.0.<field>"; the form's fields are named "<field>".
    const fieldErrors = Object.fromEntries(Object.entries(state.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^items\.0\./, ""), v]));
    return { ...state, fieldErrors };
  }
  revalidatePath(`/datasets/${datasetId}`);
  return { status: "ok", message: "Item added." };
}

export async function updateDatasetItemAction(datasetId: string, itemId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const inputs = parseJsonText(text(form, "inputs"));
  if (!inputs.ok) return { status: "error", fieldErrors: { inputs: inputs.message } };
  const outputs = parseJsonText(text(form, "outputs"));
  if (!outputs.ok) return { status: "error", fieldErrors: { outputs: outputs.message } };
  const expectations = expectationsField(form);
  if (!expectations.ok) return expectations.state;
  const input = {
    inputs: inputs.value === undefined ? null : inputs.value,
    outputs: outputs.value ?? null,
    expectations: expectations.value,
  } as UpdateDatasetItemInput;
  const state = await submit(updateDatasetItemSchema, input, () => updateDatasetItem(actor, datasetId, itemId, input));
  if (state.status !== "ok") return state;
  revalidatePath(`/datasets/${datasetId}`);
  return { status: "ok", message: "Saved." };
}

export async function deleteDatasetItemAction(datasetId: string, itemId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteDatasetItem(actor, datasetId, itemId));
  if (state.status !== "ok") return state;
  revalidatePath(`/datasets/${datasetId}`);
  return { status: "ok" };
}

export async function importDatasetAction(datasetId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({ format: text(form, "format"), content: text(form, "content") }) as ImportDatasetInput;
  const state = await submit(importDatasetSchema, input, () => importDatasetItems(actor, datasetId, input));
  if (state.status !== "ok") return state;
  revalidatePath(`/datasets/${datasetId}`);
  return { status: "ok", message: `Imported ${state.result.imported} item(s).` };
}

/** The trace explorer's "Add to dataset": the checked traces (inputs / outputs copied, the trace
 * kept as the item's source) into an existing dataset or a new one. */
export async function addTracesToDatasetAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const traceIds = form.getAll("traceIds").filter((v): v is string => typeof v === "string" && v !== "");
  if (traceIds.length === 0) return { status: "error", message: "Select at least one trace first." };
  const target = text(form, "dataset") ?? "__new__";
  if (target === "__new__") {
    const input = compact({ name: text(form, "name"), traceIds }) as CreateDatasetInput;
    const state = await submit(createDatasetSchema, input, () => createDataset(actor, input), {
      checks: () => assertDatasetNameFree(actor, input.name),
    });
    if (state.status !== "ok") return state;
    revalidatePath("/datasets");
    redirect(`/datasets/${state.result.id}`);
  }
  const input = { traceIds } as AddDatasetItemsInput;
  const state = await submit(addDatasetItemsSchema, input, () => addDatasetItems(actor, target, input));
  if (state.status !== "ok") return state;
  revalidatePath(`/datasets/${target}`);
  redirect(`/datasets/${target}`);
}
