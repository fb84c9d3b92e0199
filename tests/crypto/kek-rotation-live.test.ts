// KEK rotation while a server runs (SQLite and PostgreSQL). This test process is the running server:
// started with the old KEK only, serving the gateway from the database. `npm run kek:rotate` runs
// in a child process with the new key (+ the old one), as an operator would. The server must keep
// serving (its snapshot reload cannot unwrap the re-wrapped data keys, but the ciphertexts did not
// change), must refuse to save provider keys under the retired key, and must not serve stale
// credentials for a secret whose ciphertext changed.

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { encryptSecret } from "../../lib/crypto/envelope";
import { kekFingerprint, loadKeyring } from "../../lib/crypto/kek";
import { createEndpoint } from "../../lib/endpoints/service";
import { currentConfigVersion } from "../../lib/gateway/config-version";
import { currentSnapshot, setSnapshotSource } from "../../lib/gateway/snapshot";
import { dbSnapshotSource } from "../../lib/gateway/snapshot-db";
import { recordedKekId } from "../../lib/secrets/kek-state";
import { rewrapAllSecrets } from "../../lib/secrets/kek-rotation";
import { createSecret, deleteSecret, loadDecryptedSecrets, rotateSecret } from "../../lib/secrets/service";
import { createTeam } from "../../lib/teams/service";
import { createTeamToken } from "../../lib/teams/tokens";
import { OpenAiFake } from "../fakes/openai";
import { useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";
import { startGateway, type TestGateway } from "../helpers/gateway";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

describe.each(TEST_DATABASES)("KEK rotation under a running server (%s)", (kind) => {
  const api = useAdminApi(kind);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-live-rotate-"));
  const keyFile = path.join(dir, "encryption.key"); // never created: keys come from the environment
  const oldKey = randomBytes(32).toString("base64");
  const newKey = randomBytes(32).toString("base64");
  const oldId = kekFingerprint(Buffer.from(oldKey, "base64"));
  const newId = kekFingerprint(Buffer.from(newKey, "base64"));
  const saved = { key: process.env.GATEHOUSE_ENCRYPTION_KEY, file: process.env.GATEHOUSE_ENCRYPTION_KEY_FILE };
  let gw: TestGateway;
  let fake: OpenAiFake;
  let actor: Actor;
  let token: string;
  let secretId: string;
  const hi = [{ role: "user" as const, content: "hi" }];
  const chat = () => new OpenAI({ baseURL: gw.baseURL, apiKey: token, maxRetries: 0 }).chat.completions.create({ model: "live", messages: hi });
  /** Runs `fn` as a server started with the new key only. */
  const asRestartedServer = async <T>(fn: () => Promise<T>): Promise<T> => {
    process.env.GATEHOUSE_ENCRYPTION_KEY = newKey;
    try {
      return await fn();
    } finally {
      process.env.GATEHOUSE_ENCRYPTION_KEY = oldKey;
    }
  };

  beforeAll(async () => {
    // This process is a server started with the old key only.
    process.env.GATEHOUSE_ENCRYPTION_KEY = oldKey;
    process.env.GATEHOUSE_ENCRYPTION_KEY_FILE = keyFile;
    fake = await new OpenAiFake("openai", "sk-live-0123456789").start();
    gw = await startGateway();
    setSnapshotSource(dbSnapshotSource());
    actor = { kind: "user", userId: api.adminId, role: "admin" };
    secretId = (await createSecret(actor, { name: "openai", provider: "openai", apiKey: "sk-live-0123456789", config: { baseUrl: fake.baseUrl } })).id;
    await createEndpoint(actor, { name: "live", kind: "chat", models: [{ provider: "openai", model: "gpt-4o", secretId }] });
    const teamId = (await createTeam(actor, { name: "live" })).id;
    token = (await createTeamToken(actor, teamId, { name: "live" })).token;
  });

  afterAll(async () => {
    await gw?.close();
    await fake?.close();
    for (const [name, value] of [["GATEHOUSE_ENCRYPTION_KEY", saved.key], ["GATEHOUSE_ENCRYPTION_KEY_FILE", saved.file]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps serving after `npm run kek:rotate` in another process, and stops saving provider keys", async () => {
    expect((await chat()).choices[0].message.content).toBe("echo: hi");
    expect(await recordedKekId()).toBeNull();

    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL, GATEHOUSE_ENCRYPTION_KEY: newKey, GATEHOUSE_ENCRYPTION_KEY_OLD: oldKey, GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile };
    const { stdout } = await run("npx", ["tsx", "scripts/rotate-kek.ts"], { cwd: ROOT, env });
    expect(stdout).toMatch(/Re-wrapped 1 of 1 secrets/);
    expect(stdout).toMatch(/Restart every server with this GATEHOUSE_ENCRYPTION_KEY/);
    expect((await api.db.secret.findUniqueOrThrow({ where: { id: secretId } })).kekId).toBe(newId);
    expect(await recordedKekId()).toBe(newId);

    // The version poll reloads the snapshot (the other process only bumped the version row).
    const version = await currentConfigVersion();
    await expect.poll(async () => (await currentSnapshot()).version, { timeout: 3_000, interval: 100 }).toBe(version);
    expect((await chat()).choices[0].message.content).toBe("echo: hi");
    expect(fake.lastRequest.headers.authorization).toBe("Bearer sk-live-0123456789");
    expect((await loadDecryptedSecrets()).get(secretId)).toMatchObject({ credentials: { apiKey: "sk-live-0123456789" } });

    // Saving under the old key would strand the secret once the old key is dropped: refused.
    const outdated = { status: 503, code: "encryption_key_outdated" };
    await expect(createSecret(actor, { name: "late", provider: "openai", apiKey: "sk-late-0123456789" })).rejects.toMatchObject(outdated);
    await expect(rotateSecret(actor, secretId, { apiKey: "sk-other-0123456789" })).rejects.toMatchObject(outdated);
    expect(await api.db.secret.count()).toBe(1);
    expect((await api.db.secret.findUniqueOrThrow({ where: { id: secretId } })).kekId).toBe(newId);
  });

  it("never serves stale credentials: a secret changed by a restarted server is unavailable until restart", async () => {
    // What a server restarted with the new key writes when the credentials change (another process:
    // only the row and the version; no in-process listeners here).
    const restarted = loadKeyring({ GATEHOUSE_ENCRYPTION_KEY: newKey, GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile });
    const payload = encryptSecret(secretId, JSON.stringify({ apiKey: "sk-rotated-0123456789" }), restarted);
    await api.db.secret.update({ where: { id: secretId }, data: payload });
    await api.db.configVersion.update({ where: { id: 1 }, data: { version: { increment: 1 } } });

    const loaded = (await loadDecryptedSecrets()).get(secretId);
    expect(loaded?.credentials).toBeUndefined();
    expect(loaded?.error).toMatch(new RegExp(`encrypted under KEK ${newId}, which is not configured`));
    const version = await currentConfigVersion();
    await expect.poll(async () => (await currentSnapshot()).version, { timeout: 3_000, interval: 100 }).toBe(version);
    const calls = fake.requests.length;
    // The caller is told the endpoint is misconfigured (no key ids or fingerprints); the trace keeps why.
    await expect(chat()).rejects.toMatchObject({ status: 503, code: "gateway_misconfigured" });
    expect(fake.requests.length).toBe(calls); // nothing was sent upstream with the previous key

    await asRestartedServer(async () => {
      expect((await loadDecryptedSecrets()).get(secretId)).toMatchObject({ credentials: { apiKey: "sk-rotated-0123456789" } });
      const late = await createSecret(actor, { name: "late", provider: "openai", apiKey: "sk-late-0123456789" });
      expect((await api.db.secret.findUniqueOrThrow({ where: { id: late.id } })).kekId).toBe(newId);
      await deleteSecret(actor, late.id);
      await rotateSecret(actor, secretId, { apiKey: "sk-live-0123456789" });
    });
  });

  it("secret writes and rotations are ordered: nothing is left under the retired key", async () => {
    const rotateBack = loadKeyring({ GATEHOUSE_ENCRYPTION_KEY: oldKey, GATEHOUSE_ENCRYPTION_KEY_OLD: newKey, GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile });
    const rotateForward = loadKeyring({ GATEHOUSE_ENCRYPTION_KEY: newKey, GATEHOUSE_ENCRYPTION_KEY_OLD: oldKey, GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile });
    for (let round = 0; round < 5; round++) {
      await rewrapAllSecrets(api.db, rotateBack); // the secrets on the old key again: old-key writes allowed
      const [write] = await Promise.allSettled([
        createSecret(actor, { name: `race-${round}`, provider: "openai", apiKey: "sk-race-0123456789" }),
        rewrapAllSecrets(api.db, rotateForward),
      ]);
      const rows = await api.db.secret.findMany();
      // Either the write committed first (and the rotation moved it) or it saw the rotation and was refused.
      expect(rows.filter((r) => r.kekId !== newId)).toEqual([]);
      if (write.status === "rejected") expect(write.reason).toMatchObject({ code: "encryption_key_outdated" });
    }
    expect(oldId).not.toBe(newId);
  });
});
