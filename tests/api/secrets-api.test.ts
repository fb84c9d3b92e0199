import { describe, expect, it } from "vitest";
import * as secrets from "@/app/api/v1/secrets/route";
import * as secret from "@/app/api/v1/secrets/[id]/route";
import * as rotate from "@/app/api/v1/secrets/[id]/rotate/route";
import * as endpoints from "@/app/api/v1/endpoints/route";
import { loadDecryptedSecrets, secretUsers } from "@/lib/secrets/service";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

const OPENAI_KEY = "sk-proj-PLAINTEXT-openai-0123456789-a1b2";
const NEW_KEY = "sk-proj-PLAINTEXT-rotated-9876543210-z9y8";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/PLAINTEXT/bPxRfiCYEXAMPLEKEY";

describe.each(TEST_DATABASES)("admin API: secrets (%s)", (kind) => {
  const api = useAdminApi(kind);
  const post = (body: unknown) => call(secrets.POST, "POST", "/api/v1/secrets", { token: api.token, body });

  it("creates a secret: 201 with a masked key and never the plaintext", async () => {
    const res = await post({ name: "openai-prod", provider: "openai", apiKey: OPENAI_KEY, config: { baseUrl: "https://api.example.com/v1/" } });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.any(String),
      name: "openai-prod",
      provider: "openai",
      maskedKey: "sk-...a1b2",
      config: { baseUrl: "https://api.example.com/v1" },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.text).not.toContain("PLAINTEXT");

    const row = await api.db.secret.findUniqueOrThrow({ where: { id: res.json.id } });
    expect(JSON.stringify(row)).not.toContain("PLAINTEXT");
    expect(Buffer.from(row.ciphertext, "base64").toString("latin1")).not.toContain("PLAINTEXT");
    expect(row.kekId).toMatch(/^[0-9a-f]{16}$/);
  });

  it("stores Bedrock IAM credentials encrypted and masks the access key id", async () => {
    const res = await post({
      name: "bedrock",
      provider: "bedrock",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: AWS_SECRET,
      sessionToken: "session-PLAINTEXT-token",
      config: { region: "us-west-2" },
    });
    expect(res.status).toBe(201);
    expect(res.json.maskedKey).toBe("AKI...MPLE");
    expect(res.text).not.toContain("PLAINTEXT");
    const loaded = (await loadDecryptedSecrets()).get(res.json.id);
    expect(loaded?.credentials).toEqual({
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: AWS_SECRET,
      sessionToken: "session-PLAINTEXT-token",
    });
    expect(loaded?.config).toEqual({ region: "us-west-2" });
  });

  it("lists, gets, renames and reconfigures without ever returning plaintext", async () => {
    const list = await call(secrets.GET, "GET", "/api/v1/secrets", { token: api.token });
    expect(list.status).toBe(200);
    expect(list.json.data.map((s: { name: string }) => s.name)).toEqual(["bedrock", "openai-prod"]);
    expect(list.text).not.toContain("PLAINTEXT");
    expect(list.text).not.toMatch(/ciphertext|wrappedKey|kekId/);

    const id = list.json.data[1].id;
    const one = await call(secret.GET, "GET", `/api/v1/secrets/${id}`, { token: api.token, params: { id } });
    expect(one.json).toMatchObject({ id, name: "openai-prod", maskedKey: "sk-...a1b2" });

    const patched = await call(secret.PATCH, "PATCH", `/api/v1/secrets/${id}`, {
      token: api.token,
      params: { id },
      body: { name: "openai-main", config: { baseUrl: "http://127.0.0.1:9999/v1", organization: "org-1" } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: "openai-main", config: { baseUrl: "http://127.0.0.1:9999/v1", organization: "org-1" } });
    expect((await loadDecryptedSecrets()).get(id)?.credentials).toEqual({ apiKey: OPENAI_KEY });
  });

  it("rotates credentials: new mask, new ciphertext, new plaintext for the gateway", async () => {
    const id = (await api.db.secret.findUniqueOrThrow({ where: { name: "openai-main" } })).id;
    const before = await api.db.secret.findUniqueOrThrow({ where: { id } });
    const res = await call(rotate.POST, "POST", `/api/v1/secrets/${id}/rotate`, { token: api.token, params: { id }, body: { apiKey: NEW_KEY } });
    expect(res.status).toBe(200);
    expect(res.json.maskedKey).toBe("sk-...z9y8");
    expect(res.text).not.toContain("PLAINTEXT");
    const after = await api.db.secret.findUniqueOrThrow({ where: { id } });
    expect(after.ciphertext).not.toBe(before.ciphertext);
    expect(after.wrappedKey).not.toBe(before.wrappedKey);
    expect((await loadDecryptedSecrets()).get(id)?.credentials).toEqual({ apiKey: NEW_KEY });

    const wrongShape = await call(rotate.POST, "POST", `/api/v1/secrets/${id}/rotate`, {
      token: api.token,
      params: { id },
      body: { accessKeyId: "AKIA", secretAccessKey: "x" },
    });
    expect(wrongShape.status).toBe(422);
    expect(wrongShape.json.error).toEqual({
      message: "API key is required for OpenAI keys",
      type: "invalid_request_error",
      code: "invalid_value",
      param: "apiKey",
    });
  });

  it("answers 400 for malformed JSON and 422 naming the field", async () => {
    const bad = await call(secrets.POST, "POST", "/api/v1/secrets", { token: api.token, rawBody: '{"name": "x",' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ type: "invalid_request_error", code: "invalid_json" });
    expect(bad.json.error.message).toMatch(/^Malformed JSON body/);

    const noRegion = await post({ name: "b2", provider: "bedrock", accessKeyId: "AKIAX", secretAccessKey: "y" });
    expect(noRegion.status).toBe(422);
    expect(noRegion.json.error).toEqual({
      message: "config.region: Region is required for AWS Bedrock keys",
      type: "invalid_request_error",
      code: "validation_error",
      param: "config.region",
    });

    const badUrl = await post({ name: "x", provider: "openai", apiKey: "k", config: { baseUrl: "ftp://x" } });
    expect(badUrl.json.error.param).toBe("config.baseUrl");

    const id = (await api.db.secret.findUniqueOrThrow({ where: { name: "bedrock" } })).id;
    const patchBad = await call(secret.PATCH, "PATCH", `/api/v1/secrets/${id}`, { token: api.token, params: { id }, body: { config: {} } });
    expect(patchBad.status).toBe(422);
    expect(patchBad.json.error.param).toBe("config.region");
  });

  it("409 on a duplicate name (create and rename)", async () => {
    const dup = await post({ name: "bedrock", provider: "openai", apiKey: "sk-1234567890" });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ type: "conflict_error", code: "already_exists", param: "name" });
    expect(dup.json.error.message).toBe("A provider key named 'bedrock' already exists.");
    const id = (await api.db.secret.findUniqueOrThrow({ where: { name: "openai-main" } })).id;
    const rename = await call(secret.PATCH, "PATCH", "/x", { token: api.token, params: { id }, body: { name: "bedrock" } });
    expect(rename.status).toBe(409);
  });

  it("404 for an unknown id", async () => {
    for (const [handler, method] of [
      [secret.GET, "GET"],
      [secret.PATCH, "PATCH"],
      [secret.DELETE, "DELETE"],
    ] as const) {
      const res = await call(handler, method, "/api/v1/secrets/nope", { token: api.token, params: { id: "nope" }, body: method === "PATCH" ? {} : undefined });
      expect(res.status).toBe(404);
      expect(res.json.error).toMatchObject({ type: "not_found_error", code: "not_found", message: "Secret 'nope' not found." });
    }
    const res = await call(rotate.POST, "POST", "/x", { token: api.token, params: { id: "nope" }, body: { apiKey: "k" } });
    expect(res.status).toBe(404);
  });

  it("409 deleting a secret in use, naming the endpoints; deletes once unused", async () => {
    const s = await post({ name: "in-use", provider: "anthropic", apiKey: "sk-ant-PLAINTEXT-000000" });
    for (const name of ["claude-b", "claude-a"]) {
      const e = await call(endpoints.POST, "POST", "/api/v1/endpoints", {
        token: api.token,
        body: { name, kind: "chat", models: [{ provider: "anthropic", model: "claude-sonnet-4-5", secretId: s.json.id }] },
      });
      expect(e.status).toBe(201);
    }
    // The key's console page lists them.
    const admin = { kind: "user" as const, userId: api.adminId, role: "admin" as const };
    expect((await secretUsers(admin, s.json.id)).map((e) => e.name)).toEqual(["claude-a", "claude-b"]);
    const del = await call(secret.DELETE, "DELETE", "/x", { token: api.token, params: { id: s.json.id } });
    expect(del.status).toBe(409);
    expect(del.json.error).toMatchObject({ code: "secret_in_use", type: "conflict_error" });
    expect(del.json.error.message).toBe("Provider key 'in-use' is used by endpoints 'claude-a', 'claude-b'; remove it from them first.");

    await api.db.endpoint.deleteMany({ where: { name: { in: ["claude-a", "claude-b"] } } });
    expect(await secretUsers(admin, s.json.id)).toEqual([]);
    const ok = await call(secret.DELETE, "DELETE", "/x", { token: api.token, params: { id: s.json.id } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ id: s.json.id, deleted: true });
    expect(await api.db.secret.findUnique({ where: { id: s.json.id } })).toBeNull();
  });

  it("a ciphertext copied onto another row does not decrypt (the gateway gets an error, not the wrong key)", async () => {
    const a = await post({ name: "copy-a", provider: "openai", apiKey: "sk-PLAINTEXT-aaaaaaaaaa" });
    const b = await post({ name: "copy-b", provider: "openai", apiKey: "sk-PLAINTEXT-bbbbbbbbbb" });
    const rowA = await api.db.secret.findUniqueOrThrow({ where: { id: a.json.id } });
    await api.db.secret.update({ where: { id: b.json.id }, data: { ciphertext: rowA.ciphertext, wrappedKey: rowA.wrappedKey } });
    const loaded = await loadDecryptedSecrets();
    expect(loaded.get(a.json.id)?.credentials).toEqual({ apiKey: "sk-PLAINTEXT-aaaaaaaaaa" });
    expect(loaded.get(b.json.id)?.credentials).toBeUndefined();
    expect(loaded.get(b.json.id)?.error).toMatch(/failed authentication/);
  });
});
