// Server half of the console's token edit forms: the name and expiry fields both token kinds share
// (the admin tokens page posts only these; a team's page adds the endpoint restriction,
// lib/teams/token-form.ts), and the admin token form's submission: its FormData → the input of
// updateAdminTokenSchema (the PATCH /api/v1/admin-tokens/{id} schema), then updateAdminToken, the
// service that route calls. The server action in app/(console)/admin-tokens/actions.ts is this
// plus revalidation.
//
// Fields (names as the forms post them, components/token-edit-form.tsx):
//   name       the new name (always posted; emptied = "Must not be empty", not "unchanged");
//   expiry     "keep" (expiresAt omitted: an expired token's past date is never sent back, which
//              the "must be in the future" check would reject), "never" (null) or "date";
//   expiresAt  the new date, read only with expiry=date.
// A missing or unknown choice leaves that part unchanged.

import { submit, text, type Submitted } from "../console/form-action";
import { getDb, type Db } from "../db";
import type { Actor } from "./actor";
import { updateAdminToken, type AdminTokenView } from "./admin-tokens";
import { updateAdminTokenSchema, type UpdateAdminTokenInput } from "./token-schemas";

export const NO_DATE_PICKED = "Pick a date, or keep the current expiry.";

export interface TokenFieldsFromForm {
  /** The name and expiry for a token PATCH schema: only the parts the user changed or chose. */
  input: UpdateAdminTokenInput;
  /** Choices that cannot be sent as they are, by field. */
  fieldErrors: Record<string, string>;
}

export function tokenFieldsFromForm(form: FormData): TokenFieldsFromForm {
  const input: UpdateAdminTokenInput = {};
  const fieldErrors: Record<string, string> = {};
  const name = form.get("name");
  if (typeof name === "string") input.name = name;

  const expiry = form.get("expiry");
  if (expiry === "never") input.expiresAt = null;
  else if (expiry === "date") {
    const date = text(form, "expiresAt");
    if (date === undefined) fieldErrors.expiresAt = NO_DATE_PICKED;
    else input.expiresAt = date;
  }
  return { input, fieldErrors };
}

/** The admin tokens page's edit form for token `tokenId`: every field error at once, then the
 * same service call as the PATCH route. */
export async function submitAdminTokenEditForm(
  actor: Actor,
  tokenId: string,
  form: FormData,
  db: Db = getDb(),
): Promise<Submitted<AdminTokenView>> {
  const { input, fieldErrors } = tokenFieldsFromForm(form);
  return submit(updateAdminTokenSchema, input, () => updateAdminToken(actor, tokenId, input, db), { readErrors: fieldErrors });
}
