// A server started with a different encryption key on a database whose secrets another key
// encrypted (two servers, two keys, one database): boot refuses it with one line, and a process
// that got past boot anyway refuses to save provider keys (503 encryption_key_mismatch) instead of
// storing them under a key the other servers lack. A server that has the database's key as an old
// key (the rotation setup, or GATEHOUSE_ENCRYPTION_KEY next to an existing key file) starts, says
// so, and saves under the database's key until `npm run kek:rotate`. SQLite and PostgreSQL; boots
// are real child processes (tests/helpers/boot.child.ts).

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { kekFingerprint, loadKeyring } from "@/lib/crypto/kek";
import { checkKeyAgainstDatabase } from "@/lib/secrets/kek-check";
import { rewrapAllSecrets } from "@/lib/secrets/kek-rotation";
import { writeSecretRow } from "@/lib/secrets/kek-state";
import { createSecret, loadDecryptedSecrets } from "@/lib/secrets/service";
import { bootChild, type Boot } from "../helpers/boot-child";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";

const admin = { kind: "admin-token", tokenId: "test" } as const;
const KEY_VARIABLES = ["GATEHOUSE_ENCRYPTION_KEY", "GATEHOUSE_ENCRYPTION_KEY_OLD", "GATEHOUSE_ENCRYPTION_KEY_FILE"];
const idOf = (key: string) => kekFingerprint(Buffer.from(key, "base64"));

async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    process.env = saved;
  }
}

describe.each(TEST_DATABASES)("encryption key against the database's secrets (%s)", (kind) => {
  const database = useFreshDatabase(kind);
  const keyA = randomBytes(32).toString("base64");
  const keyB = randomBytes(32).toString("base64");
  let dir: string;
  const noFile = () => path.join(dir, "none", "encryption.key");
  const asServer = <T>(vars: Record<string, string | undefined>, fn: () => Promise<T>) =>
    withEnv({ GATEHOUSE_ENCRYPTION_KEY_OLD: undefined, GATEHOUSE_ENCRYPTION_KEY_FILE: noFile(), ...vars }, fn);
  const boot = (env: Record<string, string>): Promise<Boot> => bootChild(dir, { DATABASE_URL: database.url, ...env }, KEY_VARIABLES);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-key-mismatch-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-key-mismatch-"));
    // An empty database: any key may start and save; the first secret is under server A's key.
    expect(await checkKeyAgainstDatabase(database.db, loadKeyring({ GATEHOUSE_ENCRYPTION_KEY: keyB, GATEHOUSE_ENCRYPTION_KEY_FILE: noFile() }))).toEqual({ notes: [] });
    await asServer({ GATEHOUSE_ENCRYPTION_KEY: keyA }, () => createSecret(admin, { name: "a", provider: "openai", apiKey: "sk-a-0123456789" }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("boot refuses a key that matches none of the stored secrets, with one line saying what to do", async () => {
    const failed = await boot({ GATEHOUSE_ENCRYPTION_KEY: keyB });
    expect(failed).toMatchObject({ code: 1, stdout: "" });
    const lines = failed.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[gatehouse\] cannot start: the encryption key does not match the database's secrets: 1 stored provider key\(s\) use KEK /);
    expect(lines[0]).toContain(idOf(keyA));
    expect(lines[0]).toContain(`this server has ${idOf(keyB)} (GATEHOUSE_ENCRYPTION_KEY)`);
    expect(lines[0]).toMatch(/same GATEHOUSE_ENCRYPTION_KEY .*`npm run kek:rotate`/);

    const same = await boot({ GATEHOUSE_ENCRYPTION_KEY: keyA });
    expect(same).toMatchObject({ code: 0, stdout: "booted\n" });
    expect(same.stderr).not.toMatch(/\[gatehouse\]/);
  }, 90_000);

  it("a process that got past boot refuses to save under its own key: 503 encryption_key_mismatch", async () => {
    await asServer({ GATEHOUSE_ENCRYPTION_KEY: keyB }, async () => {
      await expect(createSecret(admin, { name: "b", provider: "openai", apiKey: "sk-b-0123456789" })).rejects.toMatchObject({
        status: 503,
        code: "encryption_key_mismatch",
        message: expect.stringMatching(/matches none of the stored provider keys .*same GATEHOUSE_ENCRYPTION_KEY/),
      });
      // The transaction wrote nothing.
      await expect(writeSecretRow(async () => "written")).rejects.toMatchObject({ code: "encryption_key_mismatch" });
    });
    expect(await database.db.secret.count()).toBe(1);
  });

  it("with the database's key as an old key (here: the key file next to GATEHOUSE_ENCRYPTION_KEY) it starts, says so, and saves under the database's key", async () => {
    fs.mkdirSync(path.join(dir, "data"));
    fs.writeFileSync(path.join(dir, "data", "encryption.key"), `${keyA}\n`, { mode: 0o600 });
    const started = await boot({ GATEHOUSE_ENCRYPTION_KEY: keyB });
    expect(started).toMatchObject({ code: 0, stdout: "booted\n" });
    expect(started.stderr).toMatch(/GATEHOUSE_ENCRYPTION_KEY is set, and the key file .*encryption\.key \(KEK \w+\) is read as an old, decrypt-only key/);
    expect(started.stderr).toContain(`provider keys saved here are encrypted under ${idOf(keyA)} too`);

    const saved = await asServer({ GATEHOUSE_ENCRYPTION_KEY: keyB, GATEHOUSE_ENCRYPTION_KEY_OLD: keyA }, () =>
      createSecret(admin, { name: "via-b", provider: "openai", apiKey: "sk-via-b-0123456789" }),
    );
    expect((await database.db.secret.findUniqueOrThrow({ where: { id: saved.id } })).kekId).toBe(idOf(keyA));
    // Server A (key A only) reads what B saved.
    const loaded = await asServer({ GATEHOUSE_ENCRYPTION_KEY: keyA }, () => loadDecryptedSecrets());
    expect(loaded.get(saved.id)?.credentials?.apiKey).toBe("sk-via-b-0123456789");
  }, 90_000);

  it("after `kek:rotate` to key B, a server started with key A alone is refused; B saves under B", async () => {
    const rotation = loadKeyring({ GATEHOUSE_ENCRYPTION_KEY: keyB, GATEHOUSE_ENCRYPTION_KEY_OLD: keyA, GATEHOUSE_ENCRYPTION_KEY_FILE: noFile() });
    await rewrapAllSecrets(database.db, rotation);
    const failed = await boot({ GATEHOUSE_ENCRYPTION_KEY: keyA });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^\[gatehouse\] cannot start: the encryption key does not match the database's secrets/);
    expect((await boot({ GATEHOUSE_ENCRYPTION_KEY: keyB })).code).toBe(0);

    const saved = await asServer({ GATEHOUSE_ENCRYPTION_KEY: keyB }, () => createSecret(admin, { name: "after", provider: "openai", apiKey: "sk-after-0123456789" }));
    expect((await database.db.secret.findUniqueOrThrow({ where: { id: saved.id } })).kekId).toBe(idOf(keyB));
    // A process still running with key A alone: the existing rule (encryption_key_outdated).
    await asServer({ GATEHOUSE_ENCRYPTION_KEY: keyA }, async () => {
      await expect(createSecret(admin, { name: "late", provider: "openai", apiKey: "sk-late-0123456789" })).rejects.toMatchObject({
        status: 503,
        code: "encryption_key_outdated",
      });
    });
  }, 90_000);
});
