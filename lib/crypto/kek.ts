// Key-encryption keys (KEKs). Every secret's random data key is wrapped by a KEK; the KEK itself
// never touches the database. Sources, in order:
//   GATEHOUSE_ENCRYPTION_KEY       the current KEK (base64 or hex of 32 bytes)
//   GATEHOUSE_ENCRYPTION_KEY_OLD   previous KEK(s), comma-separated: decrypt-only, for rotation
//   the key file                   ./data/encryption.key (GATEHOUSE_ENCRYPTION_KEY_FILE overrides):
//                                  the current KEK when GATEHOUSE_ENCRYPTION_KEY is unset (generated
//                                  on first use), otherwise an old, decrypt-only KEK if present.
// A KEK is identified by `kekId`, a short fingerprint stored next to each wrapped data key, so
// decryption finds the right KEK while old and new keys coexist during rotation.

import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const KEK_BYTES = 32;

/** process.env or a plain object of the same variables (tests, scripts). */
export type Env = Record<string, string | undefined>;

export interface Kek {
  /** Short fingerprint of the key (16 hex chars), stored as Secret.kekId. */
  id: string;
  key: Buffer;
  /** Where the key came from, for messages (never the key itself). */
  source: string;
}

export interface Keyring {
  /** The KEK new data keys are wrapped with. */
  current: Kek;
  /** Every configured KEK (current first) by id; decryption picks by the stored kekId. */
  byId: ReadonlyMap<string, Kek>;
}

export class KekConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KekConfigError";
  }
}

/** Decode a KEK given as base64 (standard or URL-safe, padded or not) or hex of exactly 32 bytes. */
export function parseKek(value: string, source: string): Buffer {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const key = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (key.length === KEK_BYTES) return key;
  }
  throw new KekConfigError(
    `${source} must be a 32-byte key encoded as base64 (44 characters) or hex (64 characters); ` +
      `got ${v.length} characters that are neither. Generate one with: openssl rand -base64 32`,
  );
}

/** Fingerprint of a KEK: first 16 hex chars of a domain-separated SHA-256. Not reversible. */
export function kekFingerprint(key: Buffer): string {
  return createHash("sha256").update("gatehouse/kek-id/v1\0").update(key).digest("hex").slice(0, 16);
}

export function makeKek(key: Buffer, source: string): Kek {
  if (key.length !== KEK_BYTES) throw new KekConfigError(`${source}: a KEK must be ${KEK_BYTES} bytes`);
  return { id: kekFingerprint(key), key, source };
}

export function keyFilePath(env: Env = process.env): string {
  return path.resolve(/* turbopackIgnore: true */ env.GATEHOUSE_ENCRYPTION_KEY_FILE || path.join("data", "encryption.key"));
}

function warn(lines: string[]): void {
  const bar = "*".repeat(78);
  process.stderr.write(`\n${bar}\n${lines.map((l) => `*  ${l}`).join("\n")}\n${bar}\n\n`);
}

function readKeyFile(file: string): Kek {
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) {
    process.stderr.write(
      `[gatehouse] WARNING: ${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}\n`,
    );
  }
  return makeKek(parseKek(fs.readFileSync(file, "utf8"), `Key file ${file}`), `key file ${file}`);
}

/** Create the key file with a fresh random KEK (exclusive create: a concurrent process that won
 * the race is read instead). */
function generateKeyFile(file: string): Kek {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEK_BYTES);
  try {
    fs.writeFileSync(file, `${key.toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return readKeyFile(file);
    throw err;
  }
  warn([
    "WARNING: GATEHOUSE_ENCRYPTION_KEY is not set.",
    `Generated a new encryption key in ${file} (mode 0600).`,
    "Every provider secret is encrypted with it. BACK THIS FILE UP: if it is lost,",
    "the stored provider keys cannot be decrypted and must be re-entered.",
    "In production set GATEHOUSE_ENCRYPTION_KEY (openssl rand -base64 32) instead,",
    "then move existing secrets to it with: npm run kek:rotate",
  ]);
  return makeKek(key, `key file ${file}`);
}

/** Build the keyring from the environment and the key file. Pure apart from key-file I/O. */
export function loadKeyring(env: Env = process.env): Keyring {
  const file = keyFilePath(env);
  const keks: Kek[] = [];
  const primary = env.GATEHOUSE_ENCRYPTION_KEY?.trim();
  if (primary) {
    keks.push(makeKek(parseKek(primary, "GATEHOUSE_ENCRYPTION_KEY"), "GATEHOUSE_ENCRYPTION_KEY"));
    if (fs.existsSync(/* turbopackIgnore: true */ file)) keks.push(readKeyFile(file));
  } else {
    keks.push(fs.existsSync(/* turbopackIgnore: true */ file) ? readKeyFile(file) : generateKeyFile(file));
  }
  const old = env.GATEHOUSE_ENCRYPTION_KEY_OLD?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  old.forEach((value, i) => {
    const source = old.length > 1 ? `GATEHOUSE_ENCRYPTION_KEY_OLD[${i}]` : "GATEHOUSE_ENCRYPTION_KEY_OLD";
    keks.push(makeKek(parseKek(value, source), source));
  });
  const byId = new Map<string, Kek>();
  for (const kek of keks) if (!byId.has(kek.id)) byId.set(kek.id, kek);
  return { current: keks[0], byId };
}

let cached: { signature: string; keyring: Keyring } | undefined;

/** The process-wide keyring, rebuilt when the relevant environment variables change. */
export function getKeyring(): Keyring {
  const env = process.env;
  const signature = [env.GATEHOUSE_ENCRYPTION_KEY, env.GATEHOUSE_ENCRYPTION_KEY_OLD, keyFilePath(env)].join("\0");
  if (cached?.signature !== signature) cached = { signature, keyring: loadKeyring(env) };
  return cached.keyring;
}
