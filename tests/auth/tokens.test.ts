import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base62,
  bearerToken,
  generateToken,
  hashesEqual,
  hashToken,
  TOKEN_BODY_LENGTH,
  tokenKindOf,
  tokenPrefix,
} from "@/lib/auth/tokens";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function decodeBase62(s: string): bigint {
  return [...s].reduce((n, c) => n * 62n + BigInt(BASE62.indexOf(c)), 0n);
}

describe("tokens", () => {
  it("team tokens are gth_ + 43 base62 characters; admin tokens gha_", () => {
    const team = generateToken("team");
    const admin = generateToken("admin");
    expect(team.token).toMatch(/^gth_[0-9A-Za-z]{43}$/);
    expect(admin.token).toMatch(/^gha_[0-9A-Za-z]{43}$/);
    expect(TOKEN_BODY_LENGTH).toBe(43);
    expect(tokenKindOf(team.token)).toBe("team");
    expect(tokenKindOf(admin.token)).toBe("admin");
    expect(tokenKindOf("sk-123")).toBeNull();
  });

  it("stores a SHA-256 hex hash and a 12-character prefix", () => {
    const { token, prefix, hash } = generateToken("team");
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hash);
    expect(prefix).toBe(token.slice(0, 12));
    expect(tokenPrefix(token)).toBe(prefix);
    expect(hash).not.toContain(token.slice(4));
  });

  it("carries 256 random bits: no repeats, every base62 digit used, values spread over the full range", () => {
    const bodies = Array.from({ length: 2000 }, () => generateToken("team").token.slice(4));
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(new Set(bodies.join("")).size).toBe(62);
    const values = bodies.map(decodeBase62);
    const max = 1n << 256n;
    expect(values.every((v) => v < max)).toBe(true);
    // The top bit is set in about half of the tokens (binomial(2000, 0.5): 5 sigma is ±112).
    const topBitSet = values.filter((v) => v >= max / 2n).length;
    expect(Math.abs(topBitSet - 1000)).toBeLessThan(112);
  });

  it("base62 is fixed-width and exact at the extremes", () => {
    expect(base62(new Uint8Array(32), 43)).toBe("0".repeat(43));
    const allOnes = new Uint8Array(32).fill(0xff);
    expect(decodeBase62(base62(allOnes, 43))).toBe((1n << 256n) - 1n);
    expect(() => base62(allOnes, 42)).toThrow(/needs 43 digits/);
  });

  it("compares hashes in constant time and rejects length mismatches", () => {
    const h = hashToken("x");
    expect(hashesEqual(h, hashToken("x"))).toBe(true);
    expect(hashesEqual(h, hashToken("y"))).toBe(false);
    expect(hashesEqual(h, h.slice(0, 10))).toBe(false);
    expect(hashesEqual("", "")).toBe(false);
  });

  it("reads bearer tokens", () => {
    expect(bearerToken(new Headers({ authorization: "Bearer gha_abc" }))).toBe("gha_abc");
    expect(bearerToken(new Headers({ authorization: "bearer   gha_abc " }))).toBe("gha_abc");
    expect(bearerToken(new Headers({ authorization: "Basic dXNlcjpwYXNz" }))).toBeNull();
    expect(bearerToken(new Headers())).toBeNull();
  });
});
