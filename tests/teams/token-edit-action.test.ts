// The team page's token edit form through its server action (app/(console)/teams/[id]/token-actions.ts
// → lib/teams/token-form.ts → updateTeamToken, the PATCH route's service), posted as the browser
// posts it, SQLite and PostgreSQL: name / expiry / endpoints change; "keep" never sends an expired
// token's date back; "Only these" with nothing ticked is an error, never "all endpoints" (except
// for a token already restricted to none); field errors all at once; revoked tokens refused;
// members edit their own teams' tokens only. Only the Next.js plumbing is mocked (session,
// revalidatePath).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { updateTeamTokenAction } from "@/app/(console)/teams/[id]/token-actions";
import type { FormState } from "@/lib/console/form-state";
import { createEndpoint, deleteEndpoint, updateEndpoint } from "@/lib/endpoints/service";
import { createSecret } from "@/lib/secrets/service";
import { addMember, createTeam } from "@/lib/teams/service";
import { NO_DATE_PICKED, NO_ENDPOINT_TICKED, tokenEditFromForm } from "@/lib/teams/token-form";
import { createTeamToken, getTeamToken, revokeTeamToken } from "@/lib/teams/tokens";
import { createUser } from "@/lib/users/service";
import { useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

interface EditFields {
  name?: string;
  expiry?: "keep" | "never" | "date";
  expiresAt?: string;
  endpointsMode?: "all" | "only";
  endpoints?: string[];
}

/** The edit form as the browser posts it: every field present, the date input empty unless set. */
function editForm(fields: EditFields): FormData {
  const form = new FormData();
  form.set("name", fields.name ?? "backend");
  form.set("expiry", fields.expiry ?? "keep");
  form.set("expiresAt", fields.expiresAt ?? "");
  form.set("endpointsMode", fields.endpointsMode ?? "only");
  for (const name of fields.endpoints ?? []) form.append("endpoints", name);
  return form;
}

describe("token edit form reading", () => {
  it("sends only what was chosen: keep omits the expiry, all = null, ticked names deduplicated", () => {
    expect(tokenEditFromForm(editForm({ endpoints: ["a", "a", "b"] }))).toEqual({
      input: { name: "backend", endpoints: ["a", "b"] },
      fieldErrors: {},
      noEndpointTicked: false,
    });
    // Ticked boxes under "All endpoints" are ignored; "never" is null.
    expect(tokenEditFromForm(editForm({ expiry: "never", endpointsMode: "all", endpoints: ["a"] })).input).toEqual({ name: "backend", expiresAt: null, endpoints: null });
    expect(tokenEditFromForm(editForm({ expiry: "date", expiresAt: "2999-01-31" })).input).toMatchObject({ expiresAt: "2999-01-31" });
    expect(tokenEditFromForm(editForm({ expiry: "date" })).fieldErrors).toEqual({ expiresAt: NO_DATE_PICKED });
    expect(tokenEditFromForm(editForm({})).noEndpointTicked).toBe(true);
    // A form without the choices (not ours) changes nothing but what it sends.
    const bare = new FormData();
    bare.set("name", "x");
    expect(tokenEditFromForm(bare)).toEqual({ input: { name: "x" }, fieldErrors: {}, noEndpointTicked: false });
  });
});

describe.each(TEST_DATABASES)("team token edit action (%s)", (kind) => {
  const api = useAdminApi(kind);
  let admin: Actor;
  let member: Actor;
  let outsider: Actor;
  let teamId = "";
  let tokenId = "";
  const edit = (fields: EditFields, id = tokenId, team = teamId) => updateTeamTokenAction(team, id, { status: "idle" }, editForm(fields));
  const view = (id = tokenId) => getTeamToken(admin, teamId, id);
  const fieldErrors = (state: FormState) => {
    expect(state.status).toBe("error");
    return state.fieldErrors ?? {};
  };

  beforeAll(async () => {
    admin = { kind: "user", userId: api.adminId, role: "admin" };
    session.actor = admin;
    const secretId = (await createSecret(admin, { name: "k", provider: "openai", apiKey: "sk-0123456789abcdef" })).id;
    for (const name of ["alpha", "beta", "gamma"]) {
      await createEndpoint(admin, { name, kind: "chat", models: [{ provider: "openai", model: "gpt-4o", secretId }] });
    }
    teamId = (await createTeam(admin, { name: "search" })).id;
    const otherTeamId = (await createTeam(admin, { name: "ads" })).id;
    const mate = await createUser(admin, { email: "mate@example.com", password: "mate-password-1" });
    const stranger = await createUser(admin, { email: "stranger@example.com", password: "stranger-password-1" });
    await addMember(admin, teamId, { userId: mate.id });
    await addMember(admin, otherTeamId, { userId: stranger.id });
    member = { kind: "user", userId: mate.id, role: "member" };
    outsider = { kind: "user", userId: stranger.id, role: "member" };
    tokenId = (await createTeamToken(admin, teamId, { name: "backend", endpoints: ["alpha", "beta"], expiresAt: "2999-12-31" })).id;
  });

  it("changes the name and the endpoints, keeping the expiry", async () => {
    expect(await edit({ name: "  backend v2 ", endpoints: ["beta"] })).toEqual({ status: "ok", message: "Token 'backend v2' saved." });
    expect(await view()).toMatchObject({ name: "backend v2", endpoints: ["beta"], expiresAt: new Date("2999-12-31T00:00:00Z") });
    // "All endpoints" (boxes still ticked) lifts the restriction; "Only these" sets it again.
    await edit({ endpointsMode: "all", endpoints: ["alpha"] });
    expect((await view()).endpoints).toBeNull();
    await edit({ endpoints: ["gamma", "alpha"], expiry: "date", expiresAt: "2998-06-30" });
    expect(await view()).toMatchObject({ endpoints: ["gamma", "alpha"], expiresAt: new Date("2998-06-30T00:00:00Z") });
    await edit({ endpoints: ["alpha"], expiry: "never" });
    expect(await view()).toMatchObject({ name: "backend", endpoints: ["alpha"], expiresAt: null });
  });

  it("reports every field error at once and changes nothing", async () => {
    const before = await view();
    expect(fieldErrors(await edit({ name: "", expiry: "date", endpoints: [] }))).toEqual({
      name: "Must not be empty",
      expiresAt: NO_DATE_PICKED,
      endpoints: NO_ENDPOINT_TICKED,
    });
    expect(fieldErrors(await edit({ name: "x".repeat(101), expiry: "date", expiresAt: "2020-01-01", endpoints: ["alpha"] }))).toEqual({
      name: "Must be at most 100 characters",
      expiresAt: "Must be in the future",
    });
    expect(fieldErrors(await edit({ expiry: "date", expiresAt: "31/12/2030", endpoints: ["alpha"] })).expiresAt).toMatch(/ISO 8601/);
    // A name ticked on a page loaded before the endpoint was renamed: named by its position.
    await updateEndpoint(admin, "beta", { name: "beta-2" });
    expect(fieldErrors(await edit({ endpoints: ["alpha", "beta"] }))).toEqual({
      "endpoints.1": "Endpoint 'beta' no longer exists (renamed or deleted): reload the page.",
    });
    expect(await view()).toEqual(before);
  });

  it("an expired token: keep leaves its past date alone, never or a new date revives it", async () => {
    await api.db.apiToken.update({ where: { id: tokenId }, data: { expiresAt: new Date("2020-01-01T00:00:00Z") } });
    expect(await edit({ name: "renamed while expired", endpoints: ["alpha"] })).toMatchObject({ status: "ok" });
    expect(await view()).toMatchObject({ name: "renamed while expired", expiresAt: new Date("2020-01-01T00:00:00Z") });
    expect(fieldErrors(await edit({ expiry: "date", expiresAt: "2020-01-01", endpoints: ["alpha"] }))).toEqual({ expiresAt: "Must be in the future" });
    await edit({ expiry: "never", endpoints: ["alpha"] });
    expect((await view()).expiresAt).toBeNull();
  });

  it("nothing ticked is an error, except for a token whose endpoints were all deleted: it stays restricted to none", async () => {
    const orphanId = (await createTeamToken(admin, teamId, { name: "orphan", endpoints: ["gamma"] })).id;
    await deleteEndpoint(admin, "gamma");
    expect((await view(orphanId)).endpoints).toEqual([]);
    expect(await edit({ name: "orphan v2", endpoints: [] }, orphanId)).toMatchObject({ status: "ok" });
    expect(await view(orphanId)).toMatchObject({ name: "orphan v2", endpoints: [] });
    expect(fieldErrors(await edit({ endpoints: [] }))).toEqual({ endpoints: NO_ENDPOINT_TICKED });
    await edit({ name: "orphan v2", endpoints: ["alpha"] }, orphanId);
    expect((await view(orphanId)).endpoints).toEqual(["alpha"]);
  });

  it("members edit their own teams' tokens; other teams' and revoked tokens are refused", async () => {
    session.actor = member;
    expect(await edit({ name: "by a member", endpoints: ["alpha"] })).toMatchObject({ status: "ok" });
    expect((await view()).name).toBe("by a member");
    session.actor = outsider;
    expect(await edit({ name: "by an outsider", endpoints: ["alpha"] })).toEqual({ status: "error", message: `Team '${teamId}' not found.` });
    // Also when the form needs the token to read "nothing ticked".
    expect(await edit({ name: "by an outsider", endpoints: [] })).toEqual({ status: "error", message: `Team '${teamId}' not found.` });
    expect((await view()).name).toBe("by a member");
    session.actor = admin;
    expect(await edit({ endpoints: ["alpha"] }, "no-such-token")).toEqual({ status: "error", message: "Token 'no-such-token' not found in this team." });

    await revokeTeamToken(admin, teamId, tokenId);
    const revoked = await edit({ name: "after revocation", endpointsMode: "all" });
    expect(revoked).toEqual({ status: "error", message: "Token 'by a member' is revoked; create a new token instead." });
    expect(await view()).toMatchObject({ name: "by a member", endpoints: ["alpha"] });
  });
});
