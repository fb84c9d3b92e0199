// Which teams' data an actor may see (admins: all; members: their teams), and the `team` filter
// (ids or names) resolved to ids. Shared by the usage dashboard and the trace explorer.

import type { Db } from "../db";
import { isAdmin, type Actor } from "../auth/actor";

/** Team ids the actor may see; null = every team, and requests without a team. */
export async function visibleTeamIds(db: Db, actor: Actor): Promise<string[] | null> {
  if (isAdmin(actor)) return null;
  if (actor.kind !== "user") return [];
  const rows = await db.teamMember.findMany({ where: { userId: actor.userId }, select: { teamId: true } });
  return rows.map((r) => r.teamId);
}

/** `team` filter values (ids or names) → team ids. Values matching no team are kept as ids, so a
 * deleted team's traces stay reachable by id. */
export async function resolveTeamIds(db: Db, values: string[]): Promise<string[]> {
  const rows = await db.team.findMany({
    where: { OR: [{ id: { in: values } }, { name: { in: values } }] },
    select: { id: true, name: true },
  });
  const ids = new Set<string>();
  for (const v of values) {
    const match = rows.find((r) => r.id === v) ?? rows.find((r) => r.name === v);
    ids.add(match ? match.id : v);
  }
  return [...ids];
}

/**
 * The team restriction of a query: undefined = none; otherwise the allowed ids (possibly empty,
 * meaning "nothing visible").
 */
export async function teamRestriction(db: Db, actor: Actor, filter: string[] | undefined): Promise<string[] | undefined> {
  const visible = await visibleTeamIds(db, actor);
  const wanted = filter ? await resolveTeamIds(db, filter) : undefined;
  if (visible === null) return wanted;
  if (!wanted) return visible;
  const allowed = new Set(visible);
  return wanted.filter((id) => allowed.has(id));
}

/** Display names of teams (deleted teams are missing from the map). */
export async function teamNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows = await db.team.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
