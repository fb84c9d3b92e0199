// The routing loop: try the drawn attempt order, falling over on connection errors, timeouts and the
// endpoint's fallback statuses, up to maxAttempts; wait out a short Retry-After before retrying the
// same target (skip it when the wait is too long); return non-retryable upstream errors as-is; and
// when everything failed, answer 502/503/504 listing every attempt — or 503 `gateway_misconfigured`
// when no target could even be called because of the gateway's own configuration. What the caller
// reads leaves out the gateway's internals; the trace and the server log get the full text
// (failure-text.ts).

import { setTimeout as sleep } from "node:timers/promises";
import { GatewayError, type GatewayErrorType } from "./errors";
import type { Exchange } from "./exchange";
import { connectionFailedDetail, connectionFailedMessage, MISCONFIGURED_TARGET, misconfiguredMessage } from "./failure-text";
import { scrubSecrets, scrubUpstreamAddress } from "./scrub-secrets";
import { gatewaySettings } from "./settings";
import type { RoutedTarget, SnapshotEndpoint } from "./snapshot-build";
import type { AttemptStatus } from "./trace-hook";
import { classifyUpstreamError } from "./upstream";

export type FailureKind = "http" | "timeout" | "connection" | "cancelled" | "invalid_response" | "unavailable" | "unsupported";

export interface AttemptFailure {
  kind: FailureKind;
  httpStatus: number | null;
  /** What the caller may read (no secret ids, fingerprints, internal addresses). */
  message: string;
  /** The full text for the trace and the server log, when `message` leaves part of it out. */
  detail: string | null;
  retryAfterMs: number | null;
  /** Non-retryable failures carry the error the client gets. */
  error: GatewayError | null;
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; failure: AttemptFailure };

export function failure(
  kind: FailureKind,
  message: string,
  httpStatus: number | null = null,
  retryAfterMs: number | null = null,
  error: GatewayError | null = null,
): { ok: false; failure: AttemptFailure } {
  return { ok: false, failure: { kind, httpStatus, message, detail: null, retryAfterMs, error } };
}

/** A target the gateway cannot call because of its own configuration (`detail` says why: a secret
 * that is missing or cannot be decrypted, no API key, …): the caller reads a generic reason. */
export function misconfiguredFailure(detail: string): { ok: false; failure: AttemptFailure } {
  const result = failure("unavailable", MISCONFIGURED_TARGET);
  result.failure.detail = detail;
  return result;
}

/** A connection that failed (refused, reset, DNS, TLS): the caller reads the provider and the kind,
 * the trace the full error (with the upstream address). */
export function connectionFailure(target: RoutedTarget, err: unknown): { ok: false; failure: AttemptFailure } {
  const result = failure("connection", connectionFailedMessage(target.provider, err));
  result.failure.detail = connectionFailedDetail(err);
  return result;
}

/** A buffered upstream call (sendBuffered) that threw before an HTTP answer: its deadline, the
 * client leaving, or the connection. */
export function bufferedCallFailure(ex: Exchange, endpoint: SnapshotEndpoint, target: RoutedTarget, err: unknown): { ok: false; failure: AttemptFailure } {
  const kind = classifyUpstreamError(err, false, ex.upstreamSignal);
  if (kind === "connection") return connectionFailure(target, err);
  return failure(kind, kind === "timeout" ? `No response within ${endpoint.timeoutMs} ms` : "Client closed the request");
}

/** An upstream HTTP error: retryable when its status is in the endpoint's fallback list, otherwise
 * returned to the client (see upstreamHttpError). runAttempts scrubs the stored credentials out of
 * the provider's message (some providers echo the key they rejected). */
export function httpFailure(
  endpoint: SnapshotEndpoint,
  target: RoutedTarget,
  status: number,
  message: string,
  retryAfter: number | null,
): { ok: false; failure: AttemptFailure } {
  const text = status === 401 || status === 403 ? CREDENTIALS_REJECTED : message;
  if (endpoint.fallbackOn.has(status)) return failure("http", text, status, retryAfter);
  return failure("http", text, status, retryAfter, upstreamHttpError(endpoint, target, status, text));
}

const CREDENTIALS_REJECTED = "the provider rejected the credentials configured for this target";

/** What the client gets for a non-retryable upstream error. Statuses that speak about the client's
 * own request (400, 413, 422, 429, 408/409) keep their status; an upstream 401/403 (the stored key
 * was rejected) or 404 (the configured model or deployment does not exist) is the gateway's
 * configuration, not the caller's token or `model`, so it is a 502 — a 401 would read as "your team
 * token is wrong" and a 404 as "no such endpoint" to the caller's SDK. */
function upstreamHttpError(endpoint: SnapshotEndpoint, target: RoutedTarget, status: number, message: string): GatewayError {
  const who = `${target.provider} (${target.model})`;
  const details = { provider: target.provider, upstream_status: status };
  if (status === 401 || status === 403) {
    return new GatewayError(
      502,
      `${who} rejected the credentials configured for endpoint '${endpoint.name}' (HTTP ${status}).`,
      "upstream_error",
      "upstream_auth_failed",
      null,
      details,
    );
  }
  if (status === 404) {
    return new GatewayError(
      502,
      `${who} answered 404 for endpoint '${endpoint.name}': the configured model or deployment was not found (${message}).`,
      "upstream_error",
      "upstream_model_not_found",
      null,
      details,
    );
  }
  const type: GatewayErrorType =
    status === 400 || status === 413 || status === 422 ? "invalid_request_error" : status === 429 ? "rate_limit_error" : "upstream_error";
  const code = status >= 500 ? "upstream_server_error" : "upstream_client_error";
  const httpStatus = status >= 400 && status < 600 ? status : 502;
  return new GatewayError(httpStatus, `${who} returned ${status}: ${message}`, type, code, null, details);
}

const STATUS_OF: Record<FailureKind, AttemptStatus> = {
  http: "error",
  timeout: "timeout",
  connection: "error",
  cancelled: "cancelled",
  invalid_response: "error",
  unavailable: "error",
  unsupported: "error",
};

export type AttemptFn<T> = (target: RoutedTarget) => Promise<AttemptResult<T>>;

export async function runAttempts<T>(ex: Exchange, endpoint: SnapshotEndpoint, order: RoutedTarget[], fn: AttemptFn<T>): Promise<T> {
  const n = order.length;
  if (n === 0) {
    throw new GatewayError(503, `Endpoint '${endpoint.name}' has no models configured.`, "server_error", "no_targets");
  }
  const failures: Array<AttemptFailure & { target: RoutedTarget }> = [];
  let readyAt: number[] | null = null;
  let idx = 0;
  for (let attempt = 0; attempt < endpoint.maxAttempts; attempt++) {
    if (attempt > 0) {
      const next = nextTarget(idx, n, readyAt as number[]);
      if (next === null) break;
      idx = next.index;
      if (next.waitMs > 0) await waitBeforeRetry(ex, next.waitMs);
      if (ex.req.disconnected) throw clientClosed(); // nobody is waiting for a fallback's answer
    }
    const target = order[idx];
    ex.target = target;
    const start = Date.now();
    let result: AttemptResult<T>;
    try {
      result = await fn(target);
    } catch (err) {
      // Translation refused the request. A 4xx (unsupported parameter) is the client's error when it
      // is the first target, a skipped target when falling over; a 5xx (misconfigured target, e.g.
      // a secret without a key) is a failed target, the gateway's configuration.
      if (!(err instanceof GatewayError)) throw err;
      if (err.status >= 500) result = misconfiguredFailure(err.traceMessage);
      else if (failures.length === 0) throw err;
      else result = failure("unsupported", err.message);
    }
    const f = result.ok ? null : result.failure;
    // Every failure's text may quote the provider (an in-stream error event, an invalid body, a
    // connection error): the stored credentials are scrubbed here once, for the client and the trace.
    // The caller's text also loses the target's upstream address (the trace keeps it).
    if (f !== null) {
      const full = scrubSecrets(f.detail ?? f.message, target);
      f.message = scrubUpstreamAddress(scrubSecrets(f.message, target), target);
      f.detail = full === f.message ? null : full;
      const error = f.error;
      if (error !== null) {
        const scrubbed = scrubSecrets(error.message, target);
        error.message = scrubUpstreamAddress(scrubbed, target);
        if (scrubbed !== error.message) error.detail ??= scrubbed;
      }
      if (f.kind === "unavailable") logMisconfigured(ex, endpoint, target, f.detail ?? f.message);
    }
    ex.attempts.push({
      provider: target.provider,
      model: target.model,
      start,
      end: Date.now(),
      status: f === null ? "ok" : STATUS_OF[f.kind],
      httpStatus: f === null ? 200 : f.httpStatus,
      error: f === null ? null : (f.detail ?? f.message),
      usage: null,
    });
    if (f === null) return (result as { ok: true; value: T }).value;
    if (f.kind === "cancelled") throw clientClosed();
    if (f.error !== null) throw f.error;
    failures.push({ ...f, target });
    readyAt ??= new Array<number>(n).fill(0);
    readyAt[idx] =
      f.kind === "unsupported" || f.kind === "unavailable"
        ? Number.POSITIVE_INFINITY // retrying cannot help
        : Date.now() + (f.retryAfterMs ?? (n === 1 ? sameTargetBackoff(attempt) : 0));
  }
  throw allAttemptsFailed(ex, endpoint, failures);
}

/** Targets and reasons already logged: a broken secret fails every request routed to it, so each
 * reason is logged once per target (with the first request's id); the traces keep every one. */
const LOGGED = new Set<string>();

function logMisconfigured(ex: Exchange, endpoint: SnapshotEndpoint, target: RoutedTarget, detail: string): void {
  const key = `${target.id}\0${detail}`;
  if (LOGGED.has(key)) return;
  if (LOGGED.size >= 1_000) LOGGED.clear();
  LOGGED.add(key);
  console.error(
    `[gatehouse] endpoint '${endpoint.name}' cannot call ${target.provider}/${target.model} (first seen in request ${ex.requestId}): ${detail}`,
  );
}

/** Next target after `idx`, cycling; skips targets whose Retry-After is beyond the bound. */
function nextTarget(idx: number, n: number, readyAt: number[]): { index: number; waitMs: number } | null {
  const now = Date.now();
  const maxWait = gatewaySettings().maxRetryAfterMs;
  for (let step = 1; step <= n; step++) {
    const j = (idx + step) % n;
    const wait = readyAt[j] - now;
    if (wait <= maxWait) return { index: j, waitMs: Math.max(0, wait) };
  }
  return null;
}

function sameTargetBackoff(attempt: number): number {
  return Math.min(1_000, 100 * 2 ** attempt);
}

async function waitBeforeRetry(ex: Exchange, ms: number): Promise<void> {
  const start = performance.now();
  try {
    await sleep(ms, undefined, { signal: ex.req.signal });
  } catch {
    throw clientClosed();
  } finally {
    ex.waitMs += performance.now() - start;
  }
}

export function clientClosed(): GatewayError {
  return new GatewayError(499, "The client closed the request.", "server_error", "client_closed_request");
}

function allAttemptsFailed(ex: Exchange, endpoint: SnapshotEndpoint, failures: Array<AttemptFailure & { target: RoutedTarget }>): GatewayError {
  const every = (pred: (f: AttemptFailure) => boolean) => failures.every(pred);
  let status = 502;
  let type: GatewayErrorType = "upstream_error";
  let code = "upstream_failed";
  // Both lists name the targets tried (provider/model): the caller's with what it may read, the
  // trace's with the full text.
  const summary = failures.map((f) => `${f.target.provider}/${f.target.model}: ${describe(f, f.message)}`).join("; ");
  const fullSummary = failures.map((f) => `${f.target.provider}/${f.target.model}: ${describe(f, f.detail ?? f.message)}`).join("; ");
  const attempts = failures.map((f) => ({ provider: f.target.provider, model: f.target.model, status: f.httpStatus, error: f.message }));
  const detail = `All ${failures.length} attempt(s) for '${endpoint.name}' failed: ${fullSummary}`;
  if (every((f) => f.kind === "unavailable")) {
    // Nothing was sent upstream: the gateway's configuration, not an upstream failure.
    return new GatewayError(503, misconfiguredMessage(endpoint.name, ex.requestId), "server_error", "gateway_misconfigured", null, {
      attempts,
    }).withDetail(detail);
  }
  if (every((f) => f.kind === "timeout")) {
    status = 504;
    type = "timeout_error";
    code = "upstream_timeout";
  } else if (every((f) => f.httpStatus === 429)) {
    status = 503;
    type = "rate_limit_error";
    code = "upstream_rate_limited";
  } else if (every((f) => f.httpStatus === 429 || f.httpStatus === 503)) {
    status = 503;
    code = "upstream_unavailable";
  }
  const message = `All ${failures.length} attempt(s) for '${endpoint.name}' failed: ${summary}`;
  return new GatewayError(status, message, type, code, null, { attempts }).withDetail(detail === message ? null : detail);
}

function describe(f: AttemptFailure, text: string): string {
  if (f.kind === "http") return `HTTP ${f.httpStatus} (${text})`;
  return text;
}
