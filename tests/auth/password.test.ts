import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hashes with argon2id (OWASP parameters) and a random salt", async () => {
    const one = await hashPassword("correct horse");
    const two = await hashPassword("correct horse");
    expect(one).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(one).not.toBe(two);
    expect(one).not.toContain("correct horse");
  });

  it("verifies the right password only", async () => {
    const hash = await hashPassword("correct horse");
    expect(await verifyPassword(hash, "correct horse")).toBe(true);
    expect(await verifyPassword(hash, "correct horsE")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("treats a malformed hash as a failed verification", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
    expect(await verifyPassword("", "x")).toBe(false);
  });

  it("the dummy verification for unknown users always fails", async () => {
    expect(await verifyAgainstDummy("gatehouse-dummy-password-for-timing")).toBe(false);
  });
});
