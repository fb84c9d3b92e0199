// Which KEK the secrets are on, as far as running processes must agree.
//
// `npm run kek:rotate` re-wraps every secret under the new KEK and records that KEK's fingerprint
// in the KekState row (id 1; never the key itself). A process started before the rotation still
// has only the old key: it keeps serving the credentials it had decrypted (lib/secrets/service.ts,
// loadDecryptedSecrets), but it must not save secrets any more, because it would wrap them under
// the key being retired. So every secret write runs in a transaction that first updates the
// KekState row and refuses (503 encryption_key_outdated) when this process lacks the recorded KEK.
// The rotation updates the same row first in its own transaction, so the row lock orders the two:
// a write that commits before the rotation is re-wrapped by it, one that starts after sees the
// new KEK.
//
// Which KEK a write wraps under: the database's KEK, never simply this process's current one. Only
// a rotation moves the secrets to another KEK. The database's KEK is the recorded one; before the
// first rotation, the KEK the stored secrets use (this process's current KEK when it is among them,
// or when there are none). A process that has the database's KEK only as an old key (e.g. restarted
// with the next key ahead of a rotation, or GATEHOUSE_ENCRYPTION_KEY set next to an existing key
// file) wraps under the database's KEK, so every other server can read what it saves. A process
// that has none of the stored secrets' KEKs (started with a different key on the same database)
// refuses to save: 503 encryption_key_mismatch (boot refuses to start it in the first place,
// kek-check.ts).

import { getDb, type Db } from "../db";
import { ApiError } from "../api/errors";
import { getKeyring, type Kek, type Keyring } from "../crypto/kek";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const ROW = 1;

/** Updates the KekState row (the migration creates it; upserted in case it is missing), which
 * holds the row's lock until the transaction ends; sets `kekId` when given. Returns the recorded
 * KEK id (null before the first rotation). */
async function lockKekState(tx: Tx, kekId?: string): Promise<string | null> {
  const row = await tx.kekState.upsert({
    where: { id: ROW },
    create: { id: ROW, kekId, writes: 1 },
    update: { kekId, writes: { increment: 1 } },
    select: { kekId: true },
  });
  return row.kekId;
}

function outdatedKeyError(kekId: string, keyring: Keyring): ApiError {
  const configured = [...keyring.byId.values()].map((k) => k.id).join(", ");
  return new ApiError(
    503,
    `This server cannot save provider keys: \`npm run kek:rotate\` moved every secret to KEK ${kekId}, which this ` +
      `server was not started with (its keys: ${configured}). Restart it with that key in GATEHOUSE_ENCRYPTION_KEY.`,
    "server_error",
    "encryption_key_outdated",
  );
}

function mismatchedKeyError(stored: readonly string[], keyring: Keyring): ApiError {
  const configured = [...keyring.byId.values()].map((k) => k.id).join(", ");
  return new ApiError(
    503,
    `This server cannot save provider keys: its encryption key (KEK ${configured}) matches none of the stored ` +
      `provider keys (KEK ${stored.join(", ")}), so the other servers could not read what it saved. Start every ` +
      "server on this database with the same GATEHOUSE_ENCRYPTION_KEY (or key file); `npm run kek:rotate` moves " +
      "the secrets to a new key.",
    "server_error",
    "encryption_key_mismatch",
  );
}

/** Distinct KEK ids of the stored secrets. */
export async function storedKekIds(db: Pick<Tx, "secret">): Promise<string[]> {
  const rows = await db.secret.findMany({ select: { kekId: true }, distinct: ["kekId"], orderBy: { kekId: "asc" } });
  return rows.map((r) => r.kekId);
}

/** The id of the database's KEK, which writes wrap under (see the header): the recorded one, else
 * the stored secrets' (this process's current KEK when it is among them or none are stored, else
 * the first of them it has); null when it has none of them. Shared with the boot check. */
export function databaseKekId(recorded: string | null, stored: readonly string[], keyring: Keyring): string | null {
  if (recorded !== null) return recorded;
  if (stored.length === 0 || stored.includes(keyring.current.id)) return keyring.current.id;
  return stored.find((id) => keyring.byId.has(id)) ?? null;
}

/** The KEK a secret written now must be wrapped under; throws the 503s. */
async function databaseKek(tx: Tx, recorded: string | null, keyring: Keyring): Promise<Kek> {
  const stored = recorded === null ? await storedKekIds(tx) : [];
  const id = databaseKekId(recorded, stored, keyring);
  const kek = id === null ? undefined : keyring.byId.get(id);
  if (kek) return kek;
  throw recorded !== null ? outdatedKeyError(recorded, keyring) : mismatchedKeyError(stored, keyring);
}

/** Runs `write` (which encrypts under `keyring.current`) in a transaction ordered against KEK
 * rotations, with `current` set to the database's KEK; 503 `encryption_key_outdated` when a
 * rotation moved the secrets to a KEK this keyring lacks, 503 `encryption_key_mismatch` when this
 * keyring has none of the stored secrets' KEKs. */
export async function writeSecretRow<T>(
  write: (tx: Tx, keyring: Keyring) => Promise<T>,
  db: Db = getDb(),
  keyring: Keyring = getKeyring(),
): Promise<T> {
  return db.$transaction(async (tx) => {
    const recorded = await lockKekState(tx);
    const kek = await databaseKek(tx, recorded, keyring);
    return write(tx, kek === keyring.current ? keyring : { ...keyring, current: kek });
  });
}

/** Inside a rotation's transaction, before it reads the secrets: records `kekId` as the KEK every
 * secret is on (a rollback undoes it with the re-wrap). */
export async function recordRotationKek(tx: Tx, kekId: string): Promise<void> {
  await lockKekState(tx, kekId);
}

/** The KEK the last rotation moved the secrets to (null: never rotated). */
export async function recordedKekId(db: Db = getDb()): Promise<string | null> {
  return (await db.kekState.findUnique({ where: { id: ROW } }))?.kekId ?? null;
}
