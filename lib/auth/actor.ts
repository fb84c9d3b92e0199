// Who is calling a service. Route handlers and server actions resolve the actor; services decide
// what it may do (lib/auth/authorize.ts).

export const ROLES = ["admin", "member"] as const;
export type Role = (typeof ROLES)[number];

export type Actor =
  /** A signed-in console user (role read from the database, not from the session cookie). */
  | { kind: "user"; userId: string; role: Role }
  /** An admin API token (`gha_…`): full admin rights, acting for the user who created it (none for
   * the unattended initial token). */
  | { kind: "admin-token"; tokenId: string; userId?: string | null };

export function isAdmin(actor: Actor): boolean {
  return actor.kind === "admin-token" || actor.role === "admin";
}

/** The user to record as creator of something: the signed-in user, or the one an admin token
 * acts for. */
export function actorUserId(actor: Actor): string | null {
  return actor.userId ?? null;
}
