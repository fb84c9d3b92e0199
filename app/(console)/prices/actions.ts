"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { compact, submit, text } from "@/lib/console/form-action";
import type { FormState } from "@/lib/console/form-state";
import { createPrice, deletePrice, updatePrice } from "@/lib/usage/price-service";
import { createPriceSchema, updatePriceSchema, type CreatePriceInput, type UpdatePriceInput } from "@/lib/usage/schemas";

// Form fields are named after the schema's fields, so zod's issue paths land on the inputs.

/** A number field: a number when it parses, else the text (the schema then names the field). */
function decimal(form: FormData, name: string): number | string | undefined {
  const value = text(form, name)?.trim();
  if (value === undefined) return undefined;
  const n = Number(value);
  return value !== "" && Number.isFinite(n) ? n : value;
}

function priceFields(form: FormData) {
  return {
    provider: text(form, "provider"),
    modelPattern: text(form, "modelPattern"),
    inputPerMillion: decimal(form, "inputPerMillion"),
    outputPerMillion: decimal(form, "outputPerMillion"),
    source: text(form, "source"),
  };
}

export async function createPriceAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({
    ...priceFields(form),
    cacheReadPerMillion: decimal(form, "cacheReadPerMillion"),
    cacheWritePerMillion: decimal(form, "cacheWritePerMillion"),
  }) as CreatePriceInput;
  const state = await submit(createPriceSchema, input, () => createPrice(actor, input));
  if (state.status !== "ok") return state;
  revalidatePath("/prices");
  return { status: "ok", message: `Price for ${state.result.modelPattern} saved. It applies to requests from now on.` };
}

export async function updatePriceAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  // An emptied cache field clears it (null = billed at the input price).
  const input = {
    ...compact(priceFields(form)),
    cacheReadPerMillion: decimal(form, "cacheReadPerMillion") ?? null,
    cacheWritePerMillion: decimal(form, "cacheWritePerMillion") ?? null,
  } as UpdatePriceInput;
  const state = await submit(updatePriceSchema, input, () => updatePrice(actor, id, input));
  if (state.status !== "ok") return state;
  revalidatePath("/prices");
  redirect("/prices");
}

export async function deletePriceAction(id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deletePrice(actor, id));
  if (state.status !== "ok") return state;
  revalidatePath("/prices");
  // Also leaves the edit page of the deleted price.
  redirect("/prices");
}
