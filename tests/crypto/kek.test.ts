import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getKeyring, KekConfigError, kekFingerprint, loadKeyring, parseKek } from "@/lib/crypto/kek";

describe("parseKek", () => {
  const key = randomBytes(32);

  it.each([
    ["base64", key.toString("base64")],
    ["base64 without padding", key.toString("base64").replace(/=+$/, "")],
    ["base64url", key.toString("base64url")],
    ["hex", key.toString("hex")],
    ["upper-case hex with whitespace", ` ${key.toString("hex").toUpperCase()}\n`],
  ])("accepts %s", (_, value) => {
    expect(parseKek(value, "TEST").equals(key)).toBe(true);
  });

  it.each([
    ["too short", randomBytes(16).toString("base64")],
    ["31 bytes of hex", randomBytes(31).toString("hex")],
    ["33 bytes of base64", randomBytes(33).toString("base64")],
    ["a passphrase", "correct horse battery staple"],
    ["empty", ""],
  ])("rejects %s with a clear error", (_, value) => {
    expect(() => parseKek(value, "GATEHOUSE_ENCRYPTION_KEY")).toThrow(KekConfigError);
    expect(() => parseKek(value, "GATEHOUSE_ENCRYPTION_KEY")).toThrow(
      /GATEHOUSE_ENCRYPTION_KEY must be a 32-byte key encoded as base64 \(44 characters\) or hex \(64 characters\).*openssl rand -base64 32/,
    );
  });

  it("fingerprints are short, stable and differ per key", () => {
    expect(kekFingerprint(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(kekFingerprint(Buffer.from(key))).toBe(kekFingerprint(key));
    expect(kekFingerprint(randomBytes(32))).not.toBe(kekFingerprint(key));
  });
});

describe("keyring sources", () => {
  let dir: string;
  let stderr: string[];
  const originalWrite = process.stderr.write.bind(process.stderr);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-kek-"));
    stderr = [];
    process.stderr.write = ((chunk: string) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = originalWrite;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("without GATEHOUSE_ENCRYPTION_KEY generates a 0600 key file once, with a loud warning, then reuses it", () => {
    const file = path.join(dir, "nested", "encryption.key");
    const env = { GATEHOUSE_ENCRYPTION_KEY_FILE: file };
    const first = loadKeyring(env);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(parseKek(fs.readFileSync(file, "utf8"), "file").equals(first.current.key)).toBe(true);
    expect(stderr.join("")).toMatch(/WARNING: GATEHOUSE_ENCRYPTION_KEY is not set[\s\S]*BACK THIS FILE UP/);

    stderr.length = 0;
    const second = loadKeyring(env);
    expect(second.current.id).toBe(first.current.id);
    expect(stderr.join("")).toBe("");
  });

  it("warns when the key file is readable by others", () => {
    const file = path.join(dir, "encryption.key");
    fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    loadKeyring({ GATEHOUSE_ENCRYPTION_KEY_FILE: file });
    expect(stderr.join("")).toMatch(/readable by other users.*chmod 600/);
  });

  it("GATEHOUSE_ENCRYPTION_KEY is current; the key file and GATEHOUSE_ENCRYPTION_KEY_OLD are decrypt-only", () => {
    const file = path.join(dir, "encryption.key");
    const fileKey = randomBytes(32);
    fs.writeFileSync(file, fileKey.toString("base64"), { mode: 0o600 });
    const primary = randomBytes(32);
    const old1 = randomBytes(32);
    const old2 = randomBytes(32);
    const ring = loadKeyring({
      GATEHOUSE_ENCRYPTION_KEY_FILE: file,
      GATEHOUSE_ENCRYPTION_KEY: primary.toString("hex"),
      GATEHOUSE_ENCRYPTION_KEY_OLD: `${old1.toString("base64")}, ${old2.toString("hex")}`,
    });
    expect(ring.current.id).toBe(kekFingerprint(primary));
    expect([...ring.byId.keys()].sort()).toEqual([primary, fileKey, old1, old2].map(kekFingerprint).sort());
    expect(ring.byId.get(kekFingerprint(old2))?.source).toBe("GATEHOUSE_ENCRYPTION_KEY_OLD[1]");
  });

  it("with GATEHOUSE_ENCRYPTION_KEY set, never creates a key file", () => {
    const file = path.join(dir, "encryption.key");
    loadKeyring({ GATEHOUSE_ENCRYPTION_KEY_FILE: file, GATEHOUSE_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
    expect(fs.existsSync(file)).toBe(false);
  });

  it("rejects a malformed GATEHOUSE_ENCRYPTION_KEY_OLD", () => {
    expect(() =>
      loadKeyring({
        GATEHOUSE_ENCRYPTION_KEY_FILE: path.join(dir, "k"),
        GATEHOUSE_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        GATEHOUSE_ENCRYPTION_KEY_OLD: "nope",
      }),
    ).toThrow(/GATEHOUSE_ENCRYPTION_KEY_OLD must be a 32-byte key/);
  });

  it("getKeyring follows the environment", () => {
    const saved = { ...process.env };
    try {
      const k1 = randomBytes(32);
      const k2 = randomBytes(32);
      process.env.GATEHOUSE_ENCRYPTION_KEY_FILE = path.join(dir, "k");
      process.env.GATEHOUSE_ENCRYPTION_KEY = k1.toString("base64");
      expect(getKeyring().current.id).toBe(kekFingerprint(k1));
      process.env.GATEHOUSE_ENCRYPTION_KEY = k2.toString("base64");
      expect(getKeyring().current.id).toBe(kekFingerprint(k2));
    } finally {
      process.env = saved;
    }
  });
});
