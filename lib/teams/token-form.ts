// Server half of the team page's token edit form: its FormData → the input of
// updateTeamTokenSchema (the PATCH /api/v1/teams/{id}/tokens/{tokenId} schema), then
// updateTeamToken, the service that route calls. The server action in
// app/(console)/teams/[id]/token-actions.ts is this plus revalidation.
//
// Fields (names as the form posts them): name, expiry and expiresAt as on every token edit form
// (read by lib/auth/token-form.ts), and
//   endpointsMode "all" (null = every endpoint) or "only" (the ticked `endpoints`, one per name).
//                 Nothing ticked is an error, never "all" as on the create form: that would widen
//                 the token. A token whose endpoints were all deleted (restricted to none) keeps
//                 that restriction when nothing is ticked.
// A missing or unknown choice leaves that part unchanged.

import type { Actor } from "../auth/actor";
import { tokenFieldsFromForm } from "../auth/token-form";
import { errorState, submit, type ErrorState, type Submitted } from "../console/form-action";
import { getDb, type Db } from "../db";
import { updateTeamTokenSchema, type UpdateTeamTokenInput } from "./schemas";
import { assertTeamTokenNameFree, getTeamToken, updateTeamToken, type TeamTokenView } from "./tokens";

export const NO_ENDPOINT_TICKED = "Tick at least one endpoint, or choose “All endpoints”.";
export { NO_DATE_PICKED } from "../auth/token-form";

export interface TokenEditFromForm {
  /** The input for updateTeamTokenSchema: only the parts the user changed or chose. */
  input: UpdateTeamTokenInput;
  /** Choices that cannot be sent as they are, by field. */
  fieldErrors: Record<string, string>;
  /** "Only these" with nothing ticked (an error unless the token already allows no endpoint). */
  noEndpointTicked: boolean;
}

export function tokenEditFromForm(form: FormData): TokenEditFromForm {
  const { input: fields, fieldErrors } = tokenFieldsFromForm(form);
  const input: UpdateTeamTokenInput = { ...fields };
  const mode = form.get("endpointsMode");
  const ticked = form.getAll("endpoints").filter((v): v is string => typeof v === "string" && v !== "");
  let noEndpointTicked = false;
  if (mode === "all") input.endpoints = null;
  else if (mode === "only") {
    if (ticked.length) input.endpoints = [...new Set(ticked)];
    else noEndpointTicked = true;
  }
  return { input, fieldErrors, noEndpointTicked };
}

/** The edit form's submission for token `tokenId` of team `teamId`: every field error at once
 * (the form's own and the schema's), then the same service call as the PATCH route. */
export async function submitTokenEditForm(
  actor: Actor,
  teamId: string,
  tokenId: string,
  form: FormData,
  db: Db = getDb(),
): Promise<Submitted<TeamTokenView>> {
  const { input, fieldErrors, noEndpointTicked } = tokenEditFromForm(form);
  if (noEndpointTicked) {
    let current: TeamTokenView;
    try {
      current = await getTeamToken(actor, teamId, tokenId, db);
    } catch (err) {
      return errorState(err);
    }
    // Already allowed no endpoint (they were all deleted): nothing ticked leaves it so.
    if (!(current.endpoints && current.endpoints.length === 0)) fieldErrors.endpoints = NO_ENDPOINT_TICKED;
  }
  const state = await submit(updateTeamTokenSchema, input, () => updateTeamToken(actor, teamId, tokenId, input, db), {
    readErrors: fieldErrors,
    checks: () => (input.name === undefined ? Promise.resolve() : assertTeamTokenNameFree(actor, teamId, input.name, tokenId, db)),
  });
  return state.status === "ok" ? state : withStaleEndpointNames(state, input.endpoints);
}

/** The service names an unknown endpoint by its position ("endpoints.1: endpoint 'x' not found"):
 * on this form that is a box ticked on a page loaded before the endpoint was renamed or deleted. */
function withStaleEndpointNames(state: ErrorState, ticked: string[] | null | undefined): ErrorState {
  if (!state.fieldErrors || !ticked) return state;
  const fieldErrors = { ...state.fieldErrors };
  for (const key of Object.keys(fieldErrors)) {
    const index = /^endpoints\.(\d+)$/.exec(key)?.[1];
    const name = index === undefined ? undefined : ticked[Number(index)];
    if (name) fieldErrors[key] = `Endpoint '${name}' no longer exists (renamed or deleted): reload the page.`;
  }
  return { ...state, fieldErrors };
}
