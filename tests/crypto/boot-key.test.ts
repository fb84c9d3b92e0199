// The encryption key at start (README "Provider keys and encryption"): with no key configured the
// first start generates ./data/encryption.key with a loud warning; a malformed key (variable or
// file) stops the start with one clear line instead of failing the first secret later. Each case
// boots a real child process (boot-key.child.ts) in a temp directory against a fresh SQLite file.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseKek } from "@/lib/crypto/kek";
import { bootChild, type Boot } from "../helpers/boot-child";
import { freshDatabase, type TestDatabase } from "../helpers/db";



describe("encryption key at boot", () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
  });
  afterAll(async () => {
    await database?.cleanup();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-boot-key-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const KEY_VARIABLES = ["GATEHOUSE_ENCRYPTION_KEY", "GATEHOUSE_ENCRYPTION_KEY_OLD", "GATEHOUSE_ENCRYPTION_KEY_FILE"];
  const boot = (env: Record<string, string> = {}): Promise<Boot> => bootChild(dir, { DATABASE_URL: database.url, ...env }, KEY_VARIABLES);

  const keyFile = () => path.join(dir, "data", "encryption.key");

  it("with no key configured, the first start generates ./data/encryption.key (0600) with a loud warning; later starts reuse it silently", async () => {
    const first = await boot();
    expect(first.stderr).not.toMatch(/cannot start/);
    expect(first).toMatchObject({ code: 0, stdout: "booted\n" });
    const file = fs.realpathSync(keyFile());
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(file, "utf8");
    expect(parseKek(key, "key file")).toHaveLength(32);
    expect(first.stderr).toContain("*".repeat(78));
    expect(first.stderr).toContain("WARNING: GATEHOUSE_ENCRYPTION_KEY is not set.");
    expect(first.stderr).toContain(`Generated a new encryption key in ${path.join(fs.realpathSync(dir), "data", "encryption.key")}`);
    expect(first.stderr).toMatch(/BACK THIS FILE UP/);

    const second = await boot();
    expect(second).toMatchObject({ code: 0, stdout: "booted\n" });
    expect(second.stderr).not.toMatch(/WARNING/);
    expect(fs.readFileSync(file, "utf8")).toBe(key);
  }, 90_000);

  it("a configured key is used as is: no key file is generated", async () => {
    const started = await boot({ GATEHOUSE_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
    expect(started).toMatchObject({ code: 0, stdout: "booted\n" });
    expect(started.stderr).not.toMatch(/WARNING/);
    expect(fs.existsSync(keyFile())).toBe(false);
  }, 60_000);

  it("a malformed GATEHOUSE_ENCRYPTION_KEY stops the start with one line naming the variable", async () => {
    const failed = await boot({ GATEHOUSE_ENCRYPTION_KEY: "correct horse battery staple" });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    const lines = failed.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[gatehouse\] cannot start: invalid encryption key configuration: GATEHOUSE_ENCRYPTION_KEY must be a 32-byte key encoded as base64 \(44 characters\) or hex \(64 characters\).*openssl rand -base64 32$/,
    );
    expect(fs.existsSync(keyFile())).toBe(false);
  }, 60_000);

  it("a malformed key file or GATEHOUSE_ENCRYPTION_KEY_OLD stops the start with one line naming it", async () => {
    fs.mkdirSync(path.join(dir, "data"));
    fs.writeFileSync(keyFile(), "not a key\n", { mode: 0o600 });
    const badFile = await boot();
    expect(badFile).toMatchObject({ code: 1, stdout: "" });
    expect(badFile.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^\[gatehouse\] cannot start: invalid encryption key configuration: Key file .*encryption\.key must be a 32-byte key/),
    ]);

    fs.rmSync(keyFile());
    const badOld = await boot({ GATEHOUSE_ENCRYPTION_KEY: randomBytes(32).toString("hex"), GATEHOUSE_ENCRYPTION_KEY_OLD: "abc" });
    expect(badOld).toMatchObject({ code: 1, stdout: "" });
    expect(badOld.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^\[gatehouse\] cannot start: invalid encryption key configuration: GATEHOUSE_ENCRYPTION_KEY_OLD must be a 32-byte key/),
    ]);
  }, 90_000);
});
