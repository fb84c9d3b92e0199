// Envelope encryption of provider credentials.
//
//   data key  = 32 random bytes, one per secret (and per credential rotation)
//   ciphertext = base64(iv | tag | AES-256-GCM(data key, plaintext, AAD = secret id))
//   wrappedKey = base64(iv | tag | AES-256-GCM(KEK, data key, AAD = secret id + kekId))
//
// Binding both layers to the secret id means a ciphertext or wrapped key copied onto another row
// fails authentication instead of decrypting under the wrong name.

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getKeyring, type Kek, type Keyring } from "./kek";

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

/** The three columns of a Secret row that hold the encrypted credentials. */
export interface EncryptedPayload {
  ciphertext: string;
  wrappedKey: string;
  kekId: string;
}

export class DecryptionError extends Error {
  constructor(
    message: string,
    /** Set when the secret names a KEK this keyring does not have (rather than failing to
     * authenticate): e.g. a running server after `npm run kek:rotate` moved secrets to a new key. */
    readonly missingKekId?: string,
  ) {
    super(message);
    this.name = "DecryptionError";
  }
}

function dataAad(secretId: string): Buffer {
  return Buffer.from(`gatehouse/secret/v1\0${secretId}`, "utf8");
}

function wrapAad(secretId: string, kekId: string): Buffer {
  return Buffer.from(`gatehouse/data-key/v1\0${secretId}\0${kekId}`, "utf8");
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

/** Returns null when authentication fails (wrong key, tampered bytes or AAD). */
function open(key: Buffer, sealed: string, aad: Buffer): Buffer | null {
  const raw = Buffer.from(sealed, "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) return null;
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

function findKek(keyring: Keyring, secretId: string, kekId: string): Kek {
  const kek = keyring.byId.get(kekId);
  if (kek) return kek;
  const configured = [...keyring.byId.values()].map((k) => `${k.id} (${k.source})`).join(", ");
  throw new DecryptionError(
    `Secret ${secretId} is encrypted under KEK ${kekId}, which is not configured (configured: ${configured}). ` +
      "If it is the key `npm run kek:rotate` moved the secrets to, restart with it in GATEHOUSE_ENCRYPTION_KEY; " +
      "if it is a previous key, add it to GATEHOUSE_ENCRYPTION_KEY_OLD, then run `npm run kek:rotate`.",
    kekId,
  );
}

function unwrapDataKey(secretId: string, payload: EncryptedPayload, keyring: Keyring): Buffer {
  const kek = findKek(keyring, secretId, payload.kekId);
  const dataKey = open(kek.key, payload.wrappedKey, wrapAad(secretId, kek.id));
  if (!dataKey || dataKey.length !== DATA_KEY_BYTES) {
    throw new DecryptionError(
      `Secret ${secretId}: the wrapped data key failed authentication under KEK ${kek.id} ` +
        "(tampered, copied from another secret, or wrapped by a different key with the same id).",
    );
  }
  return dataKey;
}

/** Encrypt `plaintext` for the secret `secretId` under a fresh data key wrapped by the current KEK. */
export function encryptSecret(secretId: string, plaintext: string, keyring: Keyring = getKeyring()): EncryptedPayload {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const kek = keyring.current;
    return {
      ciphertext: seal(dataKey, Buffer.from(plaintext, "utf8"), dataAad(secretId)),
      wrappedKey: seal(kek.key, dataKey, wrapAad(secretId, kek.id)),
      kekId: kek.id,
    };
  } finally {
    dataKey.fill(0);
  }
}

export function decryptSecret(secretId: string, payload: EncryptedPayload, keyring: Keyring = getKeyring()): string {
  const dataKey = unwrapDataKey(secretId, payload, keyring);
  try {
    const plaintext = open(dataKey, payload.ciphertext, dataAad(secretId));
    if (!plaintext) {
      throw new DecryptionError(
        `Secret ${secretId}: the ciphertext failed authentication (tampered or copied from another secret).`,
      );
    }
    return plaintext.toString("utf8");
  } finally {
    dataKey.fill(0);
  }
}

/** Re-wrap the data key under the current KEK (KEK rotation). The ciphertext is untouched. */
export function rewrapSecret(secretId: string, payload: EncryptedPayload, keyring: Keyring = getKeyring()): EncryptedPayload {
  const dataKey = unwrapDataKey(secretId, payload, keyring);
  try {
    const kek = keyring.current;
    return { ciphertext: payload.ciphertext, wrappedKey: seal(kek.key, dataKey, wrapAad(secretId, kek.id)), kekId: kek.id };
  } finally {
    dataKey.fill(0);
  }
}
