// Brute-force protection of the console's sign-in (the credentials check next-auth calls): after
// MAX_FAILED_SIGN_INS failures in a row an email is locked for LOCK_MS, the right password included,
// and no password is checked meanwhile; a success resets the count. Against both databases.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getAuthOptions } from "@/lib/auth/next-auth";
import { LOCK_MS, MAX_FAILED_SIGN_INS, SignInThrottle, signInWithThrottle, TOO_MANY_SIGN_INS } from "@/lib/auth/sign-in-throttle";
import { createUser } from "@/lib/users/service";
import { useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

const PASSWORD = "right-password-1";

describe.each(TEST_DATABASES)("sign-in throttle (%s)", (kind) => {
  const api = useAdminApi(kind);
  const admin = (): Actor => ({ kind: "user", userId: api.adminId, role: "admin" });
  let clock = 1_000_000;
  const throttle = () => new SignInThrottle(MAX_FAILED_SIGN_INS, LOCK_MS, () => clock);

  it("locks an email after too many failures, even for the right password, until the lock ends", async () => {
    await createUser(admin(), { email: "victim@example.com", password: PASSWORD });
    const t = throttle();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      expect(await signInWithThrottle("victim@example.com", `guess-${i}-password`, t, api.db)).toBeNull();
      clock += 1_000;
    }
    await expect(signInWithThrottle("victim@example.com", PASSWORD, t, api.db)).rejects.toThrow(TOO_MANY_SIGN_INS);
    // The lock is per email, spelt in any case; other users sign in as usual.
    await expect(signInWithThrottle(" Victim@Example.com", PASSWORD, t, api.db)).rejects.toThrow(TOO_MANY_SIGN_INS);
    expect(await signInWithThrottle("admin@example.com", "admin-password-1", t, api.db)).toMatchObject({ role: "admin" });
    clock += LOCK_MS;
    expect(await signInWithThrottle("victim@example.com", PASSWORD, t, api.db)).toMatchObject({ email: "victim@example.com" });
  });

  it("a success resets the count; failures far apart do not add up", async () => {
    const t = throttle();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await signInWithThrottle("victim@example.com", "wrong-password", t, api.db);
    expect(await signInWithThrottle("victim@example.com", PASSWORD, t, api.db)).not.toBeNull();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await signInWithThrottle("victim@example.com", "wrong-password", t, api.db);
    clock += LOCK_MS;
    expect(await signInWithThrottle("victim@example.com", "wrong-password", t, api.db)).toBeNull();
    expect(await signInWithThrottle("victim@example.com", PASSWORD, t, api.db)).not.toBeNull();
  });

  it("next-auth's credentials check goes through the process's throttle", async () => {
    process.env.NEXTAUTH_SECRET ??= "test-session-secret-0123456789abcdefghij";
    const provider = getAuthOptions().providers[0] as unknown as {
      options: { authorize(credentials: Record<string, string>): Promise<unknown> };
    };
    const authorize = (password: string) => provider.options.authorize({ email: `wired-${kind}@example.com`, password });
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect(await authorize("wrong-password")).toBeNull();
    await expect(authorize("wrong-password")).rejects.toThrow(TOO_MANY_SIGN_INS);
  });

  it("unknown emails are counted the same way (a lock reveals no account)", async () => {
    const t = throttle();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect(await signInWithThrottle("nobody@example.com", "wrong-password", t, api.db)).toBeNull();
    await expect(signInWithThrottle("nobody@example.com", "wrong-password", t, api.db)).rejects.toThrow(TOO_MANY_SIGN_INS);
  });
});
