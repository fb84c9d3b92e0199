// What a caller may read about a failed attempt. Gateway errors go to team applications, which must
// not learn the operator's internals: secret names and ids, key fingerprints, operator instructions
// (`npm run kek:rotate`), internal upstream addresses (`connect ECONNREFUSED 10.0.0.7:8000`) or URL
// paths. The caller gets the provider and the kind of failure; the trace and the server log keep the
// full text (AttemptFailure.detail, GatewayError.detail).

/** The per-attempt reason of a target the gateway could not call because of its own configuration
 * (secret missing or not decryptable, no API key, no base URL, provider not in this build). */
export const MISCONFIGURED_TARGET =
  "the gateway cannot use this target's provider credentials or settings (a configuration problem on the gateway; the Gatehouse administrator can see why in the trace)";

/** The message of the 503 `gateway_misconfigured` answer: every attempt failed that way. */
export function misconfiguredMessage(endpointName: string, requestId: string): string {
  return (
    `Endpoint '${endpointName}' is unavailable: its provider credentials or settings cannot be used on the gateway ` +
    `(a configuration problem on the gateway, not in your request). The Gatehouse administrator can see why in the trace of request ${requestId}.`
  );
}

const KIND_BY_CODE: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  ECONNABORTED: "connection reset",
  UND_ERR_SOCKET: "connection reset",
  UND_ERR_CLOSED: "connection reset",
  ENOTFOUND: "DNS lookup failed",
  EAI_AGAIN: "DNS lookup failed",
  EAI_NONAME: "DNS lookup failed",
  EAI_FAIL: "DNS lookup failed",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "host unreachable",
  EHOSTDOWN: "host unreachable",
  ENETDOWN: "host unreachable",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS error",
  UNABLE_TO_GET_ISSUER_CERT: "TLS error",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "TLS error",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS error",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS error",
  HOSTNAME_MISMATCH: "TLS error",
};

function codesOf(err: unknown): string[] {
  const out: string[] = [];
  let e = err as { code?: unknown; cause?: unknown; errors?: unknown } | null | undefined;
  // The error itself, its cause chain (fetch-style wrappers), and an AggregateError's first error
  // (Node's happy-eyeballs connect tries every address).
  for (let depth = 0; e !== null && typeof e === "object" && depth < 4; depth++) {
    if (typeof e.code === "string") out.push(e.code);
    if (Array.isArray(e.errors) && e.errors.length > 0) {
      const first = e.errors[0] as { code?: unknown };
      if (typeof first?.code === "string") out.push(first.code);
    }
    e = e.cause as typeof e;
  }
  return out;
}

/** The kind of a network error ("connection refused", "connection reset", "DNS lookup failed",
 * "TLS error", "connection timed out", "host unreachable"), or null when `err` is not one. */
export function networkErrorKind(err: unknown): string | null {
  for (const code of codesOf(err)) {
    const kind = KIND_BY_CODE[code];
    if (kind !== undefined) return kind;
    if (code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") || code.startsWith("CERT_")) return "TLS error";
  }
  return null;
}

/** A failed connection as the caller reads it: the provider and the kind, no address or path. */
export function connectionFailedMessage(provider: string, err: unknown): string {
  return `Could not connect to the upstream provider (${provider}): ${networkErrorKind(err) ?? "connection failed"}`;
}

/** The full text of a failed connection, for the trace and the server log. */
export function connectionFailedDetail(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown } | null;
  const message = typeof e?.message === "string" && e.message !== "" ? e.message : String(err);
  const codes = codesOf(err);
  return `Upstream connection failed: ${message}${codes.length > 0 && !message.includes(codes[0]) ? ` (${codes[0]})` : ""}`;
}
