// Unattended first start: GATEHOUSE_INIT_ADMIN_EMAIL + GATEHOUSE_INIT_ADMIN_PASSWORD create the
// admin user, GATEHOUSE_INIT_ADMIN_TOKEN an admin API token with exactly that value (stored as its
// hash). Idempotent: what already exists is left alone (an existing user keeps its password, a
// revoked token stays revoked), so it is safe to run on every start.

import { getDb, type Db } from "../db";
import { hashPassword } from "../auth/password";
import { hashToken, tokenPrefix } from "../auth/tokens";
import { notifyConfigChanged } from "../gateway/config-version";
import { emailSchema, passwordSchema } from "./schemas";

export const INIT_ADMIN_TOKEN_MIN_LENGTH = 20;

type Env = Record<string, string | undefined>;

export interface InitialAdminResult {
  userCreated: boolean;
  tokenCreated: boolean;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown })?.code === "P2002";
}

function invalidEnv(name: string, why: string): Error {
  return new Error(`${name} ${why}`);
}

export async function ensureInitialAdmin(env: Env = process.env, db: Db = getDb()): Promise<InitialAdminResult> {
  const rawEmail = env.GATEHOUSE_INIT_ADMIN_EMAIL?.trim();
  const password = env.GATEHOUSE_INIT_ADMIN_PASSWORD;
  const token = env.GATEHOUSE_INIT_ADMIN_TOKEN?.trim();
  const result: InitialAdminResult = { userCreated: false, tokenCreated: false };

  let adminId: string | null = null;
  if (rawEmail || password) {
    if (!rawEmail || !password) {
      throw invalidEnv("GATEHOUSE_INIT_ADMIN_EMAIL and GATEHOUSE_INIT_ADMIN_PASSWORD", "must be set together.");
    }
    const email = emailSchema.safeParse(rawEmail);
    if (!email.success) throw invalidEnv("GATEHOUSE_INIT_ADMIN_EMAIL", `is not a valid email address: ${rawEmail}`);
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) throw invalidEnv("GATEHOUSE_INIT_ADMIN_PASSWORD", checked.error.issues[0].message);

    const existing = await db.user.findUnique({ where: { email: email.data }, select: { id: true } });
    if (existing) {
      adminId = existing.id;
    } else {
      try {
        const created = await db.user.create({
          data: { email: email.data, role: "admin", name: "Admin", passwordHash: await hashPassword(password) },
        });
        adminId = created.id;
        result.userCreated = true;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // another process created it first
        adminId = (await db.user.findUnique({ where: { email: email.data }, select: { id: true } }))?.id ?? null;
      }
    }
  }

  if (token) {
    if (token.length < INIT_ADMIN_TOKEN_MIN_LENGTH || /\s/.test(token)) {
      throw invalidEnv(
        "GATEHOUSE_INIT_ADMIN_TOKEN",
        `must be at least ${INIT_ADMIN_TOKEN_MIN_LENGTH} characters without spaces (e.g. gha_ followed by random characters).`,
      );
    }
    const hash = hashToken(token);
    const existing = await db.apiToken.findUnique({ where: { hash }, select: { kind: true, revokedAt: true } });
    if (existing && existing.kind !== "admin") {
      throw invalidEnv("GATEHOUSE_INIT_ADMIN_TOKEN", "matches an existing team token; choose another value.");
    }
    if (existing?.revokedAt) {
      process.stderr.write("[gatehouse] GATEHOUSE_INIT_ADMIN_TOKEN was revoked; it stays revoked.\n");
    }
    if (!existing) {
      try {
        await db.apiToken.create({
          data: { kind: "admin", name: "Initial admin token", prefix: tokenPrefix(token), hash, createdById: adminId },
        });
        result.tokenCreated = true;
        await notifyConfigChanged(db);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
  }
  return result;
}
