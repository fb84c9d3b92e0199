// Team tokens (gth_…): what teams call the gateway with. Shown once on creation, stored as a hash.
// Team members manage the tokens of their own teams; admins manage all.

import { getDb, type Db } from "../db";
import { actorUserId, type Actor } from "../auth/actor";
import { requireTeamAccess } from "../auth/authorize";
import { generateToken, type TokenSummary } from "../auth/tokens";
import { invalidField, notFound } from "../api/errors";
import { existingEndpointNames } from "../endpoints/service";
import { notifyConfigChanged } from "../gateway/config-version";
import { createTeamTokenSchema, type CreateTeamTokenInput } from "./schemas";
import { findTeamRow } from "./service";

export interface TeamTokenView extends TokenSummary {
  teamId: string;
  /** Endpoint names the token may call; null = all. */
  endpoints: string[] | null;
}

interface TokenRow extends TokenSummary {
  teamId: string | null;
  endpoints: unknown;
}

function toView(row: TokenRow): TeamTokenView {
  return {
    id: row.id,
    teamId: row.teamId ?? "",
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    endpoints: Array.isArray(row.endpoints) ? (row.endpoints as string[]) : null,
  };
}

export async function listTeamTokens(actor: Actor, teamId: string, db: Db = getDb()): Promise<TeamTokenView[]> {
  await requireTeamAccess(db, actor, teamId);
  await findTeamRow(db, teamId);
  const rows = await db.apiToken.findMany({ where: { teamId, kind: "team" }, orderBy: { createdAt: "desc" } });
  return rows.map(toView);
}

export async function getTeamToken(actor: Actor, teamId: string, tokenId: string, db: Db = getDb()): Promise<TeamTokenView> {
  await requireTeamAccess(db, actor, teamId);
  const row = await db.apiToken.findFirst({ where: { id: tokenId, teamId, kind: "team" } });
  if (!row) throw notFound(`Token '${tokenId}' not found in this team.`);
  return toView(row);
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
  const requested = data.endpoints ?? null;
  const endpoints = requested && [...new Set(requested)];
  if (requested && endpoints) {
    const existing = await existingEndpointNames(db, endpoints);
    const missing = requested.findIndex((name) => !existing.has(name));
    if (missing >= 0) {
      throw invalidField(`endpoints.${missing}`, `endpoints.${missing}: endpoint '${requested[missing]}' not found`, "endpoint_not_found");
    }
  }
  const { token, prefix, hash } = generateToken("team");
  const row = await db.apiToken.create({
    data: {
      kind: "team",
      name: data.name,
      prefix,
      hash,
      teamId,
      createdById: actorUserId(actor),
      endpoints: endpoints ?? undefined,
      expiresAt: data.expiresAt ?? null,
    },
  });
  await notifyConfigChanged(db);
  return { ...toView(row), token };
}

/** Revoke a token of the team (idempotent: revoking twice keeps the first revocation time). */
export async function revokeTeamToken(actor: Actor, teamId: string, tokenId: string, db: Db = getDb()): Promise<TeamTokenView> {
  await requireTeamAccess(db, actor, teamId);
  const row = await db.apiToken.findFirst({ where: { id: tokenId, teamId, kind: "team" } });
  if (!row) throw notFound(`Token '${tokenId}' not found in this team.`);
  if (row.revokedAt) return toView(row);
  const updated = await db.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
  await notifyConfigChanged(db);
  return toView(updated);
}
