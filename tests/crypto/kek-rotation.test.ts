// KEK rotation end to end: secrets written under one KEK, `npm run kek:rotate` (the real script,
// in a child process) with the new key, then readable with the new key alone.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { kekFingerprint } from "@/lib/crypto/kek";
import { currentConfigVersion } from "@/lib/gateway/config-version";
import { createSecret, loadDecryptedSecrets } from "@/lib/secrets/service";
import { rewrapAllSecrets } from "@/lib/secrets/kek-rotation";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const admin = { kind: "admin-token", tokenId: "test" } as const;

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  return fn().finally(() => {
    process.env = saved;
  });
}

describe.each(TEST_DATABASES)("KEK rotation (%s)", (kind) => {
  const database = useFreshDatabase(kind);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-rotate-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const oldKey = randomBytes(32).toString("base64");
  const newKey = randomBytes(32).toString("hex");
  const keyFile = path.join(dir, "encryption.key");
  const ids: string[] = [];

  it("writes secrets under the old KEK", async () => {
    await withEnv({ GATEHOUSE_ENCRYPTION_KEY: oldKey, GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile }, async () => {
      for (const n of [1, 2, 3]) {
        ids.push((await createSecret(admin, { name: `s${n}`, provider: "openai", apiKey: `sk-rotation-${n}-0123456789` })).id);
      }
    });
    const rows = await database.db.secret.findMany();
    expect(new Set(rows.map((r) => r.kekId))).toEqual(new Set([kekFingerprint(Buffer.from(oldKey, "base64"))]));
  });

  it("the script refuses to run without a new key and changes nothing", async () => {
    const env = { ...process.env, DATABASE_URL: database.url, GATEHOUSE_ENCRYPTION_KEY: "", GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile };
    const failed = await run("npx", ["tsx", "scripts/rotate-kek.ts"], { cwd: ROOT, env }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Set GATEHOUSE_ENCRYPTION_KEY to the new key/);
  });

  it("a rotation missing the old key fails as a whole", async () => {
    await withEnv({ GATEHOUSE_ENCRYPTION_KEY: newKey, GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile, GATEHOUSE_ENCRYPTION_KEY_OLD: undefined }, async () => {
      await expect(rewrapAllSecrets()).rejects.toThrow(/which is not configured/);
    });
    const rows = await database.db.secret.findMany();
    expect(rows.every((r) => r.kekId === kekFingerprint(Buffer.from(oldKey, "base64")))).toBe(true);
  });

  it("npm run kek:rotate re-wraps every secret; the new key alone then decrypts them", async () => {
    const versionBefore = await currentConfigVersion(database.db);
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      GATEHOUSE_ENCRYPTION_KEY: newKey,
      GATEHOUSE_ENCRYPTION_KEY_OLD: oldKey,
      GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile,
    };
    const before = await database.db.secret.findMany({ orderBy: { name: "asc" } });
    const { stdout } = await run("npm", ["run", "--silent", "kek:rotate"], { cwd: ROOT, env });
    expect(stdout).toMatch(/Re-wrapped 3 of 3 secrets/);

    const after = await database.db.secret.findMany({ orderBy: { name: "asc" } });
    const newId = kekFingerprint(Buffer.from(newKey, "hex"));
    expect(after.map((r) => r.kekId)).toEqual([newId, newId, newId]);
    expect(after.map((r) => r.ciphertext)).toEqual(before.map((r) => r.ciphertext));
    expect(await currentConfigVersion(database.db)).toBe(versionBefore + 1);

    await withEnv({ GATEHOUSE_ENCRYPTION_KEY: newKey, GATEHOUSE_ENCRYPTION_KEY_OLD: undefined, GATEHOUSE_ENCRYPTION_KEY_FILE: keyFile }, async () => {
      const loaded = await loadDecryptedSecrets();
      expect(ids.map((id) => loaded.get(id)?.credentials?.apiKey)).toEqual([1, 2, 3].map((n) => `sk-rotation-${n}-0123456789`));
      // Running it again is a no-op.
      expect(await rewrapAllSecrets()).toMatchObject({ total: 3, rewrapped: 0, alreadyCurrent: 3 });
    });
    expect(fs.existsSync(keyFile)).toBe(false);
  });
});
