// Provider secrets: the only place credentials are encrypted, decrypted and masked.
// Every view returned from here is built field by field: ciphertext, wrapped keys and plaintext
// never leave this module except through `loadDecryptedSecrets()` (server-only, for the gateway).

import { randomUUID } from "node:crypto";
import { getDb, type Db } from "../db";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/authorize";
import { conflict, invalidField, notFound } from "../api/errors";
import { decryptSecret, DecryptionError, encryptSecret } from "../crypto/envelope";
import type { Keyring } from "../crypto/kek";
import { maskKey } from "../crypto/mask";
import { notifyConfigChanged } from "../gateway/config-version";
import type { ProviderCredentials, ProviderId } from "../providers/types";
import { mergeFormConfig } from "./config-fields";
import { writeSecretRow } from "./kek-state";
import {
  configIssues,
  createSecretSchema,
  credentialIssues,
  rotateSecretSchema,
  secretNameSchema,
  updateSecretSchema,
  type CreateSecretInput,
  type CredentialsInput,
  type RotateSecretInput,
  type SecretConfig,
  type UpdateSecretInput,
} from "./schemas";

export interface SecretView {
  id: string;
  name: string;
  provider: ProviderId;
  maskedKey: string;
  config: SecretConfig;
  createdAt: Date;
  updatedAt: Date;
}

interface SecretRow {
  id: string;
  name: string;
  provider: string;
  maskedKey: string;
  config: unknown;
  createdAt: Date;
  updatedAt: Date;
}

function toView(row: SecretRow): SecretView {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider as ProviderId,
    maskedKey: row.maskedKey,
    config: (row.config ?? {}) as SecretConfig,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Only the credential fields that are set, in a fixed order. */
function credentialsOf(input: CredentialsInput): ProviderCredentials {
  const out: ProviderCredentials = {};
  if (input.apiKey) out.apiKey = input.apiKey;
  if (input.accessKeyId) out.accessKeyId = input.accessKeyId;
  if (input.secretAccessKey) out.secretAccessKey = input.secretAccessKey;
  if (input.sessionToken) out.sessionToken = input.sessionToken;
  return out;
}

function sealCredentials(secretId: string, credentials: ProviderCredentials, keyring: Keyring) {
  const visible = credentials.apiKey ?? credentials.accessKeyId ?? "";
  return { ...encryptSecret(secretId, JSON.stringify(credentials), keyring), maskedKey: maskKey(visible) };
}

async function findSecretRow(db: Db, id: string) {
  const row = await db.secret.findUnique({ where: { id } });
  if (!row) throw notFound(`Secret '${id}' not found.`);
  return row;
}

async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const existing = await db.secret.findUnique({ where: { name }, select: { id: true } });
  if (existing && existing.id !== exceptId) {
    throw conflict(`A provider key named '${name}' already exists.`, "already_exists", "name");
  }
}

/** 409 on `name` when another secret has the name (forms check it alongside the schema). A name
 * the schema rejects is left to the schema. */
export async function assertSecretNameFree(actor: Actor, name: unknown, exceptId?: string, db: Db = getDb()): Promise<void> {
  requireAdmin(actor, "manage provider secrets");
  const parsed = secretNameSchema.safeParse(name);
  if (parsed.success) await assertNameFree(db, parsed.data, exceptId);
}

export async function listSecrets(actor: Actor, db: Db = getDb()): Promise<SecretView[]> {
  requireAdmin(actor, "view provider secrets");
  const rows = await db.secret.findMany({ orderBy: { name: "asc" } });
  return rows.map(toView);
}

export async function getSecret(actor: Actor, id: string, db: Db = getDb()): Promise<SecretView> {
  requireAdmin(actor, "view provider secrets");
  return toView(await findSecretRow(db, id));
}

export async function createSecret(actor: Actor, input: CreateSecretInput, db: Db = getDb()): Promise<SecretView> {
  requireAdmin(actor, "create provider secrets");
  const data = createSecretSchema.parse(input);
  await assertNameFree(db, data.name);
  const id = randomUUID();
  const row = await writeSecretRow(
    (tx, keyring) =>
      tx.secret.create({
        data: { id, name: data.name, provider: data.provider, config: data.config, ...sealCredentials(id, credentialsOf(data), keyring) },
      }),
    db,
  );
  await notifyConfigChanged(db);
  return toView(row);
}

/** Rename and/or replace the config. Credentials are changed with `rotateSecret`. */
export async function updateSecret(actor: Actor, id: string, input: UpdateSecretInput, db: Db = getDb()): Promise<SecretView> {
  return saveSecretSettings(actor, id, input, db, (_provider, _stored, config) => config);
}

/** The console's settings form: rename, and set the config keys the form shows for the secret's
 * provider (CONFIG_FORM_KEYS; an emptied field removes its key). Keys the form does not show, such
 * as one set through the admin API, keep their stored values. */
export async function updateSecretFromForm(actor: Actor, id: string, input: UpdateSecretInput, db: Db = getDb()): Promise<SecretView> {
  return saveSecretSettings(actor, id, input, db, mergeFormConfig);
}

async function saveSecretSettings(
  actor: Actor,
  id: string,
  input: UpdateSecretInput,
  db: Db,
  configOf: (provider: ProviderId, stored: SecretConfig, submitted: SecretConfig) => SecretConfig,
): Promise<SecretView> {
  requireAdmin(actor, "update provider secrets");
  const data = updateSecretSchema.parse(input);
  const existing = await findSecretRow(db, id);
  const provider = existing.provider as ProviderId;
  if (data.name !== undefined) await assertNameFree(db, data.name, id);
  const config = data.config && configOf(provider, toView(existing).config, data.config);
  if (config !== undefined) {
    const [issue] = configIssues(provider, config);
    if (issue) throw invalidField(["config", ...issue.path].join("."), issue.message);
  }
  const row = await db.secret.update({ where: { id }, data: { name: data.name, config } });
  await notifyConfigChanged(db);
  return toView(row);
}

/** Replace the credentials (new data key, new ciphertext, new mask). */
export async function rotateSecret(actor: Actor, id: string, input: RotateSecretInput, db: Db = getDb()): Promise<SecretView> {
  requireAdmin(actor, "rotate provider secrets");
  const data = rotateSecretSchema.parse(input);
  const existing = await findSecretRow(db, id);
  const [issue] = credentialIssues(existing.provider as ProviderId, data);
  if (issue) throw invalidField(issue.path.join("."), issue.message);
  const row = await writeSecretRow((tx, keyring) => tx.secret.update({ where: { id }, data: sealCredentials(id, credentialsOf(data), keyring) }), db);
  await notifyConfigChanged(db);
  return toView(row);
}

export interface SecretUser {
  id: string;
  name: string;
}

async function endpointsUsing(db: Db, id: string): Promise<SecretUser[]> {
  const uses = await db.endpointModel.findMany({
    where: { secretId: id },
    select: { endpoint: { select: { id: true, name: true } } },
  });
  const byId = new Map(uses.map((u) => [u.endpoint.id, u.endpoint]));
  return [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The endpoints whose models use this secret (by name). */
export async function secretUsers(actor: Actor, id: string, db: Db = getDb()): Promise<SecretUser[]> {
  requireAdmin(actor, "view provider secrets");
  await findSecretRow(db, id);
  return endpointsUsing(db, id);
}

/** Delete a secret no endpoint uses; 409 naming the endpoints otherwise. */
export async function deleteSecret(actor: Actor, id: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete provider secrets");
  const existing = await findSecretRow(db, id);
  const endpoints = (await endpointsUsing(db, id)).map((e) => e.name);
  if (endpoints.length) {
    throw conflict(
      `Provider key '${existing.name}' is used by endpoint${endpoints.length > 1 ? "s" : ""} ${endpoints
        .map((n) => `'${n}'`)
        .join(", ")}; remove it from ${endpoints.length > 1 ? "them" : "it"} first.`,
      "secret_in_use",
    );
  }
  await db.secret.delete({ where: { id } });
  await notifyConfigChanged(db);
  return { id, deleted: true };
}

interface SecretMeta {
  id: string;
  name: string;
  provider: ProviderId;
  config: SecretConfig;
}

/** A secret as the gateway holds it in memory: credentials, or why they could not be decrypted
 * (so a request routed to it fails with that reason instead of "not found"). */
export type LoadedSecret = SecretMeta &
  ({ credentials: ProviderCredentials; error?: undefined } | { credentials?: undefined; error: string });

/** Credentials this process decrypted, by secret id, with the ciphertext they came from. A KEK
 * rotation re-wraps data keys but keeps every ciphertext, so a process that was not restarted
 * with the new KEK keeps serving these instead of failing every secret (see kek-state.ts). On
 * globalThis: Next may load this module more than once per process. */
interface Decrypted {
  ciphertext: string;
  credentials: ProviderCredentials;
  /** The KEK whose absence was last reported, so the warning is logged once. */
  warnedKek?: string;
}
const DECRYPTED = Symbol.for("gatehouse.secrets.decrypted");

function decryptedCache(): Map<string, Decrypted> {
  const g = globalThis as { [DECRYPTED]?: Map<string, Decrypted> };
  return (g[DECRYPTED] ??= new Map());
}

/** SERVER-ONLY. Decrypt every secret for the gateway's in-memory snapshot, keyed by secret id.
 * A secret that fails to decrypt is kept with `error` set and logged; it never aborts the load.
 * One whose KEK this process lacks but whose ciphertext it decrypted before (a rotation re-wrapped
 * it under a key this process was not started with) keeps those credentials, with a warning. */
export async function loadDecryptedSecrets(db: Db = getDb()): Promise<Map<string, LoadedSecret>> {
  const rows = await db.secret.findMany();
  const cache = decryptedCache();
  const out = new Map<string, LoadedSecret>();
  for (const row of rows) {
    const view = toView(row);
    const meta: SecretMeta = { id: view.id, name: view.name, provider: view.provider, config: view.config };
    const known = cache.get(row.id);
    try {
      const credentials = JSON.parse(decryptSecret(row.id, row)) as ProviderCredentials;
      cache.set(row.id, { ciphertext: row.ciphertext, credentials });
      out.set(row.id, { ...meta, credentials });
    } catch (err) {
      const missingKek = err instanceof DecryptionError ? err.missingKekId : undefined;
      if (missingKek !== undefined && known?.ciphertext === row.ciphertext) {
        if (known.warnedKek !== missingKek) {
          known.warnedKek = missingKek;
          console.warn(
            `[gatehouse] secret '${row.name}' is now wrapped under KEK ${missingKek}, which this process was not started ` +
              "with (`npm run kek:rotate` ran): serving the credentials decrypted earlier. Restart with the new key in " +
              "GATEHOUSE_ENCRYPTION_KEY; until then this process cannot save provider keys.",
          );
        }
        out.set(row.id, { ...meta, credentials: known.credentials });
        continue;
      }
      const error = err instanceof Error ? err.message : String(err);
      console.error(`[gatehouse] cannot decrypt secret '${row.name}': ${error}`);
      out.set(row.id, { ...meta, error });
    }
  }
  for (const id of cache.keys()) if (!out.has(id)) cache.delete(id);
  return out;
}
