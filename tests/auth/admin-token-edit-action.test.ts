// The admin tokens page's edit form through its server action (app/(console)/admin-tokens/actions.ts
// → lib/auth/token-form.ts → updateAdminToken, the PATCH route's service), posted as the browser
// posts it, SQLite and PostgreSQL: name / expiry change ("keep" never sends an expired token's date
// back); field errors all at once; revoked tokens and non-admins refused. Also the page's list:
// a token whose creator is demoted or disabled is flagged (it answers 401 token_creator_not_admin).
// Only the Next.js plumbing is mocked (session, revalidatePath).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { updateAdminTokenAction } from "@/app/(console)/admin-tokens/actions";
import { createAdminToken, getAdminToken, listAdminTokensWithCreators, revokeAdminToken } from "@/lib/auth/admin-tokens";
import { NO_DATE_PICKED, tokenFieldsFromForm } from "@/lib/auth/token-form";
import type { FormState } from "@/lib/console/form-state";
import { createUser, updateUser } from "@/lib/users/service";
import { useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

interface EditFields {
  name?: string;
  expiry?: "keep" | "never" | "date";
  expiresAt?: string;
}

/** The edit form as the browser posts it: every field present, the date input empty unless set. */
function editForm(fields: EditFields): FormData {
  const form = new FormData();
  form.set("name", fields.name ?? "deploy");
  form.set("expiry", fields.expiry ?? "keep");
  form.set("expiresAt", fields.expiresAt ?? "");
  return form;
}

describe("token name and expiry form reading", () => {
  it("keep omits the expiry, never is null, a date is sent as typed, date without one is an error", () => {
    expect(tokenFieldsFromForm(editForm({}))).toEqual({ input: { name: "deploy" }, fieldErrors: {} });
    expect(tokenFieldsFromForm(editForm({ expiry: "keep", expiresAt: "2999-01-31" })).input).toEqual({ name: "deploy" });
    expect(tokenFieldsFromForm(editForm({ expiry: "never", expiresAt: "2999-01-31" })).input).toEqual({ name: "deploy", expiresAt: null });
    expect(tokenFieldsFromForm(editForm({ expiry: "date", expiresAt: "2999-01-31" })).input).toEqual({ name: "deploy", expiresAt: "2999-01-31" });
    expect(tokenFieldsFromForm(editForm({ expiry: "date", expiresAt: "  " }))).toEqual({ input: { name: "deploy" }, fieldErrors: { expiresAt: NO_DATE_PICKED } });
    expect(tokenFieldsFromForm(new FormData())).toEqual({ input: {}, fieldErrors: {} });
  });
});

describe.each(TEST_DATABASES)("admin token edit action (%s)", (kind) => {
  const api = useAdminApi(kind);
  let admin: Actor;
  let tokenId = "";
  const edit = (fields: EditFields, id = tokenId) => updateAdminTokenAction(id, { status: "idle" }, editForm(fields));
  const view = (id = tokenId) => getAdminToken(admin, id);
  const fieldErrors = (state: FormState) => {
    expect(state.status).toBe("error");
    return state.fieldErrors ?? {};
  };

  beforeAll(async () => {
    admin = { kind: "user", userId: api.adminId, role: "admin" };
    session.actor = admin;
    tokenId = (await createAdminToken(admin, { name: "deploy", expiresAt: "2999-12-31" })).id;
  });

  it("changes the name, keeping the expiry, then sets a new date and never", async () => {
    expect(await edit({ name: "  deploy v2 " })).toEqual({ status: "ok", message: "Token 'deploy v2' saved." });
    expect(await view()).toMatchObject({ name: "deploy v2", expiresAt: new Date("2999-12-31T00:00:00Z") });
    await edit({ expiry: "date", expiresAt: "2998-06-30" });
    expect(await view()).toMatchObject({ name: "deploy", expiresAt: new Date("2998-06-30T00:00:00Z") });
    await edit({ expiry: "never" });
    expect((await view()).expiresAt).toBeNull();
    // "New date" on a token that never expires.
    await edit({ expiry: "date", expiresAt: "2997-01-01" });
    expect((await view()).expiresAt).toEqual(new Date("2997-01-01T00:00:00Z"));
  });

  it("reports every field error at once and changes nothing", async () => {
    const before = await view();
    expect(fieldErrors(await edit({ name: "", expiry: "date" }))).toEqual({ name: "Must not be empty", expiresAt: NO_DATE_PICKED });
    expect(fieldErrors(await edit({ name: "x".repeat(101), expiry: "date", expiresAt: "2020-01-01" }))).toEqual({
      name: "Must be at most 100 characters",
      expiresAt: "Must be in the future",
    });
    expect(fieldErrors(await edit({ expiry: "date", expiresAt: "31/12/2030" })).expiresAt).toMatch(/ISO 8601/);
    expect(await view()).toEqual(before);
  });

  it("an expired token: keep leaves its past date alone, never revives it", async () => {
    await api.db.apiToken.update({ where: { id: tokenId }, data: { expiresAt: new Date("2020-01-01T00:00:00Z") } });
    expect(await edit({ name: "renamed while expired" })).toMatchObject({ status: "ok" });
    expect(await view()).toMatchObject({ name: "renamed while expired", expiresAt: new Date("2020-01-01T00:00:00Z") });
    expect(fieldErrors(await edit({ expiry: "date", expiresAt: "2020-01-01" }))).toEqual({ expiresAt: "Must be in the future" });
    await edit({ name: "deploy", expiry: "never" });
    expect(await view()).toMatchObject({ name: "deploy", expiresAt: null });
  });

  it("members, unknown and revoked tokens are refused", async () => {
    const member = await createUser(admin, { email: "member@example.com", password: "member-password-1" });
    session.actor = { kind: "user", userId: member.id, role: "member" };
    expect(await edit({ name: "by a member" })).toEqual({ status: "error", message: "Only admins can change admin API tokens." });
    session.actor = admin;
    expect((await view()).name).toBe("deploy");
    expect(await edit({}, "no-such-token")).toEqual({ status: "error", message: "Admin token 'no-such-token' not found." });

    await revokeAdminToken(admin, tokenId);
    expect(await edit({ name: "after revocation", expiry: "never" })).toEqual({
      status: "error",
      message: "Admin token 'deploy' is revoked; create a new token instead.",
    });
    expect((await view()).name).toBe("deploy");
  });

  it("the page's list flags tokens whose creator is demoted or disabled; they stay editable", async () => {
    const grace = await createUser(admin, { email: "grace@example.com", password: "grace-password-1", role: "admin" });
    const graceActor: Actor = { kind: "user", userId: grace.id, role: "admin" };
    const graceToken = (await createAdminToken(graceActor, { name: "grace ci" })).id;
    const problem = async (id: string) => (await listAdminTokensWithCreators(admin)).find((t) => t.id === id)?.creatorProblem;
    expect(await problem(graceToken)).toBeNull();
    const own = (await createAdminToken(admin, { name: "mine" })).id;
    expect(await problem(own)).toBeNull();

    await updateUser(admin, grace.id, { role: "member" });
    expect(await problem(graceToken)).toBe("is no longer an admin");
    expect(await edit({ name: "grace ci (demoted)" }, graceToken)).toMatchObject({ status: "ok" });
    expect((await view(graceToken)).name).toBe("grace ci (demoted)");

    await updateUser(admin, grace.id, { role: "admin", disabled: true });
    expect(await problem(graceToken)).toBe("is disabled");
    await updateUser(admin, grace.id, { disabled: false });
    expect(await problem(graceToken)).toBeNull();
    expect(await problem(own)).toBeNull();
  });
});
