// Admin prices (ModelPrice). Everyone signed in may read prices; only admins change them. A change
// applies to traces written from then on (stored costs are never recomputed) and reaches this
// process's writer at once, other processes within PRICE_CACHE_MS.

import { getDb, type Db } from "../db";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/authorize";
import { conflict, notFound } from "../api/errors";
import { invalidatePriceCache } from "./price-overrides";
import { BUILTIN_PRICES, BUILTIN_PRICES_AS_OF, type PriceEntry } from "./prices-table";
import { createPriceSchema, updatePriceSchema, type CreatePriceInput, type PriceView, type UpdatePriceInput } from "./schemas";

type PriceRow = PriceView;

function toView(row: PriceRow): PriceView {
  return {
    id: row.id,
    provider: row.provider,
    modelPattern: row.modelPattern,
    inputPerMillion: row.inputPerMillion,
    outputPerMillion: row.outputPerMillion,
    cacheReadPerMillion: row.cacheReadPerMillion,
    cacheWritePerMillion: row.cacheWritePerMillion,
    source: row.source,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function findPrice(db: Db, id: string): Promise<PriceRow> {
  const row = await db.modelPrice.findUnique({ where: { id } });
  if (!row) throw notFound(`Price '${id}' not found.`);
  return row;
}

async function assertPatternFree(db: Db, provider: string, modelPattern: string, exceptId?: string): Promise<void> {
  const existing = await db.modelPrice.findUnique({ where: { provider_modelPattern: { provider, modelPattern } } });
  if (existing && existing.id !== exceptId) {
    throw conflict(
      `A price for provider '${provider}' and model pattern '${modelPattern}' already exists (${existing.id}).`,
      "already_exists",
      "modelPattern",
    );
  }
}

export async function listPrices(_actor: Actor, db: Db = getDb()): Promise<PriceView[]> {
  const rows = await db.modelPrice.findMany({ orderBy: [{ provider: "asc" }, { modelPattern: "asc" }] });
  return rows.map(toView);
}

export async function getPrice(_actor: Actor, id: string, db: Db = getDb()): Promise<PriceView> {
  return toView(await findPrice(db, id));
}

/** The built-in table (read-only), with the date its prices were taken. */
export function builtinPrices(): { asOf: string; data: readonly PriceEntry[] } {
  return { asOf: BUILTIN_PRICES_AS_OF, data: BUILTIN_PRICES };
}

export async function createPrice(actor: Actor, input: CreatePriceInput, db: Db = getDb()): Promise<PriceView> {
  requireAdmin(actor, "set prices");
  const data = createPriceSchema.parse(input);
  await assertPatternFree(db, data.provider, data.modelPattern);
  const row = await db.modelPrice.create({
    data: {
      provider: data.provider,
      modelPattern: data.modelPattern,
      inputPerMillion: data.inputPerMillion,
      outputPerMillion: data.outputPerMillion,
      cacheReadPerMillion: data.cacheReadPerMillion ?? null,
      cacheWritePerMillion: data.cacheWritePerMillion ?? null,
      source: data.source ?? "admin",
    },
  });
  invalidatePriceCache();
  return toView(row);
}

export async function updatePrice(actor: Actor, id: string, input: UpdatePriceInput, db: Db = getDb()): Promise<PriceView> {
  requireAdmin(actor, "change prices");
  const data = updatePriceSchema.parse(input);
  const current = await findPrice(db, id);
  const provider = data.provider ?? current.provider;
  const modelPattern = data.modelPattern ?? current.modelPattern;
  if (provider !== current.provider || modelPattern !== current.modelPattern) {
    await assertPatternFree(db, provider, modelPattern, id);
  }
  const row = await db.modelPrice.update({ where: { id }, data });
  invalidatePriceCache();
  return toView(row);
}

export async function deletePrice(actor: Actor, id: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete prices");
  await findPrice(db, id);
  await db.modelPrice.delete({ where: { id } });
  invalidatePriceCache();
  return { id, deleted: true };
}
