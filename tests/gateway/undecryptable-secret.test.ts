// A provider secret the gateway cannot decrypt (its data key is wrapped under a KEK this server was
// not started with, as after `npm run kek:rotate` elsewhere) is the gateway's configuration, not an
// upstream failure and not the caller's business: the team application gets 503
// `gateway_misconfigured` with a generic message (no secret name or id, no KEK fingerprint, no
// operator instructions), nothing is sent upstream, and the trace written to SQLite / PostgreSQL keeps
// the full reason. With another target that did reach its provider, the answer keeps naming every
// target tried and why, minus the internals.

import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { encryptSecret } from "../../lib/crypto/envelope";
import { kekFingerprint, loadKeyring } from "../../lib/crypto/kek";
import { createEndpoint } from "../../lib/endpoints/service";
import { notifyConfigChanged } from "../../lib/gateway/config-version";
import { setSnapshotSource } from "../../lib/gateway/snapshot";
import { dbSnapshotSource } from "../../lib/gateway/snapshot-db";
import { createSecret } from "../../lib/secrets/service";
import { createTeam } from "../../lib/teams/service";
import { createTeamToken } from "../../lib/teams/tokens";
import { flushTracing, startTracing, stopTracing } from "../../lib/tracing";
import { OpenAiFake } from "../fakes/openai";
import { useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";
import { startGateway, type TestGateway } from "../helpers/gateway";

describe.each(TEST_DATABASES)("a secret the gateway cannot decrypt (%s)", (kind) => {
  const api = useAdminApi(kind);
  const foreignKey = randomBytes(32).toString("base64");
  const foreignKekId = kekFingerprint(Buffer.from(foreignKey, "base64"));
  let gw: TestGateway;
  let fake: OpenAiFake;
  let backup: OpenAiFake;
  let client: OpenAI;
  let brokenId: string;
  const hi = [{ role: "user" as const, content: "hi" }];

  /** What the caller must never read about the broken secret. */
  const expectNoInternals = (text: string) => {
    for (const internal of [brokenId, "openai-prod", foreignKekId, "KEK", "kek:rotate", "GATEHOUSE_ENCRYPTION_KEY", "decrypt", "127.0.0.1"]) {
      expect(text).not.toContain(internal);
    }
  };
  const traceOf = async (id: string) => {
    await flushTracing();
    return api.db.trace.findUniqueOrThrow({ where: { id }, include: { spans: { orderBy: { attempt: "asc" } } } });
  };

  beforeAll(async () => {
    [fake, backup] = await Promise.all([new OpenAiFake("openai", "sk-prod-0123456789").start(), new OpenAiFake("openai", "sk-backup-0123456789").start()]);
    gw = await startGateway();
    setSnapshotSource(dbSnapshotSource());
    startTracing({ settings: { flushIntervalMs: 20 } });
    const actor: Actor = { kind: "user", userId: api.adminId, role: "admin" };
    brokenId = (await createSecret(actor, { name: "openai-prod", provider: "openai", apiKey: "sk-prod-0123456789", config: { baseUrl: fake.baseUrl } })).id;
    const backupId = (await createSecret(actor, { name: "openai-backup", provider: "openai", apiKey: "sk-backup-0123456789", config: { baseUrl: backup.baseUrl } })).id;
    await createEndpoint(actor, { name: "prod", kind: "chat", models: [{ provider: "openai", model: "gpt-4o", secretId: brokenId }] });
    await createEndpoint(actor, {
      name: "mixed",
      kind: "chat",
      maxAttempts: 2,
      models: [
        { provider: "openai", model: "gpt-4o", secretId: brokenId, weight: 1 },
        { provider: "openai", model: "gpt-4o-mini", secretId: backupId, weight: 0, fallbackOrder: 0 },
      ],
    });
    const teamId = (await createTeam(actor, { name: "support" })).id;
    client = new OpenAI({ baseURL: gw.baseURL, apiKey: (await createTeamToken(actor, teamId, { name: "bot" })).token, maxRetries: 0 });

    // What a server restarted with another key writes: the row is now wrapped under a KEK this
    // process does not have.
    const foreign = loadKeyring({ GATEHOUSE_ENCRYPTION_KEY: foreignKey, GATEHOUSE_ENCRYPTION_KEY_FILE: path.join(os.tmpdir(), "gatehouse-never-created.key") });
    const payload = encryptSecret(brokenId, JSON.stringify({ apiKey: "sk-prod-0123456789" }), foreign);
    await api.db.secret.update({ where: { id: brokenId }, data: payload });
    await notifyConfigChanged();
  });

  afterAll(async () => {
    await stopTracing();
    await gw?.close();
    await Promise.all([fake?.close(), backup?.close()]);
  });

  it("answers 503 gateway_misconfigured with a generic message; the trace keeps the secret, fingerprint and what to do", async () => {
    const err = await client.chat.completions.create({ model: "prod", messages: hi }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err).toMatchObject({ status: 503, type: "server_error", code: "gateway_misconfigured" });
    const requestId = err.headers.get("x-request-id");
    expect(err.error.message).toBe(
      "Endpoint 'prod' is unavailable: its provider credentials or settings cannot be used on the gateway (a configuration problem on the " +
        `gateway, not in your request). The Gatehouse administrator can see why in the trace of request ${requestId}.`,
    );
    expect(err.error.attempts).toEqual([{ provider: "openai", model: "gpt-4o", status: null, error: expect.stringMatching(/configuration problem on the gateway/) }]);
    expectNoInternals(JSON.stringify(err.error));
    expect(fake.requests).toHaveLength(0); // no upstream was called

    // Streaming fails the same way, before any byte.
    const streamed = await client.chat.completions.create({ model: "prod", messages: hi, stream: true }).catch((e) => e);
    expect(streamed).toMatchObject({ status: 503, code: "gateway_misconfigured" });
    expectNoInternals(JSON.stringify(streamed.error));

    const t = await traceOf(requestId);
    expect(t).toMatchObject({ status: "error", httpStatus: 503, errorType: "gateway_misconfigured" });
    expect(t.errorMessage).toContain("All 1 attempt(s) for 'prod' failed: openai/gpt-4o: Secret 'openai-prod' cannot be decrypted");
    expect(t.errorMessage).toContain(`Secret ${brokenId} is encrypted under KEK ${foreignKekId}, which is not configured`);
    expect(t.errorMessage).toContain("npm run kek:rotate");
    expect(t.spans).toHaveLength(1);
    expect(t.spans[0]).toMatchObject({ model: "gpt-4o", status: "error", httpStatus: null });
    expect(t.spans[0].error).toContain(`encrypted under KEK ${foreignKekId}`);
    // The response payload is what the caller received: the generic message.
    const received = JSON.parse(t.responsePayload!);
    expect(received.error.code).toBe("gateway_misconfigured");
    expectNoInternals(t.responsePayload!);
  });

  it("with a target that reached its provider too: 502 naming every target and why, minus the internals", async () => {
    backup.switches = { fail: { status: 500, message: "backup overloaded" } };
    const err = await client.chat.completions.create({ model: "mixed", messages: hi }).catch((e) => e);
    backup.reset();
    expect(err).toMatchObject({ status: 502, type: "upstream_error", code: "upstream_failed" });
    expect(err.error.message).toMatch(
      /^All 2 attempt\(s\) for 'mixed' failed: openai\/gpt-4o: the gateway cannot use this target's provider credentials or settings \(a configuration problem on the gateway; .*\); openai\/gpt-4o-mini: HTTP 500 \(backup overloaded\)$/,
    );
    expect(err.error.attempts).toMatchObject([
      { provider: "openai", model: "gpt-4o", status: null },
      { provider: "openai", model: "gpt-4o-mini", status: 500, error: "backup overloaded" },
    ]);
    expectNoInternals(JSON.stringify(err.error));

    const t = await traceOf(err.headers.get("x-request-id"));
    expect(t).toMatchObject({ httpStatus: 502, errorType: "upstream_failed" });
    expect(t.errorMessage).toContain(`encrypted under KEK ${foreignKekId}`);
    expect(t.errorMessage).toContain("openai/gpt-4o-mini: HTTP 500 (backup overloaded)");
    expect(t.spans.map((s) => s.error)).toEqual([expect.stringContaining("Secret 'openai-prod' cannot be decrypted"), "backup overloaded"]);
  });
});
