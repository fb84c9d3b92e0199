// Console passwords: argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane) in PHC string format.

import { hash, verify } from "@node-rs/argon2";

// `Algorithm` is a const enum in @node-rs/argon2's typings, which isolatedModules cannot import
// as a value; 2 is Algorithm.Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
/** argon2 accepts longer input, but anything beyond this is abuse (hashing cost is per byte). */
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password or a malformed hash (never throws on bad input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spend the same time as a real verification, for unknown users (no account enumeration by timing). */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("gatehouse-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}
