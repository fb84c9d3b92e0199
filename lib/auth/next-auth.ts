// next-auth 4 configuration for the console: email + password (CredentialsProvider) against the
// users table, sessions as encrypted JWT cookies carrying the user id and role. The role in the
// cookie is only a hint for rendering; lib/auth/session.ts re-reads the user row on every request,
// so disabling a user or changing a role takes effect immediately. The cookie also carries the
// user's session version at sign-in: a password change bumps it, ending the sessions signed in
// before (the changer's own session is re-issued, ./session-cookie.ts).

import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Role } from "./actor";
import { getAuthSecret } from "./auth-secret";
import { signInWithThrottle } from "./sign-in-throttle";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role; sessionVersion: number };
  }
  interface User {
    role: Role;
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** The user's sessionVersion at sign-in; absent in tokens from before it existed (= 0). */
    sv?: number;
  }
}

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** The session version a token was signed in under; tokens from before versions existed are 0. */
export function sessionVersionOf(token: { sv?: unknown }): number {
  return typeof token.sv === "number" ? token.sv : 0;
}

/** Secure (`__Secure-`) cookie names only when the console is served over https (NEXTAUTH_URL). */
export function secureCookiesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

let options: NextAuthOptions | undefined;

/** Built on first use, not at import, so `next build` never creates ./data/auth-secret. */
export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getAuthSecret(),
    useSecureCookies: secureCookiesEnabled(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials) {
          const email = credentials?.email?.trim();
          const password = credentials?.password;
          if (!email || !password) return null;
          // null for an unknown email, a wrong password or a disabled user: next-auth reports
          // all three as CredentialsSignin, so the form cannot be used to probe accounts. Too many
          // failures for the email throw TooManySignIns (./sign-in-throttle.ts).
          const user = await signInWithThrottle(email, password);
          if (!user) return null;
          return { id: user.id, email: user.email, name: user.name ?? null, role: user.role, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        if (token.uid && token.role) {
          session.user = {
            id: token.uid,
            email: token.email ?? "",
            name: token.name ?? null,
            role: token.role,
            sessionVersion: sessionVersionOf(token),
          };
        }
        return session;
      },
    },
    logger: {
      error(code, metadata) {
        console.error(`[next-auth] ${code}`, metadata);
      },
      warn(code) {
        // NEXTAUTH_URL is optional here: the console only uses relative URLs, so the warning
        // about it being unset is noise. Every other warning is shown.
        if (code !== "NEXTAUTH_URL") console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
  return options;
}
