// Streaming passthrough. Like the unified API's streams, an attempt succeeds only once its first
// bytes arrived (within the first-byte timeout), so failover happens before anything reaches the
// client; after that the upstream bytes are relayed as they arrive while a tracker parses a copy
// for usage. A stream that breaks afterwards ends with the format's error event and is recorded as
// an error with the usage seen so far. The client's disconnect aborts the upstream call.

import type { Dispatcher } from "undici";
import { UpstreamStreamError, type UpstreamRequest } from "../../providers/types";
import { clientClosed, failure, runAttempts, type AttemptResult } from "../attempts";
import { unavailable } from "../chat";
import { midStreamError } from "../chat-stream";
import { GatewayError } from "../errors";
import { responseHeaders, type Exchange } from "../exchange";
import type { RoutedTarget, SnapshotEndpoint } from "../snapshot-build";
import { endStreamAttempt, streamDeadline, streamOpenFailure } from "../stream-attempt";
import type { GatewayResponse } from "../types";
import { AttemptDeadline, sendUpstream } from "../upstream";
import { scrubSecrets } from "../scrub-secrets";
import { contentTypeOf, forwardedResponseHeaders } from "./headers";
import type { PassthroughCall, StreamTracker } from "./types";
import { upstreamHttpFailure } from "./upstream-error";

interface OpenStream {
  status: number;
  headers: Dispatcher.ResponseData["headers"];
  body: Dispatcher.ResponseData["body"];
  iterator: AsyncIterator<Buffer>;
  tracker: StreamTracker;
  deadline: AttemptDeadline;
  target: RoutedTarget;
  /** What the client gets first (the first upstream bytes, as the tracker passed them). */
  first: Uint8Array;
  /** The upstream already ended while waiting for the first bytes. */
  ended: boolean;
}

const EMPTY = new Uint8Array(0);

async function streamAttempt(
  ex: Exchange,
  endpoint: SnapshotEndpoint,
  target: RoutedTarget,
  call: PassthroughCall,
  upstream: UpstreamRequest,
): Promise<AttemptResult<OpenStream>> {
  const { firstByteMs, deadline } = streamDeadline(ex, endpoint);
  let body: Dispatcher.ResponseData["body"] | null = null;
  const started = performance.now();
  try {
    const res = await sendUpstream(upstream, { signal: deadline.signal, headersTimeout: firstByteMs, bodyTimeout: endpoint.timeoutMs });
    body = res.body;
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const text = await res.body.text();
      ex.upstreamMs += performance.now() - started;
      deadline.dispose();
      return upstreamHttpFailure(call, endpoint, target, res.statusCode, text, res.headers);
    }
    const tracker = call.route.format.tracker(call, ex.capturing);
    const iterator = res.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let first: Uint8Array = EMPTY;
    let ended = false;
    while (first.byteLength === 0) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        first = tracker.end() ?? EMPTY;
        if (first.byteLength === 0) throw new UpstreamStreamError("the upstream stream ended without any data");
        break;
      }
      first = tracker.push(next.value);
    }
    ex.upstreamMs += performance.now() - started;
    if (tracker.upstreamError !== null) {
      // The provider failed before anything reached the client: fall over like on a 5xx.
      body.destroy();
      deadline.dispose();
      return failure("connection", `Upstream stream error: ${tracker.upstreamError}`);
    }
    deadline.clearTimer();
    return { ok: true, value: { status: res.statusCode, headers: res.headers, body: res.body, iterator, tracker, deadline, target, first, ended } };
  } catch (err) {
    ex.upstreamMs += performance.now() - started;
    body?.destroy();
    deadline.dispose();
    return streamOpenFailure(ex, err, deadline, firstByteMs, target);
  }
}

export async function relayStream(
  ex: Exchange,
  endpoint: SnapshotEndpoint,
  order: RoutedTarget[],
  call: PassthroughCall,
): Promise<GatewayResponse> {
  ex.streaming = true;
  const open = await runAttempts<OpenStream>(ex, endpoint, order, async (target) => {
    call.lastRetryAfter = null;
    if (target.adapter === undefined) return unavailable(target);
    return streamAttempt(ex, endpoint, target, call, call.route.format.upstream(call, target));
  });
  ex.ttftMs = ex.elapsedMs();
  const headers = {
    ...forwardedResponseHeaders(open.headers),
    ...responseHeaders(ex, contentTypeOf(open.headers, "text/event-stream"), false),
    "cache-control": "no-cache",
    "x-accel-buffering": "no",
  };
  return { status: open.status, headers, body: relay(ex, call, open) };
}

async function* relay(ex: Exchange, call: PassthroughCall, open: OpenStream): AsyncGenerator<Uint8Array> {
  const { tracker } = open;
  const format = call.route.format;
  let error: GatewayError | null = null;
  let finished = false;
  try {
    if (open.first.byteLength > 0) yield open.first;
    if (!open.ended) {
      for (;;) {
        const next = await open.iterator.next();
        if (next.done) break;
        const out = tracker.push(next.value);
        if (out.byteLength > 0) yield out;
      }
      const tail = tracker.end();
      if (tail !== null && tail.byteLength > 0) yield tail;
    }
    if (tracker.upstreamError !== null) {
      // The provider's own error event already reached the client as-is.
      error = new GatewayError(
        502,
        `Upstream stream error: ${scrubSecrets(tracker.upstreamError, open.target)}`,
        "upstream_error",
        "upstream_stream_error",
      );
    } else if (!tracker.complete) {
      error = new GatewayError(502, "The upstream stream ended before it was complete.", "upstream_error", "stream_interrupted");
      yield Buffer.from(format.errorEvent(error, tracker));
    }
    finished = true;
  } catch (err) {
    error = midStreamError(ex, err);
    if (error.status !== 499) yield Buffer.from(format.errorEvent(error, tracker));
  } finally {
    if (!finished) {
      open.body.destroy();
      error ??= clientClosed();
    }
    open.deadline.dispose();
    finishStream(ex, tracker, error);
  }
}

function finishStream(ex: Exchange, tracker: StreamTracker, error: GatewayError | null): void {
  endStreamAttempt(ex, tracker.usage(), error);
  if (ex.capturing) ex.responsePayload = tracker.result();
  // The HTTP status was the upstream's 2xx (already sent); a broken stream is recorded with the error's.
  ex.finish(error?.status ?? 200, error);
}
