// The one way to change an API token (admin or team): only while it is not revoked, so a
// revocation racing the change is never undone. The secret and its hash are never touched.

import { conflict, notFound } from "../api/errors";
import type { Db } from "../db";

type TokenRow = NonNullable<Awaited<ReturnType<Db["apiToken"]["findFirst"]>>>;
type TokenChange = Parameters<Db["apiToken"]["updateMany"]>[0]["data"];

/** Applies `data` (null: nothing to change) to the token `where` selects and returns its row. 404
 * with `notFoundMessage` when none matches, 409 `token_revoked` when it is revoked. `label` names
 * the kind in messages ("Admin token", "Token"). Returns whether a change was written. */
export async function updateUnrevokedToken(
  db: Db,
  where: { id: string; kind: string; teamId?: string },
  data: TokenChange | null,
  label: string,
  notFoundMessage: string,
): Promise<{ row: TokenRow; changed: boolean }> {
  const assertChangeable = (row: TokenRow | null): TokenRow => {
    if (!row) throw notFound(notFoundMessage);
    if (row.revokedAt) throw conflict(`${label} '${row.name}' is revoked; create a new token instead.`, "token_revoked");
    return row;
  };
  const current = assertChangeable(await db.apiToken.findFirst({ where }));
  if (data === null) return { row: current, changed: false };
  const { count } = await db.apiToken.updateMany({ where: { ...where, revokedAt: null }, data });
  if (count === 0) {
    assertChangeable(await db.apiToken.findFirst({ where }));
    throw notFound(notFoundMessage);
  }
  return { row: await db.apiToken.findUniqueOrThrow({ where: { id: where.id } }), changed: true };
}
