// Teams and their members. Admins manage teams and membership; members see the teams they belong to.
// Team tokens live in ./tokens.ts.

import { getDb, type Db } from "../db";
import { actorUserId, isAdmin, type Actor, type Role } from "../auth/actor";
import { requireAdmin, requireTeamAccess } from "../auth/authorize";
import { conflict, invalidField, notFound } from "../api/errors";
import { notifyConfigChanged } from "../gateway/config-version";
import {
  addMemberSchema,
  createTeamSchema,
  teamNameSchema,
  updateTeamSchema,
  type AddMemberInput,
  type CreateTeamInput,
  type UpdateTeamInput,
} from "./schemas";

export interface TeamView {
  id: string;
  name: string;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TeamMemberView {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  addedAt: Date;
}

const withCounts = { _count: { select: { members: true } } } as const;

function toView(row: { id: string; name: string; createdAt: Date; updatedAt: Date; _count: { members: number } }): TeamView {
  return { id: row.id, name: row.name, memberCount: row._count.members, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export async function findTeamRow(db: Db, id: string) {
  const row = await db.team.findUnique({ where: { id }, include: withCounts });
  if (!row) throw notFound(`Team '${id}' not found.`);
  return row;
}

/** Team names are unique ignoring case ("Billing" and "billing" would be told apart by nobody).
 * Compared here rather than by the database: SQLite's = is case-sensitive, and an index could not
 * be added over names that already differ only in case. */
async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const wanted = name.toLowerCase();
  const teams = await db.team.findMany({ select: { id: true, name: true } });
  const existing = teams.find((t) => t.id !== exceptId && t.name.toLowerCase() === wanted);
  if (existing) {
    const same = existing.name === name ? "" : ` ('${existing.name}': names ignore case)`;
    throw conflict(`A team named '${name}' already exists${same}.`, "already_exists", "name");
  }
}

/** 409 on `name` when another team has the name (forms check it alongside the schema). A name the
 * schema rejects is left to the schema. */
export async function assertTeamNameFree(actor: Actor, name: unknown, exceptId?: string, db: Db = getDb()): Promise<void> {
  requireAdmin(actor, "manage teams");
  const parsed = teamNameSchema.safeParse(name);
  if (parsed.success) await assertNameFree(db, parsed.data, exceptId);
}

/** Admins see every team, members the teams they belong to. */
export async function listTeams(actor: Actor, db: Db = getDb()): Promise<TeamView[]> {
  const memberId = isAdmin(actor) ? null : actorUserId(actor);
  const where = memberId ? { members: { some: { userId: memberId } } } : {};
  const rows = await db.team.findMany({ where, orderBy: { name: "asc" }, include: withCounts });
  return rows.map(toView);
}

export async function getTeam(actor: Actor, id: string, db: Db = getDb()): Promise<TeamView> {
  await requireTeamAccess(db, actor, id);
  return toView(await findTeamRow(db, id));
}

export async function createTeam(actor: Actor, input: CreateTeamInput, db: Db = getDb()): Promise<TeamView> {
  requireAdmin(actor, "create teams");
  const data = createTeamSchema.parse(input);
  await assertNameFree(db, data.name);
  return toView(await db.team.create({ data: { name: data.name }, include: withCounts }));
}

export async function updateTeam(actor: Actor, id: string, input: UpdateTeamInput, db: Db = getDb()): Promise<TeamView> {
  requireAdmin(actor, "rename teams");
  const data = updateTeamSchema.parse(input);
  await findTeamRow(db, id);
  if (data.name !== undefined) await assertNameFree(db, data.name, id);
  return toView(await db.team.update({ where: { id }, data: { name: data.name }, include: withCounts }));
}

/** Deletes the team with its memberships and tokens (its tokens stop working at once). */
export async function deleteTeam(actor: Actor, id: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete teams");
  await findTeamRow(db, id);
  await db.team.delete({ where: { id } });
  await notifyConfigChanged(db);
  return { id, deleted: true };
}

const withUser = { user: { select: { email: true, name: true, role: true } } } as const;

function toMemberView(m: {
  userId: string;
  createdAt: Date;
  user: { email: string; name: string | null; role: string };
}): TeamMemberView {
  return { userId: m.userId, email: m.user.email, name: m.user.name, role: m.user.role as Role, addedAt: m.createdAt };
}

export async function listMembers(actor: Actor, teamId: string, db: Db = getDb()): Promise<TeamMemberView[]> {
  await requireTeamAccess(db, actor, teamId);
  await findTeamRow(db, teamId);
  const rows = await db.teamMember.findMany({ where: { teamId }, include: withUser, orderBy: { createdAt: "asc" } });
  return rows.map(toMemberView);
}

/** One member of the team (404 for an unknown team, or a user who is not a member). */
export async function getMember(actor: Actor, teamId: string, userId: string, db: Db = getDb()): Promise<TeamMemberView> {
  await requireTeamAccess(db, actor, teamId);
  await findTeamRow(db, teamId);
  const row = await db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } }, include: withUser });
  if (!row) throw notFound(`User '${userId}' is not a member of this team.`);
  return toMemberView(row);
}

export async function addMember(actor: Actor, teamId: string, input: AddMemberInput, db: Db = getDb()): Promise<TeamMemberView> {
  requireAdmin(actor, "manage team members");
  const { userId } = addMemberSchema.parse(input);
  await findTeamRow(db, teamId);
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, role: true } });
  if (!user) throw invalidField("userId", `userId: user '${userId}' not found`, "user_not_found");
  const existing = await db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
  if (existing) throw conflict(`User '${user.email}' is already a member of this team.`, "already_member", "userId");
  const row = await db.teamMember.create({ data: { teamId, userId } });
  return { userId, email: user.email, name: user.name, role: user.role as Role, addedAt: row.createdAt };
}

export async function removeMember(
  actor: Actor,
  teamId: string,
  userId: string,
  db: Db = getDb(),
): Promise<{ teamId: string; userId: string; deleted: true }> {
  requireAdmin(actor, "manage team members");
  await findTeamRow(db, teamId);
  const existing = await db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
  if (!existing) throw notFound(`User '${userId}' is not a member of this team.`);
  await db.teamMember.delete({ where: { teamId_userId: { teamId, userId } } });
  return { teamId, userId, deleted: true };
}
