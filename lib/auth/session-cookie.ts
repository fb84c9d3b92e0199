// The console's session cookie outside next-auth's own routes: reading the session JWT from a
// request's cookies (the admin API's cookie seam, lib/auth/session.ts) and re-issuing it for the
// session that just changed its own user's password. A password change bumps the user's session
// version (lib/users/service.ts), which ends every session signed in under the old one; the
// changer's session gets a fresh cookie carrying the new version and stays signed in.

import { encode, getToken, type JWT } from "next-auth/jwt";
import { getAuthSecret } from "./auth-secret";
import { SESSION_MAX_AGE_SECONDS, secureCookiesEnabled } from "./next-auth";

export interface SessionCookie {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; expires: Date };
}

/** next-auth's session cookie name (its default, as configured in ./next-auth.ts). */
export function sessionCookieName(): string {
  return `${secureCookiesEnabled() ? "__Secure-" : ""}next-auth.session-token`;
}

/** A Cookie header as name → value (a value that is not valid percent-encoding is kept as is). */
export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

export function hasSessionCookie(cookies: Record<string, string>): boolean {
  return Object.keys(cookies).some((name) => name.includes("next-auth.session-token"));
}

/** The decoded session JWT in these cookies, or null (none, forged, expired, another secret). */
export async function sessionTokenOf(cookies: Record<string, string>): Promise<JWT | null> {
  if (!hasSessionCookie(cookies)) return null;
  // Only cookies are passed: getToken would otherwise read an `Authorization: Bearer` admin token
  // as a session JWT.
  return getToken({ req: { cookies, headers: {} } as never, secret: getAuthSecret(), secureCookie: secureCookiesEnabled() });
}

/**
 * A new session cookie for the session in `cookies` when it is `userId`'s, carrying
 * `sessionVersion` (the user's version after their password change), with a fresh expiry. Null
 * when the cookies hold no valid session of that user (then there is nothing to keep signed in).
 */
export async function reissuedSessionCookie(
  cookies: Record<string, string>,
  userId: string,
  sessionVersion: number,
): Promise<SessionCookie | null> {
  const token = await sessionTokenOf(cookies);
  if (!token || token.uid !== userId) return null;
  const maxAge = SESSION_MAX_AGE_SECONDS;
  // encode sets a new iat, exp and jti.
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret: getAuthSecret(), maxAge });
  return {
    name: sessionCookieName(),
    value,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookiesEnabled(), expires: new Date(Date.now() + maxAge * 1000) },
  };
}

/** The cookie as a Set-Cookie header value (route handlers). */
export function setCookieHeader({ name, value, options }: SessionCookie): string {
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Expires=${options.expires.toUTCString()}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}
