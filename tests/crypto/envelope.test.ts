import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, DecryptionError, encryptSecret, rewrapSecret, type EncryptedPayload } from "@/lib/crypto/envelope";
import { makeKek, type Kek, type Keyring } from "@/lib/crypto/kek";

function keyring(current: Kek, ...old: Kek[]): Keyring {
  return { current, byId: new Map([current, ...old].map((k) => [k.id, k])) };
}
const newKek = (name: string) => makeKek(randomBytes(32), name);

/** Flip one bit of the decoded byte at `index` of a base64 field. */
function flip(b64: string, index: number): string {
  const raw = Buffer.from(b64, "base64");
  raw[index] ^= 0x01;
  return raw.toString("base64");
}

const PLAINTEXT = JSON.stringify({ apiKey: "sk-proj-0123456789abcdefghij" });

describe("envelope encryption", () => {
  const a = newKek("A");
  const ring = keyring(a);

  it("round-trips and records the KEK id", () => {
    const enc = encryptSecret("secret-1", PLAINTEXT, ring);
    expect(enc.kekId).toBe(a.id);
    expect(enc.ciphertext).not.toContain("sk-proj");
    expect(Buffer.from(enc.ciphertext, "base64").toString("latin1")).not.toContain("sk-proj");
    expect(decryptSecret("secret-1", enc, ring)).toBe(PLAINTEXT);
  });

  it("uses a fresh data key and IV every time", () => {
    const one = encryptSecret("s", PLAINTEXT, ring);
    const two = encryptSecret("s", PLAINTEXT, ring);
    expect(one.ciphertext).not.toBe(two.ciphertext);
    expect(one.wrappedKey).not.toBe(two.wrappedKey);
    // iv (12) + tag (16) + body
    expect(Buffer.from(one.ciphertext, "base64").length).toBe(12 + 16 + Buffer.byteLength(PLAINTEXT));
    expect(Buffer.from(one.wrappedKey, "base64").length).toBe(12 + 16 + 32);
  });

  const enc = encryptSecret("secret-1", PLAINTEXT, ring);
  const tampered: [string, EncryptedPayload][] = [
    ["ciphertext body", { ...enc, ciphertext: flip(enc.ciphertext, 30) }],
    ["ciphertext tag", { ...enc, ciphertext: flip(enc.ciphertext, 12) }],
    ["ciphertext iv", { ...enc, ciphertext: flip(enc.ciphertext, 0) }],
    ["truncated ciphertext", { ...enc, ciphertext: Buffer.from(enc.ciphertext, "base64").subarray(0, 20).toString("base64") }],
    ["wrapped key body", { ...enc, wrappedKey: flip(enc.wrappedKey, 40) }],
    ["wrapped key tag", { ...enc, wrappedKey: flip(enc.wrappedKey, 12) }],
  ];
  it.each(tampered)("detects a tampered %s", (_, payload) => {
    expect(() => decryptSecret("secret-1", payload, ring)).toThrow(DecryptionError);
  });

  it("binds the ciphertext to the secret id (AAD): moving it to another row fails", () => {
    expect(() => decryptSecret("secret-2", enc, ring)).toThrow(/failed authentication/);
    // The ciphertext of secret-1 with the (valid) wrapped key of secret-2 fails too.
    const other = encryptSecret("secret-2", PLAINTEXT, ring);
    expect(() => decryptSecret("secret-2", { ...other, ciphertext: enc.ciphertext }, ring)).toThrow(DecryptionError);
    expect(() => decryptSecret("secret-1", { ...enc, wrappedKey: other.wrappedKey }, ring)).toThrow(DecryptionError);
  });

  it("fails clearly when the KEK is not configured", () => {
    const b = newKek("B");
    expect(() => decryptSecret("secret-1", enc, keyring(b))).toThrow(
      new RegExp(`encrypted under KEK ${a.id}, which is not configured.*GATEHOUSE_ENCRYPTION_KEY_OLD`),
    );
    // Told apart from an authentication failure: the secret names a KEK this keyring lacks.
    expect(() => decryptSecret("secret-1", enc, keyring(b))).toThrow(expect.objectContaining({ missingKekId: a.id }));
  });

  it("fails when a different key claims the same id", () => {
    const impostor: Kek = { ...newKek("impostor"), id: a.id };
    expect(() => decryptSecret("secret-1", enc, keyring(impostor))).toThrow(/wrapped data key failed authentication/);
  });

  it("rotation: re-wraps under the new KEK, keeps the ciphertext, and old+new coexist", () => {
    const b = newKek("B");
    const during = keyring(b, a);
    expect(decryptSecret("secret-1", enc, during)).toBe(PLAINTEXT); // old payloads still readable
    const rewrapped = rewrapSecret("secret-1", enc, during);
    expect(rewrapped.kekId).toBe(b.id);
    expect(rewrapped.ciphertext).toBe(enc.ciphertext);
    expect(rewrapped.wrappedKey).not.toBe(enc.wrappedKey);
    const after = keyring(b);
    expect(decryptSecret("secret-1", rewrapped, after)).toBe(PLAINTEXT);
    expect(() => decryptSecret("secret-1", enc, after)).toThrow(DecryptionError);
    // New secrets during rotation use the new KEK.
    expect(encryptSecret("secret-3", PLAINTEXT, during).kekId).toBe(b.id);
  });
});
