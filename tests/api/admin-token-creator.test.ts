// Admin API tokens act for the user who created them: demoting, disabling or deleting that user
// stops the token (401), including tokens minted with it; a token without a creator (the unattended
// GATEHOUSE_INIT_ADMIN_TOKEN alone) depends on no user.

import { describe, expect, it } from "vitest";
import * as adminTokens from "@/app/api/v1/admin-tokens/route";
import * as secrets from "@/app/api/v1/secrets/route";
import * as teams from "@/app/api/v1/teams/route";
import * as teamTokens from "@/app/api/v1/teams/[id]/tokens/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import { ensureInitialAdmin } from "@/lib/users/bootstrap";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

describe.each(TEST_DATABASES)("admin API: admin tokens follow their creator's admin role (%s)", (kind) => {
  const api = useAdminApi(kind);
  const list = (token: string) => call(secrets.GET, "GET", "/api/v1/secrets", { token });
  const patchUser = (id: string, body: unknown) => call(user.PATCH, "PATCH", `/api/v1/users/${id}`, { token: api.token, body, params: { id } });

  /** A second admin with a token created in the console (a user actor) and one minted with that token. */
  async function adminWithTokens(email: string) {
    const created = await call(users.POST, "POST", "/api/v1/users", { token: api.token, body: { email, password: "password-123", role: "admin" } });
    expect(created.status).toBe(201);
    const id: string = created.json.id;
    const own = await createAdminToken({ kind: "user", userId: id, role: "admin" }, { name: `${email} console` });
    expect(own.createdById).toBe(id);
    const minted = await call(adminTokens.POST, "POST", "/api/v1/admin-tokens", { token: own.token, body: { name: `${email} ci` } });
    expect(minted.status).toBe(201);
    expect(minted.json.createdById).toBe(id);
    return { id, tokens: [own.token, minted.json.token as string] };
  }

  it("records the token's creator on what the token creates (a team token)", async () => {
    const { id, tokens } = await adminWithTokens("recorder@example.test");
    const team = await call(teams.POST, "POST", "/api/v1/teams", { token: tokens[1], body: { name: "recorded-team" } });
    expect(team.status).toBe(201);
    const created = await call(teamTokens.POST, "POST", "/x", { token: tokens[1], params: { id: team.json.id }, body: { name: "svc" } });
    expect(created.status).toBe(201);
    expect((await api.db.apiToken.findUniqueOrThrow({ where: { id: created.json.id } })).createdById).toBe(id);
  });

  async function expectCreatorError(token: string, why: RegExp) {
    const res = await list(token);
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ type: "authentication_error", code: "token_creator_not_admin" });
    expect(res.json.error.message).toMatch(/^This admin API token no longer works: the user who created it /);
    expect(res.json.error.message).toMatch(why);
  }

  it("a demoted creator's tokens answer 401 until the user is an admin again", async () => {
    const grace = await adminWithTokens("grace@example.com");
    for (const token of grace.tokens) expect((await list(token)).status).toBe(200);

    expect((await patchUser(grace.id, { role: "member" })).status).toBe(200);
    for (const token of grace.tokens) await expectCreatorError(token, /is no longer an admin\./);
    expect((await list(api.token)).status).toBe(200);

    expect((await patchUser(grace.id, { role: "admin" })).status).toBe(200);
    for (const token of grace.tokens) expect((await list(token)).status).toBe(200);
  });

  it("a disabled creator's tokens answer 401 while the user is disabled", async () => {
    const ada = await adminWithTokens("ada@example.com");
    expect((await patchUser(ada.id, { disabled: true })).status).toBe(200);
    for (const token of ada.tokens) await expectCreatorError(token, /is disabled\./);
    expect((await patchUser(ada.id, { disabled: false })).status).toBe(200);
    for (const token of ada.tokens) expect((await list(token)).status).toBe(200);
  });

  it("deleting the creator revokes their admin tokens", async () => {
    const linus = await adminWithTokens("linus@example.com");
    const deleted = await call(user.DELETE, "DELETE", `/api/v1/users/${linus.id}`, { token: api.token, params: { id: linus.id } });
    expect(deleted.status).toBe(200);
    for (const token of linus.tokens) {
      const res = await list(token);
      expect(res.status).toBe(401);
      expect(res.json.error).toMatchObject({ code: "token_revoked", message: "This API token has been revoked." });
    }
    const rows = await api.db.apiToken.findMany({ where: { kind: "admin", name: { startsWith: "linus@" } } });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ createdById: null, revokedAt: expect.any(Date) });
    expect((await list(api.token)).status).toBe(200);
  });

  it("a token without a creator (GATEHOUSE_INIT_ADMIN_TOKEN alone) and the tokens minted with it keep working", async () => {
    const token = `gha_unattended_${"x".repeat(24)}`;
    expect(await ensureInitialAdmin({ GATEHOUSE_INIT_ADMIN_TOKEN: token })).toEqual({ userCreated: false, tokenCreated: true });
    expect((await list(token)).status).toBe(200);
    const minted = await call(adminTokens.POST, "POST", "/api/v1/admin-tokens", { token, body: { name: "from unattended" } });
    expect(minted.json.createdById).toBeNull();
    expect((await list(minted.json.token)).status).toBe(200);
  });
});
