// A user change made from a console session (a server action, or the admin API with the session
// cookie): when the signed-in user changed their own password, every session signed in before is
// over (lib/users/service.ts bumps the session version), except the one that made the change: it
// gets a re-issued cookie with the new version, which the caller sets on its response.

import type { Actor } from "../auth/actor";
import { reissuedSessionCookie, type SessionCookie } from "../auth/session-cookie";
import { getDb, type Db } from "../db";
import type { UpdateUserInput } from "./schemas";
import { updateUserWithSessionVersion, type UserView } from "./service";

export interface UserUpdateWithSession {
  user: UserView;
  /** Set this cookie on the response to keep the changer signed in; null when nothing to keep. */
  sessionCookie: SessionCookie | null;
}

/** updateUser, re-issuing the caller's session cookie (`cookies`: the request's, name → value) when
 * they changed their own password. */
export async function updateUserKeepingSession(
  actor: Actor,
  id: string,
  input: UpdateUserInput,
  cookies: Record<string, string>,
  db: Db = getDb(),
): Promise<UserUpdateWithSession> {
  const { user, sessionVersion } = await updateUserWithSessionVersion(actor, id, input, db);
  const own = actor.kind === "user" && actor.userId === id;
  const sessionCookie = own && sessionVersion !== null ? await reissuedSessionCookie(cookies, id, sessionVersion) : null;
  return { user, sessionCookie };
}
