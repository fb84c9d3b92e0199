import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as endpoints from "@/app/api/v1/endpoints/route";
import * as secrets from "@/app/api/v1/secrets/route";
import * as teams from "@/app/api/v1/teams/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as members from "@/app/api/v1/teams/[id]/members/route";
import * as member from "@/app/api/v1/teams/[id]/members/[userId]/route";
import * as tokens from "@/app/api/v1/teams/[id]/tokens/route";
import * as token from "@/app/api/v1/teams/[id]/tokens/[tokenId]/route";
import * as users from "@/app/api/v1/users/route";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe.each(TEST_DATABASES)("admin API: teams, members, team tokens (%s)", (kind) => {
  const api = useAdminApi(kind);
  let teamId = "";
  let userId = "";
  let fullToken = "";
  let tokenId = "";

  it("team CRUD with 409 on duplicates and 404 for unknown teams", async () => {
    const created = await call(teams.POST, "POST", "/api/v1/teams", { token: api.token, body: { name: "  Search  " } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Search", memberCount: 0 });
    teamId = created.json.id;
    await call(teams.POST, "POST", "/x", { token: api.token, body: { name: "Ads" } });

    const dup = await call(teams.POST, "POST", "/x", { token: api.token, body: { name: "Search" } });
    expect(dup.status).toBe(409);
    expect(dup.json.error.param).toBe("name");

    const renamed = await call(team.PATCH, "PATCH", "/x", { token: api.token, params: { id: teamId }, body: { name: "Search & Ranking" } });
    expect(renamed.json.name).toBe("Search & Ranking");
    const list = await call(teams.GET, "GET", "/x", { token: api.token });
    expect(list.json.data.map((t: { name: string }) => t.name)).toEqual(["Ads", "Search & Ranking"]);
    expect((await call(team.GET, "GET", "/x", { token: api.token, params: { id: "nope" } })).status).toBe(404);
    expect((await call(teams.POST, "POST", "/x", { token: api.token, body: { name: "" } })).json.error.param).toBe("name");
  });

  it("adds and removes members", async () => {
    const user = await call(users.POST, "POST", "/x", { token: api.token, body: { email: "dev@example.com", password: "dev-password" } });
    userId = user.json.id;
    const added = await call(members.POST, "POST", "/x", { token: api.token, params: { id: teamId }, body: { userId } });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ userId, email: "dev@example.com", role: "member" });
    const again = await call(members.POST, "POST", "/x", { token: api.token, params: { id: teamId }, body: { userId } });
    expect(again.status).toBe(409);
    const ghost = await call(members.POST, "POST", "/x", { token: api.token, params: { id: teamId }, body: { userId: "ghost" } });
    expect(ghost.status).toBe(422);
    expect(ghost.json.error.param).toBe("userId");

    const list = await call(members.GET, "GET", "/x", { token: api.token, params: { id: teamId } });
    expect(list.json.data).toEqual([expect.objectContaining({ userId, email: "dev@example.com" })]);
    expect((await call(team.GET, "GET", "/x", { token: api.token, params: { id: teamId } })).json.memberCount).toBe(1);

    await call(members.POST, "POST", "/x", { token: api.token, params: { id: teamId }, body: { userId: api.adminId } });
    const removed = await call(member.DELETE, "DELETE", "/x", { token: api.token, params: { id: teamId, userId: api.adminId } });
    expect(removed.json).toEqual({ teamId, userId: api.adminId, deleted: true });
    const notMember = await call(member.DELETE, "DELETE", "/x", { token: api.token, params: { id: teamId, userId: api.adminId } });
    expect(notMember.status).toBe(404);
  });

  it("creates a team token: returned once, only its hash stored", async () => {
    const s = await call(secrets.POST, "POST", "/x", { token: api.token, body: { name: "k", provider: "openai", apiKey: "sk-0123456789abcdef" } });
    await call(endpoints.POST, "POST", "/x", {
      token: api.token,
      body: { name: "chat", kind: "chat", models: [{ provider: "openai", model: "gpt-4o", secretId: s.json.id }] },
    });
    const created = await call(tokens.POST, "POST", "/x", {
      token: api.token,
      params: { id: teamId },
      body: { name: "backend", endpoints: ["chat"], expiresAt: "2999-12-31T00:00:00Z" },
    });
    expect(created.status).toBe(201);
    fullToken = created.json.token;
    tokenId = created.json.id;
    expect(fullToken).toMatch(/^gth_[0-9A-Za-z]{43}$/);
    expect(created.json).toMatchObject({
      teamId,
      name: "backend",
      prefix: fullToken.slice(0, 12),
      endpoints: ["chat"],
      expiresAt: "2999-12-31T00:00:00.000Z",
      revokedAt: null,
      lastUsedAt: null,
    });
    const row = await api.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(row).toMatchObject({ kind: "team", hash: sha256(fullToken), teamId });
    expect(JSON.stringify(row)).not.toContain(fullToken.slice(4));

    const list = await call(tokens.GET, "GET", "/x", { token: api.token, params: { id: teamId } });
    expect(list.json.data).toEqual([
      {
        id: tokenId,
        teamId,
        name: "backend",
        prefix: fullToken.slice(0, 12),
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt: "2999-12-31T00:00:00.000Z",
        revokedAt: null,
        endpoints: ["chat"],
      },
    ]);
    expect(list.text).not.toContain(fullToken);
    const one = await call(token.GET, "GET", "/x", { token: api.token, params: { id: teamId, tokenId } });
    expect(one.json.token).toBeUndefined();
  });

  it("422 for unknown endpoints in a token restriction; 404 for another team's token", async () => {
    const bad = await call(tokens.POST, "POST", "/x", { token: api.token, params: { id: teamId }, body: { name: "x", endpoints: ["chat", "nope"] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatchObject({ param: "endpoints.1", code: "endpoint_not_found" });
    const other = (await api.db.team.findUniqueOrThrow({ where: { name: "Ads" } })).id;
    const wrongTeam = await call(token.DELETE, "DELETE", "/x", { token: api.token, params: { id: other, tokenId } });
    expect(wrongTeam.status).toBe(404);
    expect((await api.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).revokedAt).toBeNull();
  });

  it("revokes a team token (DELETE), keeping it listed", async () => {
    const res = await call(token.DELETE, "DELETE", "/x", { token: api.token, params: { id: teamId, tokenId } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: tokenId, revokedAt: expect.any(String) });
    const list = await call(tokens.GET, "GET", "/x", { token: api.token, params: { id: teamId } });
    expect(list.json.data[0].revokedAt).toBe(res.json.revokedAt);
  });

  it("deleting a team removes its tokens and memberships", async () => {
    const del = await call(team.DELETE, "DELETE", "/x", { token: api.token, params: { id: teamId } });
    expect(del.json).toEqual({ id: teamId, deleted: true });
    expect(await api.db.apiToken.count({ where: { teamId } })).toBe(0);
    expect(await api.db.teamMember.count({ where: { teamId } })).toBe(0);
    expect(await api.db.user.count({ where: { id: userId } })).toBe(1);
    expect((await call(tokens.GET, "GET", "/x", { token: api.token, params: { id: teamId } })).status).toBe(404);
  });
});
