// Console users: CRUD, sign-in verification and first-admin setup. Admins manage users; a member
// may read and change only their own name and password. There is always at least one active admin.
// A signed-in user changing their own password must give the current one (a stolen session cannot
// take the account over); every password change bumps the user's sessionVersion, which ends the
// sessions signed in before it (lib/auth/session.ts).

import { getDb, isWriteConflict, type Db } from "../db";
import type { Actor, Role } from "../auth/actor";
import { isAdmin } from "../auth/actor";
import { requireAdmin } from "../auth/authorize";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../auth/password";
import { conflict, forbidden, invalidField, notFound } from "../api/errors";
import { signInThrottle, type SignInThrottle } from "../auth/sign-in-throttle";
import {
  createUserSchema,
  emailSchema,
  firstAdminSchema,
  updateUserSchema,
  type CreateUserInput,
  type FirstAdminInput,
  type UpdateUserInput,
} from "./schemas";

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

function toView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    disabled: row.disabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Checks and writes that must not interleave (last admin, first admin) run serializably; a
 * transaction PostgreSQL aborts as a serialization failure (P2034, or at COMMIT the adapter's
 * TransactionWriteConflict) is retried. */
async function serializable<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { isolationLevel: "Serializable" });
    } catch (err) {
      if (!isWriteConflict(err) || attempt >= 3) throw err;
    }
  }
}

async function findUserRow(db: Db | Tx, id: string) {
  const row = await db.user.findUnique({ where: { id } });
  if (!row) throw notFound(`User '${id}' not found.`);
  return row;
}

async function assertEmailFree(db: Db | Tx, email: string): Promise<void> {
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw conflict(`A user with email '${email}' already exists.`, "already_exists", "email");
}

/** 409 on `email` when a user has the address (the create form checks it alongside the schema).
 * An address the schema rejects is left to the schema. */
export async function assertUserEmailFree(actor: Actor, email: unknown, db: Db = getDb()): Promise<void> {
  requireAdmin(actor, "create users");
  const parsed = emailSchema.safeParse(email);
  if (parsed.success) await assertEmailFree(db, parsed.data);
}

const isActiveAdmin = (u: { role: string; disabled: boolean }) => u.role === "admin" && !u.disabled;

async function activeAdminCount(db: Db | Tx): Promise<number> {
  return db.user.count({ where: { role: "admin", disabled: false } });
}

function canReadUser(actor: Actor, id: string): boolean {
  return isAdmin(actor) || (actor.kind === "user" && actor.userId === id);
}

export async function listUsers(actor: Actor, db: Db = getDb()): Promise<UserView[]> {
  requireAdmin(actor, "list users");
  const rows = await db.user.findMany({ orderBy: { email: "asc" } });
  return rows.map(toView);
}

export async function getUser(actor: Actor, id: string, db: Db = getDb()): Promise<UserView> {
  if (!canReadUser(actor, id)) throw notFound(`User '${id}' not found.`);
  return toView(await findUserRow(db, id));
}

export async function createUser(actor: Actor, input: CreateUserInput, db: Db = getDb()): Promise<UserView> {
  requireAdmin(actor, "create users");
  const data = createUserSchema.parse(input);
  await assertEmailFree(db, data.email);
  const row = await db.user.create({
    data: { email: data.email, name: data.name ?? null, role: data.role, passwordHash: await hashPassword(data.password) },
  });
  return toView(row);
}

export interface UserUpdate {
  user: UserView;
  /** The user's session version after a password change (sessions signed in under an older one
   * are over); null when the password did not change. */
  sessionVersion: number | null;
}

/** A signed-in user changing their own password (not an admin resetting another user's, and not an
 * admin API token, which is an admin credential of its own). */
function isOwnPasswordChange(actor: Actor, id: string, password: string | undefined): boolean {
  return password !== undefined && actor.kind === "user" && actor.userId === id;
}

/** 422 on `currentPassword` unless it is the password of `row`. Wrong guesses count towards the
 * sign-in lock of the user's email (lib/auth/sign-in-throttle.ts), as wrong sign-ins do. */
async function checkCurrentPassword(
  row: { email: string; passwordHash: string },
  currentPassword: string | undefined,
  throttle: SignInThrottle,
): Promise<void> {
  if (!currentPassword) {
    throw invalidField("currentPassword", "Enter your current password to change it.", "current_password_required");
  }
  if (throttle.isLocked(row.email)) {
    throw invalidField("currentPassword", "Too many wrong passwords for this account; try again in 15 minutes.", "too_many_attempts");
  }
  if (!(await verifyPassword(row.passwordHash, currentPassword))) {
    throttle.failed(row.email);
    throw invalidField("currentPassword", "Wrong current password.", "wrong_current_password");
  }
  throttle.succeeded(row.email);
}

/** updateUser, also returning the user's new session version when the password changed (to keep the
 * changer's own session signed in, lib/users/update-keeping-session.ts). */
export async function updateUserWithSessionVersion(
  actor: Actor,
  id: string,
  input: UpdateUserInput,
  db: Db = getDb(),
  throttle: SignInThrottle = signInThrottle(),
): Promise<UserUpdate> {
  if (!canReadUser(actor, id)) throw notFound(`User '${id}' not found.`);
  const data = updateUserSchema.parse(input);
  if (!isAdmin(actor) && (data.role !== undefined || data.disabled !== undefined)) {
    throw forbidden("Only admins can change roles or disable users.");
  }
  // The hash the current password was checked against: if it changed before the write below, the
  // check no longer holds.
  let checkedHash: string | undefined;
  if (isOwnPasswordChange(actor, id, data.password)) {
    const current = await findUserRow(db, id);
    await checkCurrentPassword(current, data.currentPassword, throttle);
    checkedHash = current.passwordHash;
  }
  const passwordHash = data.password === undefined ? undefined : await hashPassword(data.password);
  const row = await serializable(db, async (tx) => {
    const existing = await findUserRow(tx, id);
    if (checkedHash !== undefined && existing.passwordHash !== checkedHash) {
      throw invalidField("currentPassword", "The password changed meanwhile; enter the new current password.", "wrong_current_password");
    }
    const after = { role: data.role ?? existing.role, disabled: data.disabled ?? existing.disabled };
    if (isActiveAdmin(existing) && !isActiveAdmin(after) && (await activeAdminCount(tx)) <= 1) {
      throw conflict(`'${existing.email}' is the last active admin; make another user admin first.`, "last_admin");
    }
    return tx.user.update({
      where: { id },
      data: {
        name: data.name,
        role: data.role,
        disabled: data.disabled,
        passwordHash,
        // Every password change ends the sessions signed in before it.
        sessionVersion: passwordHash === undefined ? undefined : { increment: 1 },
      },
    });
  });
  return { user: toView(row), sessionVersion: passwordHash === undefined ? null : row.sessionVersion };
}

/** Admins may change anything; members only their own name and password. Demoting or disabling
 * the last active admin is refused (409). A signed-in user changing their own password must send
 * the current one as `currentPassword` (422 on that field when it is missing or wrong); admins
 * resetting another user's password need not. A password change ends the user's sessions. */
export async function updateUser(actor: Actor, id: string, input: UpdateUserInput, db: Db = getDb()): Promise<UserView> {
  return (await updateUserWithSessionVersion(actor, id, input, db)).user;
}

export async function deleteUser(actor: Actor, id: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete users");
  if (actor.kind === "user" && actor.userId === id) {
    throw conflict("You cannot delete your own account; ask another admin.", "cannot_delete_self");
  }
  await serializable(db, async (tx) => {
    const existing = await findUserRow(tx, id);
    if (isActiveAdmin(existing) && (await activeAdminCount(tx)) <= 1) {
      throw conflict(`'${existing.email}' is the last active admin and cannot be deleted.`, "last_admin");
    }
    // The user's admin API tokens die with them (the foreign key would only clear createdById,
    // leaving tokens that act for nobody; see lib/auth/admin-tokens.ts).
    await tx.apiToken.updateMany({ where: { kind: "admin", createdById: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.user.delete({ where: { id } });
  });
  return { id, deleted: true };
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** Put into the session at sign-in (lib/auth/next-auth.ts). */
  sessionVersion: number;
}

/** next-auth's credentials check: the user for a correct email + password, null otherwise
 * (unknown email, wrong password and disabled user are indistinguishable, also by timing). */
export async function verifyCredentials(email: string, password: string, db: Db = getDb()): Promise<SignedInUser | null> {
  const parsed = emailSchema.safeParse(email);
  const row = parsed.success ? await db.user.findUnique({ where: { email: parsed.data } }) : null;
  if (!row) {
    await verifyAgainstDummy(password);
    return null;
  }
  const ok = await verifyPassword(row.passwordHash, password);
  if (!ok || row.disabled) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, sessionVersion: row.sessionVersion };
}

export async function hasAnyUser(db: Db = getDb()): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/** The setup page: create the first admin of a fresh installation; 409 once any user exists. */
export async function createFirstAdmin(input: FirstAdminInput, db: Db = getDb()): Promise<UserView> {
  const data = firstAdminSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const row = await serializable(db, async (tx) => {
    if ((await tx.user.count()) > 0) {
      throw conflict("Setup is already complete: a user exists. Sign in instead.", "setup_complete");
    }
    return tx.user.create({ data: { email: data.email, name: data.name ?? null, role: "admin", passwordHash } });
  });
  return toView(row);
}
