// API tokens: `gth_` (team tokens, for /gateway/*) and `gha_` (admin API tokens, for /api/v1/*),
// followed by 32 random bytes in base62 (43 characters, 256 bits). Only the SHA-256 hash is stored;
// the first 12 characters are kept as a visible prefix so people can tell tokens apart.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** What the console and the API show of any token (admin or team): never the token or its hash. */
export interface TokenSummary {
  id: string;
  name: string;
  /** The first characters of the token, to recognise it (e.g. gth_AbCdEf…). */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export const TOKEN_PREFIXES = { team: "gth_", admin: "gha_" } as const;
export type TokenKind = keyof typeof TOKEN_PREFIXES;

export const TOKEN_RANDOM_BYTES = 32;
/** ceil(256 / log2(62)) = 43 base62 digits hold any 32-byte value. */
export const TOKEN_BODY_LENGTH = 43;
export const TOKEN_VISIBLE_PREFIX_LENGTH = 12;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Fixed-width base62 of a byte string (big-endian), left-padded with "0". */
export function base62(bytes: Uint8Array, width: number): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
  let out = "";
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  if (out.length > width) throw new Error(`base62: value needs ${out.length} digits, more than ${width}`);
  return out.padStart(width, "0");
}

export interface GeneratedToken {
  /** The full token: shown to the user exactly once, never stored. */
  token: string;
  prefix: string;
  hash: string;
}

export function generateToken(kind: TokenKind): GeneratedToken {
  const token = TOKEN_PREFIXES[kind] + base62(randomBytes(TOKEN_RANDOM_BYTES), TOKEN_BODY_LENGTH);
  return { token, prefix: tokenPrefix(token), hash: hashToken(token) };
}

/** SHA-256 hex of the token: what the database stores and looks tokens up by. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function tokenPrefix(token: string): string {
  return token.slice(0, TOKEN_VISIBLE_PREFIX_LENGTH);
}

/** The kind a token claims by its prefix (not proof: the database decides). */
export function tokenKindOf(token: string): TokenKind | null {
  if (token.startsWith(TOKEN_PREFIXES.team)) return "team";
  if (token.startsWith(TOKEN_PREFIXES.admin)) return "admin";
  return null;
}

/** Constant-time equality of two hex digests (false when lengths differ). */
export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** `Authorization: Bearer <token>` → token, or null when absent / not a bearer credential. */
export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : null;
}
