// The signed-in console user, for pages, server actions and (through sessionActor) the admin API.
// The session cookie only says who signed in; the user row decides, on every request, whether the
// user still exists, is not disabled, which role they have now, and whether the session is still
// current: a password change bumps the user's sessionVersion, and a session signed in under another
// version is over (tokens without one, from before versions existed, count as 0).

import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { headers } from "next/headers";
import { connection } from "next/server";
import { getDb } from "../db";
import { forbidden } from "../api/errors";
import { hasAnyUser } from "../users/service";
import type { Actor, Role } from "./actor";
import { getAuthOptions, sessionVersionOf } from "./next-auth";
import { parseCookies, sessionTokenOf } from "./session-cookie";
import { REQUEST_PATH_HEADER, signInPath } from "./sign-in-path";

export interface ConsoleUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** The active (existing, enabled) user with this id, with their current role, for a session signed
 * in under `sessionVersion`; null when the user's password changed since (another version). */
async function activeUser(userId: string, sessionVersion: number): Promise<ConsoleUser | null> {
  const row = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!row || row.disabled || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role };
}

/** The signed-in user of this request, or null. Memoised per request (layout + page share it). */
export const getSessionUser = cache(async (): Promise<ConsoleUser | null> => {
  // Request time only: prerendering stops here, before the session secret is read or created.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  return user?.id ? activeUser(user.id, sessionVersionOf({ sv: user.sessionVersion })) : null;
});

export function actorOf(user: ConsoleUser): Actor {
  return { kind: "user", userId: user.id, role: user.role };
}

/** Pages and actions: the signed-in user, or a redirect to /setup (no users yet) or /signin. */
export async function requireUser(): Promise<ConsoleUser> {
  const user = await getSessionUser();
  if (user) return user;
  if (!(await hasAnyUser())) redirect("/setup");
  redirect(signInPath((await headers()).get(REQUEST_PATH_HEADER)));
}

/** Pages only members must not see: they get a 404, as for anything they cannot reach. */
export async function requireAdmin(): Promise<ConsoleUser> {
  const user = await requireUser();
  if (user.role !== "admin") notFound();
  return user;
}

/** The actor for a service call from a page or server action. */
export async function getActor(): Promise<Actor> {
  return actorOf(await requireUser());
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The admin API's second way in: the console's session cookie, so a signed-in admin can call
 * /api/v1 from the browser. Returns null when the request carries no valid session. Changes
 * (POST/PATCH/DELETE) are refused when the browser says they come from another site; the cookie
 * is SameSite=Lax, this is the second line against cross-site requests.
 */
export async function sessionActor(req: Request): Promise<Actor | null> {
  const token = await sessionTokenOf(parseCookies(req.headers.get("cookie")));
  if (!token?.uid) return null;
  if (!SAFE_METHODS.has(req.method.toUpperCase())) {
    const site = req.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") {
      throw forbidden("Cross-site requests cannot use the console session; use an admin API token.", "cross_site");
    }
  }
  const user = await activeUser(token.uid, sessionVersionOf(token));
  return user ? actorOf(user) : null;
}
