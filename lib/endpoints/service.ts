// Endpoints: the names clients call, each a weighted group of upstream models plus a fallback chain.
// Admins manage them; members may read them (to pick what their tokens may call).

import { getDb, type Db } from "../db";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/authorize";
import { conflict, invalidField, notFound } from "../api/errors";
import { notifyConfigChanged } from "../gateway/config-version";
import { getAdapter } from "../providers/registry";
import type { ProviderId } from "../providers/types";
import { DbNull } from "@prisma/client/runtime/client";
import { normaliseModels, type NormalisedModel } from "./normalise";
import {
  createEndpointSchema,
  updateEndpointSchema,
  type CreateEndpointInput,
  type EndpointKind,
  type EndpointModelInput,
  type UpdateEndpointInput,
} from "./schemas";

export interface EndpointModelView {
  id: string;
  provider: ProviderId;
  model: string;
  secretId: string;
  secretName: string;
  weight: number;
  fallbackOrder: number | null;
  position: number;
}

export interface EndpointView {
  id: string;
  name: string;
  kind: EndpointKind;
  maxAttempts: number;
  timeoutMs: number;
  usageTracking: boolean;
  capturePayloads: boolean;
  fallbackOn: number[] | null;
  models: EndpointModelView[];
  createdAt: Date;
  updatedAt: Date;
}

const include = {
  models: { orderBy: { position: "asc" as const }, include: { secret: { select: { name: true } } } },
};

interface EndpointRow {
  id: string;
  name: string;
  kind: string;
  maxAttempts: number;
  timeoutMs: number;
  usageTracking: boolean;
  capturePayloads: boolean;
  fallbackOn: unknown;
  createdAt: Date;
  updatedAt: Date;
  models: {
    id: string;
    provider: string;
    model: string;
    secretId: string;
    weight: number;
    fallbackOrder: number | null;
    position: number;
    secret: { name: string };
  }[];
}

function toView(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as EndpointKind,
    maxAttempts: row.maxAttempts,
    timeoutMs: row.timeoutMs,
    usageTracking: row.usageTracking,
    capturePayloads: row.capturePayloads,
    fallbackOn: Array.isArray(row.fallbackOn) ? (row.fallbackOn as number[]) : null,
    models: row.models.map((m) => ({
      id: m.id,
      provider: m.provider as ProviderId,
      model: m.model,
      secretId: m.secretId,
      secretName: m.secret.name,
      weight: m.weight,
      fallbackOrder: m.fallbackOrder,
      position: m.position,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Look an endpoint up by id or, failing that, by name. */
async function findEndpointId(db: Db, idOrName: string): Promise<string> {
  const row =
    (await db.endpoint.findUnique({ where: { id: idOrName }, select: { id: true } })) ??
    (await db.endpoint.findUnique({ where: { name: idOrName }, select: { id: true } }));
  if (!row) throw notFound(`Endpoint '${idOrName}' not found.`);
  return row.id;
}

/** 409 on `name` when another endpoint has the name (forms check it alongside the schema). */
export async function assertEndpointNameFree(actor: Actor, name: unknown, exceptId?: string, db: Db = getDb()): Promise<void> {
  requireAdmin(actor, "manage endpoints");
  if (typeof name === "string" && name !== "") await assertNameFree(db, name, exceptId);
}

async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const existing = await db.endpoint.findUnique({ where: { name }, select: { id: true } });
  if (existing && existing.id !== exceptId) {
    throw conflict(`An endpoint named '${name}' already exists.`, "already_exists", "name");
  }
}

/** Every model's secret must exist and belong to the model's provider (422 naming models.N.secretId). */
async function checkModels(db: Db, models: EndpointModelInput[]): Promise<NormalisedModel[]> {
  const ids = [...new Set(models.map((m) => m.secretId))];
  const secrets = await db.secret.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, provider: true } });
  const byId = new Map(secrets.map((s) => [s.id, s]));
  models.forEach((m, i) => {
    const secret = byId.get(m.secretId);
    if (!secret) throw invalidField(`models.${i}.secretId`, `models.${i}.secretId: secret '${m.secretId}' not found`, "secret_not_found");
    if (secret.provider !== m.provider) {
      throw invalidField(
        `models.${i}.secretId`,
        `models.${i}.secretId: secret '${secret.name}' is for provider '${secret.provider}', but the model's provider is '${m.provider}'`,
        "provider_mismatch",
      );
    }
  });
  return normaliseModels(models);
}

/** An embeddings endpoint may only route to providers with an embeddings API (Anthropic has none):
 * 422 naming models.N.provider, instead of a 400 on every call later. */
function checkKindSupported(kind: string, models: readonly { provider: string }[]): void {
  if (kind !== "embeddings") return;
  models.forEach((m, i) => {
    if (getAdapter(m.provider as ProviderId)?.embeddingsRequest) return;
    throw invalidField(
      `models.${i}.provider`,
      `models.${i}.provider: provider '${m.provider}' has no embeddings API, so an embeddings endpoint cannot use it`,
      "unsupported_operation",
    );
  });
}

export async function listEndpoints(actor: Actor, db: Db = getDb()): Promise<EndpointView[]> {
  void actor; // every signed-in actor may read endpoints
  const rows = await db.endpoint.findMany({ orderBy: { name: "asc" }, include });
  return rows.map(toView);
}

export async function getEndpoint(actor: Actor, idOrName: string, db: Db = getDb()): Promise<EndpointView> {
  void actor;
  const id = await findEndpointId(db, idOrName);
  return toView(await db.endpoint.findUniqueOrThrow({ where: { id }, include }));
}

export async function createEndpoint(actor: Actor, input: CreateEndpointInput, db: Db = getDb()): Promise<EndpointView> {
  requireAdmin(actor, "create endpoints");
  const data = createEndpointSchema.parse(input);
  await assertNameFree(db, data.name);
  checkKindSupported(data.kind, data.models);
  const models = await checkModels(db, data.models);
  const row = await db.endpoint.create({
    data: {
      name: data.name,
      kind: data.kind,
      maxAttempts: data.maxAttempts,
      timeoutMs: data.timeoutMs,
      usageTracking: data.usageTracking,
      capturePayloads: data.capturePayloads,
      fallbackOn: data.fallbackOn ? [...new Set(data.fallbackOn)] : undefined,
      models: { create: models },
    },
    include,
  });
  await notifyConfigChanged(db);
  return toView(row);
}

/** Change settings; a given `models` list replaces the old one in the same transaction. */
export async function updateEndpoint(
  actor: Actor,
  idOrName: string,
  input: UpdateEndpointInput,
  db: Db = getDb(),
): Promise<EndpointView> {
  requireAdmin(actor, "update endpoints");
  const data = updateEndpointSchema.parse(input);
  const id = await findEndpointId(db, idOrName);
  if (data.name !== undefined) await assertNameFree(db, data.name, id);
  if (data.kind !== undefined || data.models !== undefined) {
    const current = await db.endpoint.findUniqueOrThrow({ where: { id }, select: { kind: true, models: { select: { provider: true } } } });
    checkKindSupported(data.kind ?? current.kind, data.models ?? current.models);
  }
  const models = data.models && (await checkModels(db, data.models));
  const fallbackOn = data.fallbackOn === undefined ? undefined : data.fallbackOn ? [...new Set(data.fallbackOn)] : DbNull;
  const row = await db.$transaction(async (tx) => {
    if (models) await tx.endpointModel.deleteMany({ where: { endpointId: id } });
    return tx.endpoint.update({
      where: { id },
      data: {
        name: data.name,
        kind: data.kind,
        maxAttempts: data.maxAttempts,
        timeoutMs: data.timeoutMs,
        usageTracking: data.usageTracking,
        capturePayloads: data.capturePayloads,
        fallbackOn,
        ...(models ? { models: { create: models } } : {}),
      },
      include,
    });
  });
  await notifyConfigChanged(db);
  return toView(row);
}

export async function deleteEndpoint(actor: Actor, idOrName: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete endpoints");
  const id = await findEndpointId(db, idOrName);
  await db.endpoint.delete({ where: { id } });
  await notifyConfigChanged(db);
  return { id, deleted: true };
}

/** Ids of the endpoints among `names`, by name. Team tokens store the ids of the endpoints they may
 * call (lib/teams/tokens.ts), so a restriction follows an endpoint through a rename, and a new
 * endpoint that takes a deleted one's name is not covered by it. */
export async function endpointIdsByName(db: Db, names: string[]): Promise<Map<string, string>> {
  const rows = await db.endpoint.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Current names of the endpoints among `ids`, by id (deleted endpoints are absent). */
export async function endpointNamesById(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.endpoint.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
