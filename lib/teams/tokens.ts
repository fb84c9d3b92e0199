// Team tokens (gth_…): what teams call the gateway with. Shown once on creation, stored as a hash.
// Team members manage the tokens of their own teams; admins manage all.

import { DbNull } from "@prisma/client/runtime/client";
import { getDb, type Db } from "../db";
import { actorUserId, type Actor } from "../auth/actor";
import { requireTeamAccess } from "../auth/authorize";
import { tokenNameSchema } from "../auth/token-schemas";
import { generateToken, type TokenSummary } from "../auth/tokens";
import { conflict, invalidField, notFound } from "../api/errors";
import { endpointIdsByName, endpointNamesById } from "../endpoints/service";
import { notifyConfigChanged } from "../gateway/config-version";
import {
  createTeamTokenSchema,
  updateTeamTokenSchema,
  type CreateTeamTokenInput,
  type UpdateTeamTokenInput,
} from "./schemas";
import { findTeamRow } from "./service";
import { updateUnrevokedToken } from "../auth/token-update";

export interface TeamTokenView extends TokenSummary {
  teamId: string;
  /** Names of the endpoints the token may call (their current names; deleted ones are gone, so a
   * token whose endpoints were all deleted has []: it may call nothing); null = all. */
  endpoints: string[] | null;
}

interface TokenRow extends TokenSummary {
  teamId: string | null;
  /** JSON array of endpoint ids (not names: a restriction follows its endpoint through a rename,
   * and a new endpoint reusing a deleted one's name is not covered); null = all. */
  endpoints: unknown;
}

function storedEndpointIds(row: TokenRow): string[] | null {
  return Array.isArray(row.endpoints) ? (row.endpoints as string[]) : null;
}

/** The rows as views, their endpoint ids resolved to current names (one query). */
async function toViews(db: Db, rows: TokenRow[]): Promise<TeamTokenView[]> {
  const names = await endpointNamesById(db, [...new Set(rows.flatMap((r) => storedEndpointIds(r) ?? []))]);
  return rows.map((row) => toView(row, names));
}

function toView(row: TokenRow, names: ReadonlyMap<string, string>): TeamTokenView {
  const ids = storedEndpointIds(row);
  return {
    id: row.id,
    teamId: row.teamId ?? "",
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    endpoints: ids && ids.flatMap((id) => names.get(id) ?? []),
  };
}

/** Endpoint names as the ids to store (deduplicated); an unknown name is a 422 naming its index. */
async function resolveEndpointIds(db: Db, requested: string[] | null): Promise<string[] | null> {
  if (!requested) return null;
  const ids = await endpointIdsByName(db, requested);
  const missing = requested.findIndex((name) => !ids.has(name));
  if (missing >= 0) {
    throw invalidField(`endpoints.${missing}`, `endpoints.${missing}: endpoint '${requested[missing]}' not found`, "endpoint_not_found");
  }
  return [...new Set(requested.map((name) => ids.get(name) as string))];
}

/** 409 on `name` when an unrevoked token of the team has the name, ignoring case: traces name the
 * token that made a call, and two live tokens with one name could not be told apart (a revoked
 * token's name may be reused). `exceptId`: the token being renamed. */
async function assertTokenNameFreeIn(db: Db, teamId: string, name: string, exceptId?: string): Promise<void> {
  const wanted = name.toLowerCase();
  const live = await db.apiToken.findMany({ where: { teamId, kind: "team", revokedAt: null }, select: { id: true, name: true } });
  const existing = live.find((t) => t.id !== exceptId && t.name.toLowerCase() === wanted);
  if (existing) {
    throw conflict(`This team already has a token named '${existing.name}'; give each token its own name.`, "already_exists", "name");
  }
}

/** The same check for the forms, alongside the schema (a name the schema rejects is left to it). */
export async function assertTeamTokenNameFree(actor: Actor, teamId: string, name: unknown, exceptId?: string, db: Db = getDb()): Promise<void> {
  await requireTeamAccess(db, actor, teamId);
  const parsed = tokenNameSchema.safeParse(name);
  if (parsed.success) await assertTokenNameFreeIn(db, teamId, parsed.data, exceptId);
}

export async function listTeamTokens(actor: Actor, teamId: string, db: Db = getDb()): Promise<TeamTokenView[]> {
  await requireTeamAccess(db, actor, teamId);
  await findTeamRow(db, teamId);
  const rows = await db.apiToken.findMany({ where: { teamId, kind: "team" }, orderBy: { createdAt: "desc" } });
  return toViews(db, rows);
}

export async function getTeamToken(actor: Actor, teamId: string, tokenId: string, db: Db = getDb()): Promise<TeamTokenView> {
  await requireTeamAccess(db, actor, teamId);
  const row = await db.apiToken.findFirst({ where: { id: tokenId, teamId, kind: "team" } });
  if (!row) throw notFound(`Token '${tokenId}' not found in this team.`);
  return (await toViews(db, [row]))[0];
}

/** Creates the token and returns it in full: the only time it is ever available. */
export async function createTeamToken(
  actor: Actor,
  teamId: string,
  input: CreateTeamTokenInput,
  db: Db = getDb(),
): Promise<TeamTokenView & { token: string }> {
  await requireTeamAccess(db, actor, teamId);
  const data = createTeamTokenSchema.parse(input);
  await findTeamRow(db, teamId);
  await assertTokenNameFreeIn(db, teamId, data.name);
  const endpointIds = await resolveEndpointIds(db, data.endpoints ?? null);
  const { token, prefix, hash } = generateToken("team");
  const row = await db.apiToken.create({
    data: {
      kind: "team",
      name: data.name,
      prefix,
      hash,
      teamId,
      createdById: actorUserId(actor),
      endpoints: endpointIds ?? undefined,
      expiresAt: data.expiresAt ?? null,
    },
  });
  await notifyConfigChanged(db);
  return { ...(await toViews(db, [row]))[0], token };
}

/** Revoke a token of the team (idempotent: revoking twice keeps the first revocation time). */
export async function revokeTeamToken(actor: Actor, teamId: string, tokenId: string, db: Db = getDb()): Promise<TeamTokenView> {
  await requireTeamAccess(db, actor, teamId);
  const row = await db.apiToken.findFirst({ where: { id: tokenId, teamId, kind: "team" } });
  if (!row) throw notFound(`Token '${tokenId}' not found in this team.`);
  if (row.revokedAt) return (await toViews(db, [row]))[0];
  const updated = await db.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
  await notifyConfigChanged(db);
  return (await toViews(db, [updated]))[0];
}

/** Change a token's name, expiry or endpoint restriction (the secret stays the same and is never
 * returned). A revoked token stays revoked: changing it is a 409 `token_revoked`. */
export async function updateTeamToken(
  actor: Actor,
  teamId: string,
  tokenId: string,
  input: UpdateTeamTokenInput,
  db: Db = getDb(),
): Promise<TeamTokenView> {
  await requireTeamAccess(db, actor, teamId);
  const data = updateTeamTokenSchema.parse(input);
  if (data.name !== undefined) await assertTokenNameFreeIn(db, teamId, data.name, tokenId);
  const endpoints = data.endpoints === undefined ? undefined : await resolveEndpointIds(db, data.endpoints);
  const change =
    data.name !== undefined || data.expiresAt !== undefined || endpoints !== undefined
      ? { name: data.name, expiresAt: data.expiresAt, endpoints: endpoints === null ? DbNull : endpoints }
      : null;
  const where = { id: tokenId, teamId, kind: "team" };
  const { row, changed } = await updateUnrevokedToken(db, where, change, "Token", `Token '${tokenId}' not found in this team.`);
  if (changed) await notifyConfigChanged(db);
  return (await toViews(db, [row]))[0];
}
