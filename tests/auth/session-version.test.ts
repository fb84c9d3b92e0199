// Sessions end when the password changes (lib/auth/session.ts checks the user's sessionVersion on
// every request), SQLite and PostgreSQL, through the real admin API routes with real next-auth
// session cookies: a session minted before a password change is refused after it, whether the
// user changed it or an admin reset it; the session that changed its own password gets a
// re-issued cookie and keeps working; tokens from before versions existed (no `sv`) count as 0.
// Also the next-auth callbacks that put the version into the token and the session.
import { describe, expect, it } from "vitest";
import { encode, type JWT } from "next-auth/jwt";
import * as endpoints from "@/app/api/v1/endpoints/route";
import * as user from "@/app/api/v1/users/[id]/route";
import { getAuthOptions } from "@/lib/auth/next-auth";
import { reissuedSessionCookie, sessionTokenOf } from "@/lib/auth/session-cookie";
import { createUser } from "@/lib/users/service";
import { updateUserKeepingSession } from "@/lib/users/update-keeping-session";
import { call, TEST_ADMIN, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

const SECRET = "session-version-test-secret-0123456789abcdef";
process.env.NEXTAUTH_SECRET = SECRET;

const COOKIE = "next-auth.session-token";

/** A session cookie as next-auth mints it at sign-in; `sv` left out = a token from before versions. */
async function sessionCookie(uid: string, role: "admin" | "member", sv?: number): Promise<string> {
  const token: JWT = { uid, role, email: "someone@example.com", ...(sv === undefined ? {} : { sv }) };
  return `${COOKIE}=${await encode({ token, secret: SECRET })}`;
}

/** The session cookie a response sets, as a Cookie header. */
function cookieSetBy(res: { headers: Headers }): string | null {
  const setCookie = res.headers.get("set-cookie");
  return setCookie ? setCookie.split(";")[0] : null;
}

const listEndpoints = async (cookie: string) => (await call(endpoints.GET, "GET", "/api/v1/endpoints", { headers: { cookie } })).status;
const getUserWith = async (cookie: string, id: string) => (await call(user.GET, "GET", "/x", { params: { id }, headers: { cookie } })).status;
const patchUser = (id: string, body: unknown, headers: Record<string, string>) =>
  call(user.PATCH, "PATCH", "/x", { params: { id }, body, headers: { "sec-fetch-site": "same-origin", ...headers } });

describe.each(TEST_DATABASES)("session versions (%s)", (kind) => {
  const api = useAdminApi(kind);

  it("keeps sessions without a version (signed in before versions existed) working until a password change", async () => {
    const legacy = await sessionCookie(api.adminId, "admin");
    expect(await listEndpoints(legacy)).toBe(200);
    expect(await listEndpoints(await sessionCookie(api.adminId, "admin", 0))).toBe(200);
    // A version the user never had is not accepted either.
    expect(await listEndpoints(await sessionCookie(api.adminId, "admin", 7))).toBe(401);
  });

  it("ends the user's other sessions when they change their password; the changing session stays signed in", async () => {
    const id = (await createUser({ kind: "user", userId: api.adminId, role: "admin" }, { email: "m1@example.com", password: "member-password" })).id;
    const mine = await sessionCookie(id, "member");
    const otherDevice = await sessionCookie(id, "member", 0);
    expect(await getUserWith(mine, id)).toBe(200);

    const missing = await patchUser(id, { password: "changed-password" }, { cookie: mine });
    expect(missing.status).toBe(422);
    expect(missing.json.error).toMatchObject({ type: "invalid_request_error", code: "current_password_required", param: "currentPassword" });
    const wrong = await patchUser(id, { password: "changed-password", currentPassword: "wrong-password" }, { cookie: mine });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ code: "wrong_current_password", param: "currentPassword" });
    expect(missing.headers.get("set-cookie")).toBeNull();
    expect(await getUserWith(otherDevice, id)).toBe(200);

    const changed = await patchUser(id, { password: "changed-password", currentPassword: "member-password" }, { cookie: mine });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ id, email: "m1@example.com" });
    const reissued = cookieSetBy(changed);
    expect(reissued).toMatch(new RegExp(`^${COOKIE}=`));
    expect(changed.headers.get("set-cookie")).toMatch(/; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);

    // Minted before the change: refused, on every device, the changing one's old cookie included.
    expect(await getUserWith(otherDevice, id)).toBe(401);
    expect(await getUserWith(mine, id)).toBe(401);
    // The re-issued cookie carries the new version and keeps working.
    expect(await getUserWith(reissued!, id)).toBe(200);
    expect((await sessionTokenOf({ [COOKIE]: reissued!.slice(COOKIE.length + 1) }))?.sv).toBe(1);
  });

  it("ends every session of a user whose password an admin resets; the admin's own session is untouched", async () => {
    const id = (await createUser({ kind: "user", userId: api.adminId, role: "admin" }, { email: "m2@example.com", password: "member-password" })).id;
    const victim = await sessionCookie(id, "member", 0);
    const adminSession = await sessionCookie(api.adminId, "admin", await adminVersion());
    expect(await getUserWith(victim, id)).toBe(200);

    // With the admin's session cookie: no current password needed, no cookie set.
    const reset = await patchUser(id, { password: "reset-password" }, { cookie: adminSession });
    expect(reset.status).toBe(200);
    expect(reset.headers.get("set-cookie")).toBeNull();
    expect(await getUserWith(victim, id)).toBe(401);
    expect(await listEndpoints(adminSession)).toBe(200);

    // With an admin API token, the same.
    const next = await sessionCookie(id, "member", 1);
    expect(await getUserWith(next, id)).toBe(200);
    const byToken = await call(user.PATCH, "PATCH", "/x", { token: api.token, params: { id }, body: { password: "reset-again" } });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get("set-cookie")).toBeNull();
    expect(await getUserWith(next, id)).toBe(401);
  });

  it("an admin changing their own password keeps the changing session; changes without a password end nothing", async () => {
    const before = await adminVersion();
    const session = await sessionCookie(api.adminId, "admin", before);
    const renamed = await patchUser(api.adminId, { name: "Root" }, { cookie: session });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get("set-cookie")).toBeNull();
    expect(await listEndpoints(session)).toBe(200);

    const changed = await patchUser(api.adminId, { password: "new-admin-password", currentPassword: TEST_ADMIN.password }, { cookie: session });
    expect(changed.status).toBe(200);
    expect(await listEndpoints(session)).toBe(401);
    expect(await listEndpoints(cookieSetBy(changed)!)).toBe(200);
    expect(await adminVersion()).toBe(before + 1);
  });

  it("re-issues only a valid session of the changed user (the server action's path)", async () => {
    const id = (await createUser({ kind: "user", userId: api.adminId, role: "admin" }, { email: "m3@example.com", password: "member-password" })).id;
    const actor = { kind: "user" as const, userId: id, role: "member" as const };
    const value = (cookie: string) => ({ [COOKIE]: cookie.slice(COOKIE.length + 1) });
    const own = await updateUserKeepingSession(actor, id, { password: "changed-password", currentPassword: "member-password" }, value(await sessionCookie(id, "member")));
    expect(own.sessionCookie).toMatchObject({ name: COOKIE, options: { httpOnly: true, sameSite: "lax", path: "/", secure: false } });
    expect((await sessionTokenOf({ [COOKIE]: own.sessionCookie!.value }))).toMatchObject({ uid: id, role: "member", sv: 1 });

    // Cookies of someone else, or none: nothing to keep (the change itself is made).
    const foreign = await updateUserKeepingSession(actor, id, { password: "changed-again", currentPassword: "changed-password" }, value(await sessionCookie(api.adminId, "admin")));
    expect(foreign.sessionCookie).toBeNull();
    expect(await reissuedSessionCookie({}, id, 3)).toBeNull();
    expect(await reissuedSessionCookie({ [COOKIE]: "forged" }, id, 3)).toBeNull();
  });

  async function adminVersion(): Promise<number> {
    return (await api.db.user.findUniqueOrThrow({ where: { id: api.adminId } })).sessionVersion;
  }
});

describe("next-auth callbacks", () => {
  it("put the user's session version into the token at sign-in and into the session; a token without one is 0", async () => {
    const { jwt, session } = getAuthOptions().callbacks!;
    const signedIn = await jwt!({
      token: { email: "a@example.com" },
      user: { id: "u1", email: "a@example.com", role: "admin", sessionVersion: 4 },
      account: null,
    } as never);
    expect(signedIn).toMatchObject({ uid: "u1", role: "admin", sv: 4 });
    // Later requests keep the token as it is.
    expect(await jwt!({ token: signedIn, account: null } as never)).toMatchObject({ sv: 4 });

    const base = { user: {}, expires: "" };
    expect((await session!({ session: base, token: signedIn } as never)).user).toMatchObject({ id: "u1", sessionVersion: 4 });
    expect((await session!({ session: base, token: { uid: "u1", role: "admin" } } as never)).user).toMatchObject({ sessionVersion: 0 });
  });
});
