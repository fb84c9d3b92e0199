import { describe, expect, it } from "vitest";
import * as endpoints from "@/app/api/v1/endpoints/route";
import * as endpoint from "@/app/api/v1/endpoints/[id]/route";
import * as secrets from "@/app/api/v1/secrets/route";
import { assertEndpointNameFree } from "@/lib/endpoints/service";
import { currentConfigVersion, onConfigChanged } from "@/lib/gateway/config-version";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

describe.each(TEST_DATABASES)("admin API: endpoints (%s)", (kind) => {
  const api = useAdminApi(kind);
  const ids: Record<string, string> = {};
  const post = (body: unknown) => call(endpoints.POST, "POST", "/api/v1/endpoints", { token: api.token, body });
  const patch = (id: string, body: unknown) => call(endpoint.PATCH, "PATCH", `/api/v1/endpoints/${id}`, { token: api.token, params: { id }, body });

  it("needs secrets first", async () => {
    for (const [name, provider] of [["oa", "openai"], ["oa2", "openai"], ["an", "anthropic"]] as const) {
      const res = await call(secrets.POST, "POST", "/x", { token: api.token, body: { name, provider, apiKey: `key-${name}-0123456789` } });
      expect(res.status).toBe(201);
      ids[name] = res.json.id;
    }
  });

  it("creates an endpoint with defaults, normalised weights and fallback chain", async () => {
    const res = await post({
      name: "chat-main",
      kind: "chat",
      models: [
        { provider: "openai", model: "gpt-4o", secretId: ids.oa, weight: 3 },
        { provider: "openai", model: "gpt-4o-mini", secretId: ids.oa2, weight: 1 },
        { provider: "anthropic", model: "claude-sonnet-4-5", secretId: ids.an, fallbackOrder: 7 },
      ],
      fallbackOn: [429, 503, 429],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: "chat-main",
      kind: "chat",
      maxAttempts: 3,
      timeoutMs: 60000,
      usageTracking: true,
      capturePayloads: true,
      fallbackOn: [429, 503],
    });
    expect(res.json.models.map((m: Record<string, unknown>) => [m.model, m.secretName, m.weight, m.fallbackOrder, m.position])).toEqual([
      ["gpt-4o", "oa", 75, null, 0],
      ["gpt-4o-mini", "oa2", 25, null, 1],
      ["claude-sonnet-4-5", "an", 0, 0, 2],
    ]);
    expect(res.text).not.toContain("key-");
    ids.chat = res.json.id;
  });

  it("422 naming models.N.secretId for a missing secret or another provider's secret", async () => {
    const missing = await post({
      name: "e1",
      kind: "chat",
      models: [
        { provider: "openai", model: "m", secretId: ids.oa },
        { provider: "openai", model: "m", secretId: "does-not-exist" },
      ],
    });
    expect(missing.status).toBe(422);
    expect(missing.json.error).toMatchObject({ param: "models.1.secretId", code: "secret_not_found" });

    const mismatch = await post({ name: "e1", kind: "chat", models: [{ provider: "openai", model: "m", secretId: ids.an }] });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error).toEqual({
      message: "models.0.secretId: secret 'an' is for provider 'anthropic', but the model's provider is 'openai'",
      type: "invalid_request_error",
      code: "provider_mismatch",
      param: "models.0.secretId",
    });
    expect(await api.db.endpoint.count({ where: { name: "e1" } })).toBe(0);
  });

  it("422 naming models.N.provider for an embeddings endpoint on a provider without an embeddings API (create and update)", async () => {
    const create = await post({
      name: "embed-bad",
      kind: "embeddings",
      models: [
        { provider: "openai", model: "text-embedding-3-small", secretId: ids.oa },
        { provider: "anthropic", model: "claude-sonnet-4-5", secretId: ids.an, fallbackOrder: 0 },
      ],
    });
    expect(create.status).toBe(422);
    expect(create.json.error).toMatchObject({ param: "models.1.provider", code: "unsupported_operation" });
    expect(create.json.error.message).toContain("'anthropic' has no embeddings API");

    // Switching an existing chat endpoint with an Anthropic model to embeddings is refused alike.
    const flip = await patch(ids.chat, { kind: "embeddings" });
    expect(flip.status).toBe(422);
    expect(flip.json.error).toMatchObject({ param: "models.2.provider", code: "unsupported_operation" });
    expect((await api.db.endpoint.findUniqueOrThrow({ where: { id: ids.chat } })).kind).toBe("chat");
  });

  it("422 for invalid names and weights, 409 for a duplicate name", async () => {
    const bad = await post({ name: "has space", kind: "chat", models: [{ provider: "openai", model: "m", secretId: ids.oa }] });
    expect(bad.status).toBe(422);
    expect(bad.json.error.param).toBe("name");
    const zero = await post({ name: "z", kind: "chat", models: [{ provider: "openai", model: "m", secretId: ids.oa, weight: 0, fallbackOrder: 0 }] });
    expect(zero.json.error).toMatchObject({ param: "models", message: "models: at least one model needs a weight > 0 (the primary group)" });
    const dup = await post({ name: "chat-main", kind: "embeddings", models: [{ provider: "openai", model: "m", secretId: ids.oa }] });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: "already_exists", param: "name", message: "An endpoint named 'chat-main' already exists." });
    // The console's create form runs the same check next to the schema's.
    const admin = { kind: "user" as const, userId: api.adminId, role: "admin" as const };
    await expect(assertEndpointNameFree(admin, "chat-main")).rejects.toMatchObject({ status: 409, param: "name" });
    await expect(assertEndpointNameFree(admin, "chat-main", ids.chat)).resolves.toBeUndefined();
    await expect(assertEndpointNameFree(admin, "free-name")).resolves.toBeUndefined();
  });

  it("gets by id or by name, lists", async () => {
    const byId = await call(endpoint.GET, "GET", "/x", { token: api.token, params: { id: ids.chat } });
    const byName = await call(endpoint.GET, "GET", "/x", { token: api.token, params: { id: "chat-main" } });
    expect(byId.status).toBe(200);
    expect(byName.json).toEqual(byId.json);
    const list = await call(endpoints.GET, "GET", "/api/v1/endpoints", { token: api.token });
    expect(list.json.data.map((e: { name: string }) => e.name)).toEqual(["chat-main"]);
    expect((await call(endpoint.GET, "GET", "/x", { token: api.token, params: { id: "nope" } })).status).toBe(404);
  });

  it("update replaces the models atomically and keeps them on failure", async () => {
    const updated = await patch("chat-main", {
      name: "chat-v2",
      maxAttempts: 5,
      timeoutMs: 30000,
      capturePayloads: false,
      fallbackOn: null,
      models: [{ provider: "anthropic", model: "claude-haiku-4-5", secretId: ids.an }],
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id: ids.chat, name: "chat-v2", maxAttempts: 5, timeoutMs: 30000, capturePayloads: false, fallbackOn: null });
    expect(updated.json.models).toEqual([expect.objectContaining({ model: "claude-haiku-4-5", weight: 100, fallbackOrder: null, position: 0 })]);
    expect(await api.db.endpointModel.count({ where: { endpointId: ids.chat } })).toBe(1);

    const failing = await patch(ids.chat, { models: [{ provider: "anthropic", model: "x", secretId: "gone" }] });
    expect(failing.status).toBe(422);
    expect(failing.json.error.param).toBe("models.0.secretId");
    const after = await call(endpoint.GET, "GET", "/x", { token: api.token, params: { id: ids.chat } });
    expect(after.json.models.map((m: { model: string }) => m.model)).toEqual(["claude-haiku-4-5"]);

    const partial = await patch(ids.chat, { usageTracking: false });
    expect(partial.json).toMatchObject({ usageTracking: false, maxAttempts: 5, name: "chat-v2" });
    expect(partial.json.models).toHaveLength(1);
    expect((await patch("nope", {})).status).toBe(404);
  });

  it("every change bumps the config version and calls in-process listeners", async () => {
    const seen: number[] = [];
    const off = onConfigChanged((version) => {
      seen.push(version);
    });
    try {
      const before = await currentConfigVersion();
      expect(before).toBeGreaterThan(0);
      await patch(ids.chat, { timeoutMs: 20000 });
      const created = await post({ name: "emb", kind: "embeddings", models: [{ provider: "openai", model: "text-embedding-3-small", secretId: ids.oa }] });
      const del = await call(endpoint.DELETE, "DELETE", "/x", { token: api.token, params: { id: created.json.id } });
      expect(del.json).toEqual({ id: created.json.id, deleted: true });
      expect(seen).toEqual([before + 1, before + 2, before + 3]);
      expect(await currentConfigVersion()).toBe(before + 3);
    } finally {
      off();
    }
  });

  it("deletes by name; 404 afterwards", async () => {
    const del = await call(endpoint.DELETE, "DELETE", "/x", { token: api.token, params: { id: "chat-v2" } });
    expect(del.status).toBe(200);
    expect(await api.db.endpointModel.count()).toBe(0);
    expect((await call(endpoint.DELETE, "DELETE", "/x", { token: api.token, params: { id: "chat-v2" } })).status).toBe(404);
  });
});
