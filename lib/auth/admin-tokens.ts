// Admin API tokens (gha_…): full admin rights on /api/v1. Shown once on creation, stored as a hash.
// A token acts for the user who created it (createdById): it works only while that user is an
// active admin (a demoted or disabled creator's tokens answer 401; deleting the user revokes them,
// lib/users/service.ts). A token made with another admin token has that token's creator; a token
// without a creator (GATEHOUSE_INIT_ADMIN_TOKEN with no initial admin user) depends on no user.

import { getDb, type Db } from "../db";
import { notFound, unauthorized, forbidden } from "../api/errors";
import { notifyConfigChanged } from "../gateway/config-version";
import { actorUserId, type Actor } from "./actor";
import { requireAdmin } from "./authorize";
import {
  createAdminTokenSchema,
  updateAdminTokenSchema,
  type CreateAdminTokenInput,
  type UpdateAdminTokenInput,
} from "./token-schemas";
import { generateToken, hashesEqual, hashToken, tokenKindOf, type TokenSummary } from "./tokens";
import { updateUnrevokedToken } from "./token-update";

export interface AdminTokenView extends TokenSummary {
  createdById: string | null;
}

/** Copies only the view's fields: a database row also carries the token's hash. */
function toView(row: AdminTokenView): AdminTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdById: row.createdById,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

/** Why an admin token's creator no longer lets it work ("the user who created it …"). */
type CreatorProblem = "was deleted" | "is disabled" | "is no longer an admin";

/** `creator`: the user `createdById` names, if it still exists; null = the token works for it (an
 * active admin, or no creator at all). */
function creatorProblem(createdById: string | null, creator: { role: string; disabled: boolean } | null): CreatorProblem | null {
  if (createdById === null) return null;
  if (!creator) return "was deleted";
  if (creator.disabled) return "is disabled";
  return creator.role === "admin" ? null : "is no longer an admin";
}

export interface AdminTokenListItem extends AdminTokenView {
  /** Set while the token answers 401 token_creator_not_admin (its creator is demoted or disabled),
   * whether or not it is also revoked or expired. */
  creatorProblem: CreatorProblem | null;
}

/** The console's list: each token with whether its creator still lets it work. */
export async function listAdminTokensWithCreators(actor: Actor, db: Db = getDb()): Promise<AdminTokenListItem[]> {
  requireAdmin(actor, "view admin API tokens");
  const rows = await db.apiToken.findMany({
    where: { kind: "admin" },
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { role: true, disabled: true } } },
  });
  return rows.map((row) => ({ ...toView(row), creatorProblem: creatorProblem(row.createdById, row.createdBy) }));
}

export async function listAdminTokens(actor: Actor, db: Db = getDb()): Promise<AdminTokenView[]> {
  return (await listAdminTokensWithCreators(actor, db)).map(toView);
}

export async function getAdminToken(actor: Actor, id: string, db: Db = getDb()): Promise<AdminTokenView> {
  requireAdmin(actor, "view admin API tokens");
  const row = await db.apiToken.findFirst({ where: { id, kind: "admin" } });
  if (!row) throw notFound(`Admin token '${id}' not found.`);
  return toView(row);
}

/** Creates the token and returns it in full: the only time it is ever available. */
export async function createAdminToken(
  actor: Actor,
  input: CreateAdminTokenInput,
  db: Db = getDb(),
): Promise<AdminTokenView & { token: string }> {
  requireAdmin(actor, "create admin API tokens");
  const data = createAdminTokenSchema.parse(input);
  const { token, prefix, hash } = generateToken("admin");
  // An admin token's actor is its creator: a token cannot outlive that user's admin role by minting another.
  const createdById = actorUserId(actor);
  const row = await db.apiToken.create({
    data: { kind: "admin", name: data.name, prefix, hash, createdById, expiresAt: data.expiresAt ?? null },
  });
  await notifyConfigChanged(db);
  return { ...toView(row), token };
}

/** Change a token's name or expiry (the secret stays the same and is never returned). A revoked
 * token stays revoked: changing it is a 409 `token_revoked`. */
export async function updateAdminToken(
  actor: Actor,
  id: string,
  input: UpdateAdminTokenInput,
  db: Db = getDb(),
): Promise<AdminTokenView> {
  requireAdmin(actor, "change admin API tokens");
  const data = updateAdminTokenSchema.parse(input);
  const change = data.name !== undefined || data.expiresAt !== undefined ? { name: data.name, expiresAt: data.expiresAt } : null;
  const { row } = await updateUnrevokedToken(db, { id, kind: "admin" }, change, "Admin token", `Admin token '${id}' not found.`);
  return toView(row);
}

/** Idempotent: revoking twice keeps the first revocation time. */
export async function revokeAdminToken(actor: Actor, id: string, db: Db = getDb()): Promise<AdminTokenView> {
  requireAdmin(actor, "revoke admin API tokens");
  const row = await db.apiToken.findFirst({ where: { id, kind: "admin" } });
  if (!row) throw notFound(`Admin token '${id}' not found.`);
  if (row.revokedAt) return toView(row);
  const updated = await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  await notifyConfigChanged(db);
  return toView(updated);
}

/** lastUsedAt is refreshed at most this often, so API calls do not each cost a write. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** The actor for a bearer token on /api/v1: an active admin token, or a 401/403 explaining why not. */
export async function authenticateAdminToken(token: string, db: Db = getDb()): Promise<Actor> {
  const hash = hashToken(token);
  const row = await db.apiToken.findUnique({
    where: { hash },
    select: {
      id: true,
      kind: true,
      hash: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      createdById: true,
      createdBy: { select: { role: true, disabled: true } },
    },
  });
  if (!row || !hashesEqual(row.hash, hash)) {
    const hint = tokenKindOf(token) ? "" : " Admin API tokens start with gha_.";
    throw unauthorized(`Invalid API token.${hint}`);
  }
  if (row.kind !== "admin") {
    throw forbidden(
      "Team tokens (gth_…) can only call the gateway at /gateway/mlflow/v1; the admin API needs an admin API token (gha_…).",
      "team_token_not_allowed",
    );
  }
  if (row.revokedAt) throw unauthorized("This API token has been revoked.", "token_revoked");
  const now = new Date();
  if (row.expiresAt && row.expiresAt <= now) {
    throw unauthorized(`This API token expired at ${row.expiresAt.toISOString()}.`, "token_expired");
  }
  const why = creatorProblem(row.createdById, row.createdBy);
  if (why) {
    throw unauthorized(
      `This admin API token no longer works: the user who created it ${why}. Ask an active admin for a new token.`,
      "token_creator_not_admin",
    );
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { kind: "admin-token", tokenId: row.id, userId: row.createdById };
}
