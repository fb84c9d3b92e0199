// Upstream HTTP errors on passthrough routes. Retryable statuses (the endpoint's fallback list)
// fall over like on the unified API. A non-retryable error reaches the client in the provider's
// own error format (so its SDK raises the error it knows), with the stored credentials scrubbed —
// except when the provider rejected those credentials (401/403): that is a gateway
// misconfiguration, answered 502 without the provider's text (which may echo part of the key).

import type { Dispatcher } from "undici";
import { failure, type AttemptFailure } from "../attempts";
import { GatewayError, type GatewayErrorType } from "../errors";
import type { RoutedTarget, SnapshotEndpoint } from "../snapshot-build";
import { retryAfterMs } from "../upstream";
import { scrubSecrets } from "./headers";

/** A provider error relayed in the provider's format: `toJSON()` is the provider's error body. */
export class NativeUpstreamError extends GatewayError {
  constructor(
    status: number,
    message: string,
    private readonly native: unknown,
    target: RoutedTarget,
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
    );
  }

  override toJSON() {
    return (this.native ?? super.toJSON()) as ReturnType<GatewayError["toJSON"]>;
  }
}

function nativeBody(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

export function upstreamHttpFailure(
  endpoint: SnapshotEndpoint,
  target: RoutedTarget,
  status: number,
  body: string,
  headers: Dispatcher.ResponseData["headers"],
): { ok: false; failure: AttemptFailure } {
  const credentialsRejected = status === 401 || status === 403;
  const message = credentialsRejected
    ? `HTTP ${status}: the provider rejected the credentials configured for this target`
    : scrubSecrets(target.adapter?.errorMessage(status, body) ?? body.slice(0, 500), target);
  const retryAfter = retryAfterMs(headers);
  if (endpoint.fallbackOn.has(status)) return failure("http", message, status, retryAfter);
  const error = credentialsRejected
    ? new GatewayError(
        502,
        `${target.provider} (${target.model}) rejected the credentials configured for endpoint '${endpoint.name}' (HTTP ${status}).`,
        "upstream_error",
        "upstream_auth_failed",
        null,
        { provider: target.provider, upstream_status: status },
      )
    : new NativeUpstreamError(
        status,
        `${target.provider} (${target.model}) returned ${status}: ${message}`,
        nativeBody(scrubSecrets(body, target)),
        target,
      );
  return failure("http", message, status, retryAfter, error);
}
