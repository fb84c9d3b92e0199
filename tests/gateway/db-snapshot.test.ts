// The gateway serving from the real database (SQLite and PostgreSQL): config created through the
// services, an in-process change visible on the very next request, a change made by another
// process (only the version row bumped) picked up by the 1 s poll, and batched token last-use times.

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { createEndpoint, updateEndpoint } from "../../lib/endpoints/service";
import { setSnapshotSource, flushTokenTouches } from "../../lib/gateway/snapshot";
import { dbSnapshotSource } from "../../lib/gateway/snapshot-db";
import { createSecret } from "../../lib/secrets/service";
import { createTeam } from "../../lib/teams/service";
import { createTeamToken, revokeTeamToken } from "../../lib/teams/tokens";
import { OpenAiFake } from "../fakes/openai";
import { useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";
import { startGateway, type TestGateway } from "../helpers/gateway";

describe.each(TEST_DATABASES)("gateway snapshot from the database (%s)", (kind) => {
  const api = useAdminApi(kind);
  let gw: TestGateway;
  let fake: OpenAiFake;
  let actor: Actor;
  let teamId: string;
  const hi = [{ role: "user" as const, content: "hi" }];
  const clientFor = (token: string) => new OpenAI({ baseURL: gw.baseURL, apiKey: token, maxRetries: 0 });

  beforeAll(async () => {
    fake = await new OpenAiFake("openai", "sk-from-db").start();
    gw = await startGateway();
    setSnapshotSource(dbSnapshotSource());
    actor = { kind: "user", userId: api.adminId, role: "admin" };
    const secret = await createSecret(actor, { name: "openai", provider: "openai", apiKey: "sk-from-db", config: { baseUrl: fake.baseUrl } });
    await createEndpoint(actor, { name: "db-chat", kind: "chat", models: [{ provider: "openai", model: "gpt-4o", secretId: secret.id }] });
    teamId = (await createTeam(actor, { name: "support" })).id;
  });

  afterAll(async () => {
    await gw.close();
    await fake.close();
  });

  it("serves a token, endpoint and decrypted secret created through the services", async () => {
    const { token } = await createTeamToken(actor, teamId, { name: "bot" });
    const res = await clientFor(token).chat.completions.create({ model: "db-chat", messages: hi });
    expect(res.choices[0].message.content).toBe("echo: hi");
    expect(fake.lastRequest.headers.authorization).toBe("Bearer sk-from-db");
    expect(fake.lastRequest.body.model).toBe("gpt-4o");
  });

  it("applies in-process changes to the very next request", async () => {
    const created = await createTeamToken(actor, teamId, { name: "short-lived" });
    const client = clientFor(created.token);
    await client.chat.completions.create({ model: "db-chat", messages: hi });

    const secretId = (await api.db.endpointModel.findFirstOrThrow({ where: { endpoint: { name: "db-chat" } } })).secretId;
    await updateEndpoint(actor, "db-chat", { models: [{ provider: "openai", model: "gpt-4.1", secretId }] });
    await client.chat.completions.create({ model: "db-chat", messages: hi });
    expect(fake.lastRequest.body.model).toBe("gpt-4.1");

    await revokeTeamToken(actor, teamId, created.id);
    await expect(client.chat.completions.create({ model: "db-chat", messages: hi })).rejects.toMatchObject({ status: 401, code: "revoked_api_key" });
  });

  it("picks up another process's change within about a second (version poll)", async () => {
    const created = await createTeamToken(actor, teamId, { name: "elsewhere" });
    const client = clientFor(created.token);
    await client.chat.completions.create({ model: "db-chat", messages: hi });
    // What another process does: write, then bump the version row (no in-process listeners here).
    await api.db.apiToken.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    await api.db.configVersion.update({ where: { id: 1 }, data: { version: { increment: 1 } } });
    const started = Date.now();
    await expect
      .poll(async () => (await client.chat.completions.create({ model: "db-chat", messages: hi }).then(() => 200, (e: { status: number }) => e.status)), {
        timeout: 3_000,
        interval: 100,
      })
      .toBe(401);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("records token last-use times in batches", async () => {
    const created = await createTeamToken(actor, teamId, { name: "counted" });
    await clientFor(created.token).chat.completions.create({ model: "db-chat", messages: hi });
    expect((await api.db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeNull();
    await flushTokenTouches();
    const used = (await api.db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    expect(used).toBeInstanceOf(Date);
    expect(Date.now() - (used as Date).getTime()).toBeLessThan(60_000);
  });
});
