// Upstream HTTP errors on passthrough routes. Retryable statuses (the endpoint's fallback list)
// fall over like on the unified API. A non-retryable error reaches the client in the provider's
// own error format (so its SDK raises the error it knows), with the stored credentials scrubbed —
// except when the provider rejected those credentials (401/403): that is a gateway
// misconfiguration, answered 502 without the provider's text (which may echo part of the key).
// A relayed error carries the provider's headers as a success does (Retry-After, rate limits,
// request id: forwardedResponseHeaders); when every attempt failed, the answer carries the last
// attempt's Retry-After, if it had one.

import type { Dispatcher } from "undici";
import { failure, httpFailure, type AttemptFailure } from "../attempts";
import { GatewayError, type GatewayErrorType } from "../errors";
import type { RoutedTarget, SnapshotEndpoint } from "../snapshot-build";
import { retryAfterMs } from "../upstream";
import { scrubSecrets, scrubUpstreamAddress } from "../scrub-secrets";
import { forwardedResponseHeaders } from "./headers";
import type { PassthroughCall } from "./types";

/** A gateway error whose response also carries provider response headers. */
export class ProviderHeadersError extends GatewayError {
  constructor(
    status: number,
    message: string,
    type: GatewayErrorType,
    code: string,
    param: string | null,
    extra: Record<string, unknown> | undefined,
    /** Added to the error response (never `x-request-id`, which stays Gatehouse's). */
    readonly headers: Record<string, string>,
  ) {
    super(status, message, type, code, param, extra);
  }
}

/** A provider error relayed in the provider's format: `toJSON()` is the provider's error body
 * (when it was JSON), the headers those a success would have forwarded. */
export class NativeUpstreamError extends ProviderHeadersError {
  constructor(
    status: number,
    message: string,
    /** The provider's error body; undefined when it was not a JSON object. */
    readonly native: unknown,
    target: RoutedTarget,
    headers: Record<string, string>,
  ) {
    const type: GatewayErrorType =
      status === 429 ? "rate_limit_error" : status >= 400 && status < 500 ? "invalid_request_error" : "upstream_error";
    super(
      status >= 400 && status < 600 ? status : 502,
      message,
      type,
      status >= 500 ? "upstream_server_error" : "upstream_client_error",
      null,
      { provider: target.provider, upstream_status: status },
      headers,
    );
  }

  override toJSON() {
    return (this.native ?? super.toJSON()) as ReturnType<GatewayError["toJSON"]>;
  }
}

/** The codes of the core's "every attempt failed" errors (attempts.ts, allAttemptsFailed). */
const ALL_FAILED = new Set(["upstream_failed", "upstream_timeout", "upstream_rate_limited", "upstream_unavailable"]);

/** `err` with the last failed attempt's Retry-After headers when every attempt failed; else `err`. */
export function withLastRetryAfter(err: unknown, call: PassthroughCall): unknown {
  const headers = call.lastRetryAfter;
  if (headers === null || !(err instanceof GatewayError) || err instanceof ProviderHeadersError || !ALL_FAILED.has(err.code)) return err;
  const out = new ProviderHeadersError(err.status, err.message, err.type, err.code, err.param, err.extra, headers);
  out.stack = err.stack;
  out.detail = err.detail;
  return out;
}

/** The Retry-After headers of an upstream response (`retry-after`, `retry-after-ms`), or null. */
function retryAfterHeaders(headers: Dispatcher.ResponseData["headers"]): Record<string, string> | null {
  const seconds = headers["retry-after"];
  const ms = headers["retry-after-ms"];
  if (typeof seconds !== "string" && typeof ms !== "string") return null;
  const out: Record<string, string> = {};
  if (typeof seconds === "string") out["retry-after"] = seconds;
  if (typeof ms === "string") out["retry-after-ms"] = ms;
  return out;
}

function nativeBody(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An upstream HTTP error as an attempt failure; records its Retry-After on `call.lastRetryAfter`. */
export function upstreamHttpFailure(
  call: PassthroughCall,
  endpoint: SnapshotEndpoint,
  target: RoutedTarget,
  status: number,
  body: string,
  headers: Dispatcher.ResponseData["headers"],
): { ok: false; failure: AttemptFailure } {
  const message = target.adapter?.errorMessage(status, body) ?? body.slice(0, 500);
  const retryAfter = retryAfterMs(headers);
  call.lastRetryAfter = retryAfterHeaders(headers);
  // Retryable statuses and a rejected stored key are the unified API's (attempts.ts): a 502 of ours
  // for the key. Any other provider error is relayed in the provider's own shape and headers.
  if (status === 401 || status === 403 || endpoint.fallbackOn.has(status)) return httpFailure(endpoint, target, status, message, retryAfter);
  // runAttempts scrubs the messages; the relayed body is scrubbed here.
  const error = new NativeUpstreamError(
    status,
    `${target.provider} (${target.model}) returned ${status}: ${message}`,
    nativeBody(scrubUpstreamAddress(scrubSecrets(body, target), target)),
    target,
    forwardedResponseHeaders(headers),
  );
  return failure("http", message, status, retryAfter, error);
}
