import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as adminTokens from "@/app/api/v1/admin-tokens/route";
import * as adminToken from "@/app/api/v1/admin-tokens/[id]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as secrets from "@/app/api/v1/secrets/route";
import * as teams from "@/app/api/v1/teams/route";
import * as teamTokens from "@/app/api/v1/teams/[id]/tokens/route";
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ensureInitialAdmin } from "@/lib/users/bootstrap";
import { call, TEST_ADMIN, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe.each(TEST_DATABASES)("admin API: authentication and admin tokens (%s)", (kind) => {
  const api = useAdminApi(kind);
  const list = (token?: string, headers?: Record<string, string>) =>
    call(secrets.GET, "GET", "/api/v1/secrets", { token, headers });

  it("the initial admin token works and is stored only as its hash", async () => {
    expect((await list(api.token)).status).toBe(200);
    const row = await api.db.apiToken.findUniqueOrThrow({ where: { hash: sha256(api.token) } });
    expect(row).toMatchObject({ kind: "admin", prefix: api.token.slice(0, 12), createdById: api.adminId });
    expect(JSON.stringify(await api.db.apiToken.findMany())).not.toContain(api.token);
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it("ensureInitialAdmin is idempotent and leaves an existing admin alone", async () => {
    const env = {
      GATEHOUSE_INIT_ADMIN_EMAIL: TEST_ADMIN.email.toUpperCase(),
      GATEHOUSE_INIT_ADMIN_PASSWORD: "a-different-password",
      GATEHOUSE_INIT_ADMIN_TOKEN: api.token,
    };
    expect(await ensureInitialAdmin(env)).toEqual({ userCreated: false, tokenCreated: false });
    expect(await api.db.user.count()).toBe(1);
    expect(await api.db.apiToken.count({ where: { kind: "admin" } })).toBe(1);
    await expect(ensureInitialAdmin({ GATEHOUSE_INIT_ADMIN_EMAIL: "x@y.z" })).rejects.toThrow(/must be set together/);
    await expect(ensureInitialAdmin({ GATEHOUSE_INIT_ADMIN_TOKEN: "short" })).rejects.toThrow(/at least 20 characters/);
  });

  it("401 without credentials, with a malformed header, or an unknown token", async () => {
    const none = await list();
    expect(none.status).toBe(401);
    expect(none.json.error).toMatchObject({ type: "authentication_error", code: "missing_credentials" });
    expect(none.json.error.message).toMatch(/Authorization: Bearer/);

    const basic = await list(undefined, { authorization: "Basic YWRtaW46YWRtaW4=" });
    expect(basic.status).toBe(401);
    expect(basic.json.error.message).toMatch(/Malformed Authorization header/);

    const unknown = await list("gha_" + "x".repeat(43));
    expect(unknown.status).toBe(401);
    expect(unknown.json.error).toEqual({ message: "Invalid API token.", type: "authentication_error", code: "invalid_api_key" });
    expect((await list("sk-not-ours")).json.error.message).toMatch(/Admin API tokens start with gha_/);
  });

  it("403 for a team token, saying team tokens are for the gateway", async () => {
    const team = await call(teams.POST, "POST", "/api/v1/teams", { token: api.token, body: { name: "auth-team" } });
    const created = await call(teamTokens.POST, "POST", "/x", { token: api.token, params: { id: team.json.id }, body: { name: "t" } });
    const res = await list(created.json.token);
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ type: "permission_error", code: "team_token_not_allowed" });
    expect(res.json.error.message).toMatch(/only call the gateway at \/gateway\/mlflow\/v1/);
  });

  it("creates an admin token: shown once, hash stored, usable, then revoked → 401", async () => {
    const created = await call(adminTokens.POST, "POST", "/api/v1/admin-tokens", { token: api.token, body: { name: "ci" } });
    expect(created.status).toBe(201);
    const { token, id, prefix } = created.json;
    expect(token).toMatch(/^gha_[0-9A-Za-z]{43}$/);
    expect(prefix).toBe(token.slice(0, 12));
    // Made with the initial admin's token, so it acts for the initial admin too.
    expect(created.json).toMatchObject({ name: "ci", revokedAt: null, expiresAt: null, createdById: api.adminId });
    const row = await api.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.hash).toBe(sha256(token));

    const listed = await call(adminTokens.GET, "GET", "/api/v1/admin-tokens", { token });
    expect(listed.status).toBe(200);
    expect(listed.json.data.map((t: { id: string }) => t.id)).toContain(id);
    expect(listed.text).not.toContain(token);
    expect(listed.text).not.toContain(api.token);
    expect(listed.text).not.toMatch(/"hash"/);

    const one = await call(adminToken.GET, "GET", "/x", { token, params: { id } });
    expect(one.json).toMatchObject({ id, name: "ci", prefix });
    expect(one.json.token).toBeUndefined();

    const revoked = await call(adminToken.DELETE, "DELETE", "/x", { token: api.token, params: { id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toEqual(expect.any(String));
    const again = await call(adminToken.DELETE, "DELETE", "/x", { token: api.token, params: { id } });
    expect(again.json.revokedAt).toBe(revoked.json.revokedAt);

    const denied = await list(token);
    expect(denied.status).toBe(401);
    expect(denied.json.error).toMatchObject({ code: "token_revoked", message: "This API token has been revoked." });
  });

  it("an expired admin token → 401 token_expired", async () => {
    const created = await call(adminTokens.POST, "POST", "/x", {
      token: api.token,
      body: { name: "short-lived", expiresAt: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(created.status).toBe(201);
    expect(created.json.expiresAt).toEqual(expect.any(String));
    expect((await list(created.json.token)).status).toBe(200);
    await api.db.apiToken.update({ where: { id: created.json.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await list(created.json.token);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("token_expired");
  });

  it("422 for a past expiry, 404 for unknown admin tokens", async () => {
    const past = await call(adminTokens.POST, "POST", "/x", { token: api.token, body: { name: "x", expiresAt: "2000-01-01" } });
    expect(past.status).toBe(422);
    expect(past.json.error.param).toBe("expiresAt");
    const missing = await call(adminToken.DELETE, "DELETE", "/x", { token: api.token, params: { id: "nope" } });
    expect(missing.status).toBe(404);
  });

  it("413 for bodies over 1 MiB, 422 for an empty body missing required fields", async () => {
    const big = await call(teams.POST, "POST", "/x", { token: api.token, rawBody: JSON.stringify({ name: "x".repeat(1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe("body_too_large");
    const empty = await call(teams.POST, "POST", "/x", { token: api.token, rawBody: "" });
    expect(empty.status).toBe(422);
    expect(empty.json.error).toMatchObject({ param: "name", message: "name is required" });
    const array = await call(teams.POST, "POST", "/x", { token: api.token, body: ["x"] });
    expect(array.status).toBe(422);
  });

  it("the wrapper parses the query string with its schema (422 naming the parameter)", async () => {
    const handler = apiRoute({ query: z.strictObject({ limit: z.coerce.number().int().max(5) }) }, ({ query, actor }) => ({ query, actor }));
    const ok = await call(handler, "GET", "/x?limit=3", { token: api.token });
    expect(ok.json.query).toEqual({ limit: 3 });
    expect(ok.json.actor).toMatchObject({ kind: "admin-token" });
    const bad = await call(handler, "GET", "/x?limit=9", { token: api.token });
    expect(bad.status).toBe(422);
    expect(bad.json.error.param).toBe("limit");
    // An empty parameter is absent: the default applies, an optional one stays unset.
    const withDefaults = apiRoute(
      { query: z.strictObject({ limit: z.coerce.number().int().min(1).default(50), cursor: z.string().min(1).optional() }) },
      ({ query }) => ({ query }),
    );
    const empty = await call(withDefaults, "GET", "/x?limit=&cursor=", { token: api.token });
    expect(empty.status).toBe(200);
    expect(empty.json.query).toEqual({ limit: 50 });
  });

  it("serves an OpenAPI 3.1 document generated from the schemas", async () => {
    const res = await openapi.GET();
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/secrets", "/secrets/{id}/rotate", "/endpoints/{id}", "/teams/{id}/tokens/{tokenId}", "/users/{id}", "/admin-tokens/{id}"]),
    );
    expect(doc.paths["/secrets"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/CreateSecret" });
    expect(doc.components.schemas.CreateSecret.required).toEqual(["name", "provider"]);
    expect(doc.components.schemas.CreateEndpoint.properties.name.pattern).toBe("^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$");
    expect(doc.components.schemas.Secret.properties).not.toHaveProperty("apiKey");
    expect(doc.paths["/teams/{id}/tokens/{tokenId}"].delete.parameters.map((p: { name: string }) => p.name)).toEqual(["id", "tokenId"]);
    // GET list / GET one / PATCH / DELETE on tokens and members.
    const bodyOf = (p: string, method: string) => doc.paths[p][method].requestBody.content["application/json"].schema;
    const okOf = (p: string, method: string) => doc.paths[p][method].responses["200"].content["application/json"].schema;
    expect(Object.keys(doc.paths["/teams/{id}/tokens/{tokenId}"])).toEqual(["get", "patch", "delete"]);
    expect(Object.keys(doc.paths["/admin-tokens/{id}"])).toEqual(["get", "patch", "delete"]);
    expect(Object.keys(doc.paths["/teams/{id}/members/{userId}"])).toEqual(["get", "delete"]);
    expect(bodyOf("/teams/{id}/tokens/{tokenId}", "patch")).toEqual({ $ref: "#/components/schemas/UpdateTeamToken" });
    expect(okOf("/teams/{id}/tokens/{tokenId}", "patch")).toEqual({ $ref: "#/components/schemas/TeamToken" });
    expect(bodyOf("/admin-tokens/{id}", "patch")).toEqual({ $ref: "#/components/schemas/UpdateAdminToken" });
    expect(okOf("/admin-tokens/{id}", "patch")).toEqual({ $ref: "#/components/schemas/AdminToken" });
    expect(okOf("/teams/{id}/members/{userId}", "get")).toEqual({ $ref: "#/components/schemas/TeamMember" });
    expect(doc.paths["/teams/{id}/members/{userId}"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["id", "userId"]);
    for (const code of ["404", "422"]) {
      expect(doc.paths["/teams/{id}/tokens/{tokenId}"].patch.responses[code].content["application/json"].schema).toEqual({
        $ref: "#/components/schemas/Error",
      });
    }
    const updateTeamToken = doc.components.schemas.UpdateTeamToken;
    expect(Object.keys(updateTeamToken.properties)).toEqual(["name", "expiresAt", "endpoints"]);
    expect(updateTeamToken.required ?? []).toEqual([]);
    expect(updateTeamToken.additionalProperties).toBe(false);
    expect(Object.keys(doc.components.schemas.UpdateAdminToken.properties)).toEqual(["name", "expiresAt"]);
    expect(doc.components.schemas.TeamToken.properties).not.toHaveProperty("token");
  });
});
