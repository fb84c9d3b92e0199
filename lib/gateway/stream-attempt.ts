// What the two streaming paths (unified chat streams, lib/gateway/chat-stream.ts, and passthrough
// streams, lib/gateway/passthrough/stream.ts) share: waiting for an attempt's first bytes, and
// recording how the relayed attempt ended.

import { connectionFailure, failure, type AttemptFailure } from "./attempts";
import type { GatewayError } from "./errors";
import type { Exchange } from "./exchange";
import { gatewaySettings } from "./settings";
import type { RoutedTarget, SnapshotEndpoint } from "./snapshot-build";
import type { TraceUsage } from "./trace-hook";
import { AttemptDeadline, classifyUpstreamError } from "./upstream";

/** The first-byte deadline of one stream attempt: the gateway setting, never above the endpoint's
 * timeout; it also ends when the client disconnects. */
export function streamDeadline(ex: Exchange, endpoint: SnapshotEndpoint): { firstByteMs: number; deadline: AttemptDeadline } {
  const firstByteMs = Math.min(gatewaySettings().firstByteTimeoutMs, endpoint.timeoutMs);
  return { firstByteMs, deadline: new AttemptDeadline(ex.req.signal, firstByteMs) };
}

/** The failure of a stream attempt that threw before its first bytes: the first-byte timeout, the
 * client's disconnect, the provider's stream failing (an UpstreamStreamError: its error event, or
 * no data at all), or else a connection failure (the caller reads its kind, the trace its text). */
export function streamOpenFailure(
  ex: Exchange,
  err: unknown,
  deadline: AttemptDeadline,
  firstByteMs: number,
  target: RoutedTarget,
): { ok: false; failure: AttemptFailure } {
  const kind = classifyUpstreamError(err, deadline.timedOut, ex.req.signal);
  if (kind === "timeout") return failure(kind, `No stream data within ${firstByteMs} ms`);
  if (kind === "cancelled") return failure(kind, "Client closed the request");
  if ((err as Error | null)?.name === "UpstreamStreamError") {
    return failure("connection", `Upstream stream error: ${(err as Error).message}`);
  }
  return connectionFailure(target, err);
}

/** Records the end of the relayed (last) attempt: the usage seen and, when the stream was cut, the
 * error (499 = the client left: "cancelled"). */
export function endStreamAttempt(ex: Exchange, usage: TraceUsage | null, error: GatewayError | null): void {
  ex.usage = usage;
  const attempt = ex.attempts[ex.attempts.length - 1];
  attempt.end = Date.now();
  attempt.usage = ex.usage;
  if (error !== null) {
    attempt.status = error.status === 499 ? "cancelled" : "error";
    attempt.error = error.traceMessage;
  }
}
