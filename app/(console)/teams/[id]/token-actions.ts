"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import type { FormState } from "@/lib/console/form-state";
import { submitTokenEditForm } from "@/lib/teams/token-form";

/** The tokens table's edit form: name, expiry and endpoint restriction of a team token (members
 * may edit their own teams' tokens, as with PATCH /api/v1/teams/{id}/tokens/{tokenId}). */
export async function updateTeamTokenAction(teamId: string, tokenId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submitTokenEditForm(actor, teamId, tokenId, form);
  if (state.status !== "ok") return state;
  revalidatePath(`/teams/${teamId}`);
  return { status: "ok", message: `Token '${state.result.name}' saved.` };
}
