// Brute-force protection of the console's sign-in: after MAX_FAILED_SIGN_INS failed attempts in a
// row for one email (each within LOCK_MS of the previous), that email is locked for LOCK_MS: every
// attempt is refused without checking the password (no argon2 work either), the right password
// included. A successful sign-in resets the count. Counted per email whether or not an account
// exists, so a lock says nothing about which emails are users. Kept in memory, per server process.

import { getDb, type Db } from "../db";
import { verifyCredentials, type SignedInUser } from "../users/service";

export const MAX_FAILED_SIGN_INS = 10;
export const LOCK_MS = 15 * 60_000;
/** Emails tracked at once; the oldest entry is forgotten beyond this (bounded memory). */
const MAX_TRACKED = 10_000;

/** Thrown by signInWithThrottle while the email is locked; next-auth reports its message as the
 * sign-in error code. */
export const TOO_MANY_SIGN_INS = "TooManySignIns";

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export class SignInThrottle {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly maxFailures = MAX_FAILED_SIGN_INS,
    private readonly lockMs = LOCK_MS,
    private readonly now: () => number = Date.now,
  ) {}

  isLocked(email: string): boolean {
    const entry = this.#entries.get(keyOf(email));
    return entry !== undefined && entry.lockedUntil > this.now();
  }

  failed(email: string): void {
    const key = keyOf(email);
    const now = this.now();
    const entry = this.#entries.get(key);
    const failures = entry && now - entry.lastFailureAt < this.lockMs ? entry.failures + 1 : 1;
    this.#entries.delete(key); // re-inserted last: the Map's order is the forgetting order
    if (this.#entries.size >= MAX_TRACKED) this.#entries.delete(this.#entries.keys().next().value as string);
    const locked = failures >= this.maxFailures;
    this.#entries.set(key, { failures: locked ? 0 : failures, lastFailureAt: now, lockedUntil: locked ? now + this.lockMs : 0 });
  }

  succeeded(email: string): void {
    this.#entries.delete(keyOf(email));
  }
}

const keyOf = (email: string) => email.trim().toLowerCase();

const GLOBAL = Symbol.for("gatehouse.auth.signInThrottle");

/** The process's throttle (on globalThis: Next may load this module more than once). */
export function signInThrottle(): SignInThrottle {
  const g = globalThis as { [GLOBAL]?: SignInThrottle };
  return (g[GLOBAL] ??= new SignInThrottle());
}

/** next-auth's credentials check with the throttle: the user, null for wrong credentials, or an
 * Error(TOO_MANY_SIGN_INS) while the email is locked. */
export async function signInWithThrottle(
  email: string,
  password: string,
  throttle: SignInThrottle = signInThrottle(),
  db: Db = getDb(),
): Promise<SignedInUser | null> {
  if (throttle.isLocked(email)) throw new Error(TOO_MANY_SIGN_INS);
  const user = await verifyCredentials(email, password, db);
  if (user) throttle.succeeded(email);
  else throttle.failed(email);
  return user;
}
