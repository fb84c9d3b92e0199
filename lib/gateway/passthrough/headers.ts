// What crosses the gateway in each direction. Requests: the client's headers minus its credentials,
// hop-by-hop headers, Gatehouse's own headers and client-network details; the format adds the
// stored credential. Responses: an allowlist of provider headers (rate limits, request ids), so
// nothing that belongs to the provider's origin (cookies, HSTS, Alt-Svc) is replayed on ours.

import type { Dispatcher } from "undici";
import type { GatewayHeaders } from "../types";

/** RFC 9110 §7.6.1 hop-by-hop headers, plus the request framing the relay recomputes. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-connection",
  "proxy-authorization",
  "proxy-authenticate",
  "host",
  "content-length",
  "expect",
]);

/** Credentials any provider SDK may send: the client's team token, never forwarded. */
const CREDENTIALS = new Set(["authorization", "x-api-key", "x-goog-api-key", "api-key", "cookie"]);

/** Set from the stored secret's config (or by the relay), never by the caller. */
const GATEWAY_OWNED = new Set([
  "accept-encoding", // the relay asks for identity so it can read usage from the bytes
  "openai-organization",
  "openai-project",
  "x-goog-user-project",
  "forwarded",
  "x-real-ip",
]);

function dropped(name: string, connectionTokens: ReadonlySet<string>): boolean {
  return (
    HOP_BY_HOP.has(name) ||
    CREDENTIALS.has(name) ||
    GATEWAY_OWNED.has(name) ||
    connectionTokens.has(name) ||
    name.startsWith("proxy-") ||
    name.startsWith("x-forwarded-") ||
    name.startsWith("x-gatehouse-")
  );
}

/** The client headers to forward upstream (lower-case names; repeated values joined). */
export function forwardedRequestHeaders(headers: GatewayHeaders): Record<string, string> {
  // Headers named in `Connection` are hop-by-hop too (RFC 9110 §7.6.1).
  const connection = headers.connection;
  const connectionTokens = new Set(
    (Array.isArray(connection) ? connection.join(",") : (connection ?? ""))
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t !== ""),
  );
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || dropped(name, connectionTokens)) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  out["accept-encoding"] = "identity";
  return out;
}

const RESPONSE_HEADERS = new Set(["retry-after", "retry-after-ms", "request-id", "openai-processing-ms", "openai-version"]);
const RESPONSE_HEADER_PREFIXES = ["x-ratelimit-", "anthropic-ratelimit-"];

/** The upstream response headers the client sees. The upstream's own `x-request-id` becomes
 * `x-upstream-request-id` (Gatehouse's `x-request-id` is the trace id). */
export function forwardedResponseHeaders(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (name === "x-request-id") out["x-upstream-request-id"] = text;
    else if (RESPONSE_HEADERS.has(name) || RESPONSE_HEADER_PREFIXES.some((p) => name.startsWith(p))) out[name] = text;
  }
  return out;
}

/** The upstream's content type, or `fallback`. */
export function contentTypeOf(headers: Dispatcher.ResponseData["headers"], fallback: string): string {
  const value = headers["content-type"];
  const text = Array.isArray(value) ? value[0] : value;
  return text || fallback;
}

/** The client's query string without credentials (`?key=` is how Gemini clients may send theirs). */
export function forwardedQuery(query: URLSearchParams): URLSearchParams {
  if (!query.has("key")) return query;
  const out = new URLSearchParams(query);
  out.delete("key");
  return out;
}
