// Changing passwords (lib/users/service.ts), SQLite and PostgreSQL: a signed-in user changing their
// own password must give the current one (missing or wrong: 422 on `currentPassword`, which the
// console form shows next to that field); admins reset another user's password without it, and so
// does an admin API token. Every password change bumps the user's session version (sessions signed
// in before are over, tests/auth/session-version.test.ts); other changes do not.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { SignInThrottle } from "@/lib/auth/sign-in-throttle";
import { submit } from "@/lib/console/form-action";
import { updateUserSchema, type UpdateUserInput } from "@/lib/users/schemas";
import { createUser, updateUser, updateUserWithSessionVersion, verifyCredentials } from "@/lib/users/service";
import { TEST_ADMIN, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

const MEMBER = { email: "ada@example.com", password: "ada-password-1" };

describe.each(TEST_DATABASES)("password changes (%s)", (kind) => {
  const api = useAdminApi(kind);
  const admin = (): Actor => ({ kind: "user", userId: api.adminId, role: "admin" });
  let member: Actor;
  let memberId = "";
  const versionOf = async (id: string) => (await api.db.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
  const signsIn = async (email: string, password: string) => (await verifyCredentials(email, password)) !== null;

  beforeAll(async () => {
    memberId = (await createUser(admin(), { ...MEMBER, name: "Ada" })).id;
    member = { kind: "user", userId: memberId, role: "member" };
  });

  it("refuses a change of one's own password without the current one, or with a wrong one (422 on currentPassword)", async () => {
    await expect(updateUser(member, memberId, { password: "new-ada-password" })).rejects.toMatchObject({
      status: 422,
      code: "current_password_required",
      param: "currentPassword",
    });
    await expect(updateUser(member, memberId, { password: "new-ada-password", currentPassword: "" })).rejects.toMatchObject({
      status: 422,
      param: "currentPassword",
    });
    await expect(
      updateUser(member, memberId, { name: "Mallory", password: "new-ada-password", currentPassword: "not-the-password" }),
    ).rejects.toMatchObject({ status: 422, code: "wrong_current_password", param: "currentPassword" });
    // Nothing changed: not the password, not the name sent with it, not the session version.
    expect(await signsIn(MEMBER.email, MEMBER.password)).toBe(true);
    expect(await signsIn(MEMBER.email, "new-ada-password")).toBe(false);
    expect((await api.db.user.findUniqueOrThrow({ where: { id: memberId } })).name).toBe("Ada");
    expect(await versionOf(memberId)).toBe(0);
  });

  it("the same for an admin changing their own password", async () => {
    await expect(updateUser(admin(), api.adminId, { password: "new-admin-password" })).rejects.toMatchObject({
      status: 422,
      param: "currentPassword",
    });
    await expect(
      updateUser(admin(), api.adminId, { password: "new-admin-password", currentPassword: "wrong-password" }),
    ).rejects.toMatchObject({ status: 422, code: "wrong_current_password" });
    expect(await signsIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBe(true);
  });

  it("changes one's own password with the current one and bumps the session version", async () => {
    const before = await versionOf(memberId);
    const changed = await updateUserWithSessionVersion(member, memberId, {
      password: "new-ada-password",
      currentPassword: MEMBER.password,
    });
    expect(changed.sessionVersion).toBe(before + 1);
    expect(await versionOf(memberId)).toBe(before + 1);
    expect(await signsIn(MEMBER.email, MEMBER.password)).toBe(false);
    expect(await signsIn(MEMBER.email, "new-ada-password")).toBe(true);
    expect(await verifyCredentials(MEMBER.email, "new-ada-password")).toMatchObject({ sessionVersion: before + 1 });
    // Back, for the tests below (the current password is now the new one).
    await updateUser(member, memberId, { password: MEMBER.password, currentPassword: "new-ada-password" });
    expect(await versionOf(memberId)).toBe(before + 2);
  });

  it("changes other fields without a current password and without ending sessions", async () => {
    const before = await versionOf(memberId);
    const changed = await updateUserWithSessionVersion(member, memberId, { name: "Ada L." });
    expect(changed).toMatchObject({ user: { name: "Ada L." }, sessionVersion: null });
    expect(await versionOf(memberId)).toBe(before);
    await updateUser(admin(), memberId, { disabled: true });
    await updateUser(admin(), memberId, { disabled: false, role: "member" });
    expect(await versionOf(memberId)).toBe(before);
  });

  it("lets an admin reset another user's password without a current password, ending that user's sessions", async () => {
    const before = await versionOf(memberId);
    const adminVersion = await versionOf(api.adminId);
    const reset = await updateUserWithSessionVersion(admin(), memberId, { password: "reset-by-admin" });
    expect(reset.sessionVersion).toBe(before + 1);
    expect(await signsIn(MEMBER.email, "reset-by-admin")).toBe(true);
    // A currentPassword sent along is not checked for someone else's password.
    await updateUser(admin(), memberId, { password: MEMBER.password, currentPassword: "whatever" });
    expect(await signsIn(MEMBER.email, MEMBER.password)).toBe(true);
    expect(await versionOf(memberId)).toBe(before + 2);
    expect(await versionOf(api.adminId)).toBe(adminVersion);
  });

  it("lets an admin API token change its own creator's password without a current password", async () => {
    const token: Actor = { kind: "admin-token", tokenId: "t", userId: api.adminId };
    const before = await versionOf(api.adminId);
    await updateUser(token, api.adminId, { password: "token-set-password" });
    expect(await signsIn(TEST_ADMIN.email, "token-set-password")).toBe(true);
    expect(await versionOf(api.adminId)).toBe(before + 1);
    await updateUser(token, api.adminId, { password: TEST_ADMIN.password });
  });

  it("counts wrong current passwords towards the email's sign-in lock", async () => {
    const throttle = new SignInThrottle(3, 60_000);
    const change = (currentPassword: string) =>
      updateUserWithSessionVersion(member, memberId, { password: "new-ada-password", currentPassword }, api.db, throttle);
    await expect(change("guess-1-password")).rejects.toMatchObject({ code: "wrong_current_password" });
    await expect(change("guess-2-password")).rejects.toMatchObject({ code: "wrong_current_password" });
    await expect(change("guess-3-password")).rejects.toMatchObject({ code: "wrong_current_password" });
    expect(throttle.isLocked(MEMBER.email)).toBe(true);
    // Locked: even the right password is refused, on the same field.
    await expect(change(MEMBER.password)).rejects.toMatchObject({ status: 422, code: "too_many_attempts", param: "currentPassword" });
    expect(await signsIn(MEMBER.email, MEMBER.password)).toBe(true);
  });

  it("reports a missing or wrong current password as a form field error, other fields' errors alongside", async () => {
    // As the console's user forms submit (lib/users/update-form.ts).
    const save = (input: UpdateUserInput) => submit(updateUserSchema, input, () => updateUser(member, memberId, input));
    expect(await save({ name: "Ada", password: "new-ada-password" })).toEqual({
      status: "error",
      fieldErrors: { currentPassword: "Enter your current password to change it." },
    });
    expect(await save({ name: "Ada", password: "new-ada-password", currentPassword: "nope-nope" })).toEqual({
      status: "error",
      fieldErrors: { currentPassword: "Wrong current password." },
    });
    expect(await save({ name: "", password: "short", currentPassword: "x".repeat(300) })).toMatchObject({
      status: "error",
      fieldErrors: { name: "Must not be empty", password: "Must be at least 8 characters", currentPassword: "Must be at most 256 characters" },
    });
    const ok = await save({ name: "Ada", password: "new-ada-password", currentPassword: MEMBER.password });
    expect(ok.status).toBe("ok");
  });
});
