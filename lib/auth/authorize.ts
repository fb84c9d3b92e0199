// Authorization rules shared by every service:
//   admins (role "admin" or an admin API token) may do everything;
//   members see and manage tokens only of the teams they belong to, may read endpoints, and may
//   change their own name and password; nothing else.

import type { Db } from "../db";
import { forbidden, notFound } from "../api/errors";
import { isAdmin, type Actor } from "./actor";

export function requireAdmin(actor: Actor, action: string): void {
  if (!isAdmin(actor)) throw forbidden(`Only admins can ${action}.`);
}

/** Members may only reach teams they belong to; anything else looks like it does not exist. */
export async function requireTeamAccess(db: Db, actor: Actor, teamId: string): Promise<void> {
  if (isAdmin(actor)) return;
  if (actor.kind !== "user") throw forbidden("Not allowed.");
  const membership = await db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: actor.userId } } });
  if (!membership) throw notFound(`Team '${teamId}' not found.`);
}
