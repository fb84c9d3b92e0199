"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { compact, submit, text } from "@/lib/console/form-action";
import type { CreatedTokenResult, FormState } from "@/lib/console/form-state";
import {
  addMemberSchema,
  createTeamSchema,
  createTeamTokenSchema,
  type CreateTeamTokenInput,
} from "@/lib/teams/schemas";
import { addMember, assertTeamNameFree, createTeam, deleteTeam, removeMember } from "@/lib/teams/service";
import { assertTeamTokenNameFree, createTeamToken, revokeTeamToken } from "@/lib/teams/tokens";

export async function createTeamAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({ name: text(form, "name") });
  const state = await submit(createTeamSchema, input, () => createTeam(actor, { name: input.name ?? "" }), {
    checks: () => assertTeamNameFree(actor, input.name),
  });
  if (state.status !== "ok") return state;
  revalidatePath("/teams");
  redirect(`/teams/${state.result.id}`);
}

export async function deleteTeamAction(teamId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => deleteTeam(actor, teamId));
  if (state.status !== "ok") return state;
  revalidatePath("/teams");
  redirect("/teams");
}

export async function addMemberAction(teamId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  const input = compact({ userId: text(form, "userId") });
  const state = await submit(addMemberSchema, input, () => addMember(actor, teamId, { userId: input.userId ?? "" }));
  if (state.status !== "ok") return state;
  revalidatePath(`/teams/${teamId}`);
  return { status: "ok", message: `${state.result.email} added.` };
}

export async function removeMemberAction(teamId: string, userId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => removeMember(actor, teamId, userId));
  if (state.status !== "ok") return state;
  revalidatePath(`/teams/${teamId}`);
  return { status: "ok" };
}

export async function createTeamTokenAction(
  teamId: string,
  _prev: FormState<CreatedTokenResult>,
  form: FormData,
): Promise<FormState<CreatedTokenResult>> {
  const actor = await getActor();
  const endpoints = form.getAll("endpoints").filter((v): v is string => typeof v === "string" && v !== "");
  const input = compact({
    name: text(form, "name"),
    expiresAt: text(form, "expiresAt"),
    // No endpoint ticked = the token may call every endpoint.
    endpoints: endpoints.length ? endpoints : undefined,
  }) as CreateTeamTokenInput;
  const state = await submit(createTeamTokenSchema, input, () => createTeamToken(actor, teamId, input), {
    checks: () => assertTeamTokenNameFree(actor, teamId, input.name),
  });
  if (state.status !== "ok") return state;
  revalidatePath(`/teams/${teamId}`);
  const { name, token, prefix } = state.result;
  return { status: "ok", result: { name, token, prefix } };
}

export async function revokeTeamTokenAction(teamId: string, tokenId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const actor = await getActor();
  const state = await submit(null, null, () => revokeTeamToken(actor, teamId, tokenId));
  if (state.status !== "ok") return state;
  revalidatePath(`/teams/${teamId}`);
  return { status: "ok" };
}
