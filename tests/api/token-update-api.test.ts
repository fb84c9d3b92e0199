// PATCH on team tokens and admin tokens, GET on one team member (SQLite and PostgreSQL, through the
// real route handlers): changes name / expiry / endpoints, never returns or changes the secret,
// never un-revokes; 404 for unknown ids, 422 naming the field, the API's error shape.

import { describe, expect, it } from "vitest";
import * as adminTokens from "@/app/api/v1/admin-tokens/route";
import * as adminToken from "@/app/api/v1/admin-tokens/[id]/route";
import * as members from "@/app/api/v1/teams/[id]/members/route";
import * as member from "@/app/api/v1/teams/[id]/members/[userId]/route";
import * as tokens from "@/app/api/v1/teams/[id]/tokens/route";
import * as token from "@/app/api/v1/teams/[id]/tokens/[tokenId]/route";
import * as secrets from "@/app/api/v1/secrets/route";
import type { Actor } from "@/lib/auth/actor";
import { adminTokenSchema, teamTokenSchema } from "@/lib/auth/token-schemas";
import { createEndpoint } from "@/lib/endpoints/service";
import { addMember, createTeam, getMember } from "@/lib/teams/service";
import { createTeamToken, updateTeamToken } from "@/lib/teams/tokens";
import { teamMemberSchema } from "@/lib/teams/schemas";
import { createUser } from "@/lib/users/service";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

describe.each(TEST_DATABASES)("admin API: PATCH tokens, GET one member (%s)", (kind) => {
  const api = useAdminApi(kind);
  const admin = (): Actor => ({ kind: "user", userId: api.adminId, role: "admin" });
  let teamId = "";
  let otherTeamId = "";
  const endpointIds: Record<string, string> = {};
  let tokenId = "";
  let fullToken = "";
  const patchToken = (body: unknown, params: Record<string, string> = { id: teamId, tokenId }) =>
    call(token.PATCH, "PATCH", "/x", { token: api.token, params, body });

  it("setup", async () => {
    const s = await call(secrets.POST, "POST", "/x", { token: api.token, body: { name: "k", provider: "openai", apiKey: "sk-0123456789abcdef" } });
    for (const name of ["alpha", "beta"]) {
      endpointIds[name] = (
        await createEndpoint(admin(), { name, kind: "chat", models: [{ provider: "openai", model: "gpt-4o", secretId: s.json.id }] })
      ).id;
    }
    teamId = (await createTeam(admin(), { name: "search" })).id;
    otherTeamId = (await createTeam(admin(), { name: "ads" })).id;
    const created = await call(tokens.POST, "POST", "/x", {
      token: api.token,
      params: { id: teamId },
      body: { name: "backend", endpoints: ["alpha", "beta"], expiresAt: "2999-12-31T00:00:00Z" },
    });
    tokenId = created.json.id;
    fullToken = created.json.token;
  });

  it("PATCH a team token: name, expiry and endpoints; the secret is never returned nor changed", async () => {
    const before = await api.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    const res = await patchToken({ name: "  backend v2 ", expiresAt: null, endpoints: ["beta", "beta"] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: tokenId,
      teamId,
      name: "backend v2",
      prefix: fullToken.slice(0, 12),
      createdAt: before.createdAt.toISOString(),
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
      endpoints: ["beta"],
    });
    expect(teamTokenSchema.strict().safeParse(res.json).error).toBeUndefined();
    expect(res.text).not.toContain(fullToken.slice(4, 16));
    expect(res.text).not.toContain(before.hash);
    const row = await api.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(row).toMatchObject({ hash: before.hash, prefix: before.prefix, endpoints: [endpointIds.beta], expiresAt: null });

    // Only what is sent changes; null endpoints = all endpoints again.
    const expiry = await patchToken({ expiresAt: "2998-01-31" });
    expect(expiry.json).toMatchObject({ name: "backend v2", expiresAt: "2998-01-31T00:00:00.000Z", endpoints: ["beta"] });
    const all = await patchToken({ endpoints: null });
    expect(all.json).toMatchObject({ expiresAt: "2998-01-31T00:00:00.000Z", endpoints: null });
    expect((await api.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).endpoints).toBeNull();
    const noop = await patchToken({});
    expect(noop.status).toBe(200);
    expect(noop.json).toEqual(all.json);
    const one = await call(token.GET, "GET", "/x", { token: api.token, params: { id: teamId, tokenId } });
    expect(one.json).toEqual(all.json);
  });

  it("422 names the invalid field of a team token PATCH; nothing changes", async () => {
    const cases: [unknown, string, string?][] = [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ expiresAt: "2001-01-01" }, "expiresAt"],
      [{ expiresAt: "tomorrow" }, "expiresAt"],
      [{ endpoints: [] }, "endpoints"],
      [{ endpoints: ["not a name!"] }, "endpoints.0"],
      [{ endpoints: ["alpha", "nope"] }, "endpoints.1", "endpoint_not_found"],
      [{ revokedAt: null }, "revokedAt"],
      [{ token: "gth_x" }, "token"],
    ];
    for (const [body, param, code] of cases) {
      const res = await patchToken(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error).toMatchObject({ type: "invalid_request_error", param, code: code ?? "validation_error" });
      expect(res.json.error.message).toEqual(expect.any(String));
    }
    expect(await api.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).toMatchObject({ name: "backend v2", endpoints: null });
  });

  it("404 for an unknown token, another team's token or an unknown team", async () => {
    for (const params of [
      { id: teamId, tokenId: "nope" },
      { id: otherTeamId, tokenId },
      { id: "nope", tokenId },
    ]) {
      const res = await patchToken({ name: "x" }, params);
      expect(res.status).toBe(404);
      expect(res.json.error).toMatchObject({ type: "not_found_error", code: "not_found" });
    }
    const admins = await call(adminTokens.GET, "GET", "/x", { token: api.token });
    const adminId = admins.json.data[0].id;
    expect((await patchToken({ name: "x" }, { id: teamId, tokenId: adminId })).status).toBe(404);
  });

  it("a revoked team token cannot be changed, nor un-revoked", async () => {
    const { id } = await createTeamToken(admin(), teamId, { name: "short-lived" });
    const revoked = await call(token.DELETE, "DELETE", "/x", { token: api.token, params: { id: teamId, tokenId: id } });
    const res = await patchToken({ name: "revived", expiresAt: null }, { id: teamId, tokenId: id });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ type: "conflict_error", code: "token_revoked" });
    expect((await patchToken({ revokedAt: null }, { id: teamId, tokenId: id })).status).toBe(422);
    const row = await api.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "short-lived", revokedAt: new Date(revoked.json.revokedAt) });
  });

  it("members may change the tokens of their own teams only", async () => {
    const userId = (await createUser(admin(), { email: "dev@example.com", password: "dev-password" })).id;
    await addMember(admin(), teamId, { userId });
    const dev: Actor = { kind: "user", userId, role: "member" };
    expect((await updateTeamToken(dev, teamId, tokenId, { endpoints: ["alpha"] })).endpoints).toEqual(["alpha"]);
    const foreign = await createTeamToken(admin(), otherTeamId, { name: "theirs" });
    await expect(updateTeamToken(dev, otherTeamId, foreign.id, { name: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(updateTeamToken(dev, teamId, foreign.id, { name: "x" })).rejects.toMatchObject({ status: 404 });
  });

  it("GET one team member; 404 for a non-member, an unknown user or an unknown team", async () => {
    const listed = (await call(members.GET, "GET", "/x", { token: api.token, params: { id: teamId } })).json.data;
    const userId = listed[0].userId;
    const one = await call(member.GET, "GET", "/x", { token: api.token, params: { id: teamId, userId } });
    expect(one.status).toBe(200);
    expect(one.json).toEqual(listed[0]);
    expect(one.json).toMatchObject({ email: "dev@example.com", role: "member", name: null });
    expect(teamMemberSchema.strict().safeParse(one.json).error).toBeUndefined();
    for (const params of [
      { id: teamId, userId: api.adminId },
      { id: teamId, userId: "nope" },
      { id: "nope", userId },
      { id: otherTeamId, userId },
    ]) {
      const res = await call(member.GET, "GET", "/x", { token: api.token, params });
      expect(res.status, JSON.stringify(params)).toBe(404);
      expect(res.json.error).toMatchObject({ type: "not_found_error", code: "not_found" });
    }
    // A member reads members of their own teams only (another team looks like it does not exist).
    const dev: Actor = { kind: "user", userId, role: "member" };
    expect((await getMember(dev, teamId, userId)).email).toBe("dev@example.com");
    await expect(getMember(dev, otherTeamId, api.adminId)).rejects.toMatchObject({ status: 404 });
  });

  it("PATCH an admin token: name and expiry; it keeps working and its secret is never returned", async () => {
    const created = await call(adminTokens.POST, "POST", "/x", { token: api.token, body: { name: "ci", expiresAt: "2999-01-01" } });
    const id = created.json.id;
    const patch = (body: unknown, params: Record<string, string> = { id }) =>
      call(adminToken.PATCH, "PATCH", "/x", { token: api.token, params, body });
    const res = await patch({ name: "ci (nightly)", expiresAt: "2998-06-30T12:00:00+02:00" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...created.json, token: undefined, name: "ci (nightly)", expiresAt: "2998-06-30T10:00:00.000Z" });
    expect(adminTokenSchema.strict().safeParse(res.json).error).toBeUndefined();
    expect(res.text).not.toContain(created.json.token.slice(4, 16));
    expect((await patch({ expiresAt: null })).json).toMatchObject({ name: "ci (nightly)", expiresAt: null });
    expect((await patch({})).json).toMatchObject({ name: "ci (nightly)", expiresAt: null });
    expect((await call(adminTokens.GET, "GET", "/x", { token: created.json.token })).status).toBe(200);

    for (const [body, param] of [
      [{ name: " " }, "name"],
      [{ expiresAt: "2001-01-01T00:00:00Z" }, "expiresAt"],
      [{ revokedAt: null }, "revokedAt"],
      [{ createdById: null }, "createdById"],
    ] as const) {
      const bad = await patch(body);
      expect(bad.status).toBe(422);
      expect(bad.json.error).toMatchObject({ type: "invalid_request_error", code: "validation_error", param });
    }
    for (const params of [{ id: "nope" }, { id: tokenId }]) {
      const missing = await patch({ name: "x" }, params);
      expect(missing.status).toBe(404);
      expect(missing.json.error).toMatchObject({ type: "not_found_error", code: "not_found" });
    }

    await call(adminToken.DELETE, "DELETE", "/x", { token: api.token, params: { id } });
    const revoked = await patch({ expiresAt: null });
    expect(revoked.status).toBe(409);
    expect(revoked.json.error.code).toBe("token_revoked");
    expect((await call(adminTokens.GET, "GET", "/x", { token: created.json.token })).status).toBe(401);
  });
});
