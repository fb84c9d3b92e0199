// A team token restricted to some endpoints follows those endpoints, not their names (SQLite and
// PostgreSQL, through the gateway serving from the database): renaming an endpoint keeps the
// token working under the new name, and a new endpoint that reuses a deleted one's name is not
// covered by the old restriction. The admin API keeps showing restrictions by (current) name, and
// changing a token's restriction with PATCH reaches the running gateway at once.

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as TOKEN from "../../app/api/v1/teams/[id]/tokens/[tokenId]/route";
import type { Actor } from "../../lib/auth/actor";
import { createEndpoint, deleteEndpoint, updateEndpoint } from "../../lib/endpoints/service";
import { setSnapshotSource } from "../../lib/gateway/snapshot";
import { dbSnapshotSource } from "../../lib/gateway/snapshot-db";
import { createSecret } from "../../lib/secrets/service";
import { createTeam } from "../../lib/teams/service";
import { createTeamToken, getTeamToken, listTeamTokens } from "../../lib/teams/tokens";
import { OpenAiFake } from "../fakes/openai";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";
import { startGateway, type TestGateway } from "../helpers/gateway";

describe.each(TEST_DATABASES)("team token endpoint restrictions (%s)", (kind) => {
  const api = useAdminApi(kind);
  let gw: TestGateway;
  let fake: OpenAiFake;
  let actor: Actor;
  let teamId: string;
  let secretId: string;
  const hi = [{ role: "user" as const, content: "hi" }];
  const clientFor = (token: string) => new OpenAI({ baseURL: gw.baseURL, apiKey: token, maxRetries: 0 });
  const statusOf = (token: string, model: string) =>
    clientFor(token)
      .chat.completions.create({ model, messages: hi })
      .then(
        () => 200,
        (e: { status: number }) => e.status,
      );
  const newEndpoint = (name: string) =>
    createEndpoint(actor, { name, kind: "chat", models: [{ provider: "openai", model: "gpt-4o", secretId }] });

  beforeAll(async () => {
    fake = await new OpenAiFake("openai", "sk-restrict").start();
    gw = await startGateway();
    setSnapshotSource(dbSnapshotSource());
    actor = { kind: "user", userId: api.adminId, role: "admin" };
    secretId = (await createSecret(actor, { name: "openai", provider: "openai", apiKey: "sk-restrict", config: { baseUrl: fake.baseUrl } })).id;
    teamId = (await createTeam(actor, { name: "restricted" })).id;
  });

  afterAll(async () => {
    await gw.close();
    await fake.close();
  });

  it("stores endpoint ids and shows names", async () => {
    const alpha = await newEndpoint("alpha");
    await newEndpoint("other");
    const created = await createTeamToken(actor, teamId, { name: "ids", endpoints: ["alpha", "alpha"] });
    expect(created.endpoints).toEqual(["alpha"]);
    const row = await api.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.endpoints).toEqual([alpha.id]);
    expect(await statusOf(created.token, "alpha")).toBe(200);
    expect(await statusOf(created.token, "other")).toBe(403);
  });

  it("a renamed endpoint stays allowed under its new name", async () => {
    await newEndpoint("chat-v1");
    const { id, token } = await createTeamToken(actor, teamId, { name: "follows-rename", endpoints: ["chat-v1"] });
    expect(await statusOf(token, "chat-v1")).toBe(200);

    await updateEndpoint(actor, "chat-v1", { name: "chat-v2" });
    expect(await statusOf(token, "chat-v2")).toBe(200);
    expect(await statusOf(token, "chat-v1")).toBe(404);
    expect((await getTeamToken(actor, teamId, id)).endpoints).toEqual(["chat-v2"]);
    const models = await clientFor(token).models.list();
    expect(models.data.map((m) => m.id)).toEqual(["chat-v2"]);

    // A new endpoint under the old name is a different endpoint: not covered.
    await newEndpoint("chat-v1");
    expect(await statusOf(token, "chat-v1")).toBe(403);
  });

  it("a deleted endpoint's name, reused by a new endpoint, grants nothing", async () => {
    await newEndpoint("beta");
    await newEndpoint("gamma");
    const only = await createTeamToken(actor, teamId, { name: "beta-only", endpoints: ["beta"] });
    const both = await createTeamToken(actor, teamId, { name: "beta-gamma", endpoints: ["beta", "gamma"] });
    expect(await statusOf(only.token, "beta")).toBe(200);

    await deleteEndpoint(actor, "beta");
    expect(await statusOf(only.token, "beta")).toBe(404);
    await newEndpoint("beta");
    expect(await statusOf(only.token, "beta")).toBe(403);
    expect(await statusOf(both.token, "beta")).toBe(403);
    expect(await statusOf(both.token, "gamma")).toBe(200);
    // Restricted to nothing now: still restricted (never "all"), and shown as such.
    expect(await statusOf(only.token, "alpha")).toBe(403);
    expect((await clientFor(only.token).models.list()).data).toEqual([]);
    const views = new Map((await listTeamTokens(actor, teamId)).map((t) => [t.id, t.endpoints]));
    expect(views.get(only.id)).toEqual([]);
    expect(views.get(both.id)).toEqual(["gamma"]);
  });

  it("PATCH narrowing a token's endpoints makes the gateway answer 403 for the removed one at once", async () => {
    await newEndpoint("wide-a");
    await newEndpoint("wide-b");
    const { id: tokenId, token } = await createTeamToken(actor, teamId, { name: "narrowed", endpoints: ["wide-a", "wide-b"] });
    expect(await statusOf(token, "wide-a")).toBe(200);
    expect(await statusOf(token, "wide-b")).toBe(200);
    const patch = (body: unknown) => call(TOKEN.PATCH, "PATCH", "/x", { token: api.token, params: { id: teamId, tokenId }, body });

    const narrowed = await patch({ endpoints: ["wide-a"] });
    expect(narrowed.json.endpoints).toEqual(["wide-a"]);
    expect(await statusOf(token, "wide-b")).toBe(403);
    expect(await statusOf(token, "wide-a")).toBe(200);
    expect((await clientFor(token).models.list()).data.map((m) => m.id)).toEqual(["wide-a"]);

    // null = every endpoint again; the same token (its secret never changes) keeps working.
    expect((await patch({ endpoints: null, name: "widened" })).json).toMatchObject({ name: "widened", endpoints: null });
    expect(await statusOf(token, "wide-b")).toBe(200);
    expect(await statusOf(token, "other")).toBe(200);

    // A rejected change (unknown endpoint) leaves the gateway's view untouched.
    expect((await patch({ endpoints: ["wide-b", "missing"] })).status).toBe(422);
    expect(await statusOf(token, "wide-a")).toBe(200);
  });

  it("another process's rename reaches this gateway through the version poll", async () => {
    const endpoint = await newEndpoint("delta");
    const { token } = await createTeamToken(actor, teamId, { name: "elsewhere", endpoints: ["delta"] });
    expect(await statusOf(token, "delta")).toBe(200);
    // What another process does: write, then bump the version row (no in-process listeners here).
    await api.db.endpoint.update({ where: { id: endpoint.id }, data: { name: "delta-renamed" } });
    await api.db.configVersion.update({ where: { id: 1 }, data: { version: { increment: 1 } } });
    await expect.poll(() => statusOf(token, "delta-renamed"), { timeout: 3_000, interval: 100 }).toBe(200);
  });
});
