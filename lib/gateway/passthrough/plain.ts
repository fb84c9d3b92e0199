// Non-streaming passthrough: one buffered upstream call per attempt (the core's routing loop does
// split, fallback and Retry-After); the winning response's bytes go to the client unchanged, its
// JSON is read for usage and the trace. As in the core's buffered attempts (sendBuffered): at most
// `timeoutMs` to the response head and between body chunks.

import type { IncomingHttpHeaders } from "node:http";
import { bufferedCallFailure, failure, runAttempts, type AttemptResult } from "../attempts";
import { unavailable } from "../chat";
import { responseHeaders, type Exchange } from "../exchange";
import type { RoutedTarget, SnapshotEndpoint } from "../snapshot-build";
import type { GatewayResponse } from "../types";
import { sendBuffered } from "../upstream";
import type { UpstreamRequest } from "../../providers/types";
import { contentTypeOf, forwardedResponseHeaders } from "./headers";
import type { PassthroughCall } from "./types";
import { upstreamHttpFailure } from "./upstream-error";

interface PlainResponse {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  json: unknown;
}

async function plainAttempt(
  ex: Exchange,
  call: PassthroughCall,
  endpoint: SnapshotEndpoint,
  target: RoutedTarget,
  upstream: UpstreamRequest,
): Promise<AttemptResult<PlainResponse>> {
  const started = performance.now();
  try {
    const res = await sendBuffered(upstream, {
      signal: ex.upstreamSignal,
      client: ex.req,
      headersTimeout: endpoint.timeoutMs,
      bodyTimeout: endpoint.timeoutMs,
    });
    const bytes = res.body;
    ex.upstreamMs += performance.now() - started;
    if (res.statusCode < 200 || res.statusCode >= 300) {
      return upstreamHttpFailure(call, endpoint, target, res.statusCode, bytes.toString("utf8"), res.headers);
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString("utf8"));
    } catch (err) {
      return failure("invalid_response", `Invalid upstream response: ${(err as Error).message}`, res.statusCode);
    }
    return { ok: true, value: { status: res.statusCode, headers: res.headers, bytes, json } };
  } catch (err) {
    ex.upstreamMs += performance.now() - started;
    return bufferedCallFailure(ex, endpoint, target, err);
  }
}

export async function relayPlain(
  ex: Exchange,
  endpoint: SnapshotEndpoint,
  order: RoutedTarget[],
  call: PassthroughCall,
): Promise<GatewayResponse> {
  const format = call.route.format;
  const res = await runAttempts<PlainResponse>(ex, endpoint, order, async (target) => {
    call.lastRetryAfter = null;
    if (target.adapter === undefined) return unavailable(target);
    return plainAttempt(ex, call, endpoint, target, format.upstream(call, target));
  });
  ex.usage = format.usage(call.route, res.json);
  ex.attempts[ex.attempts.length - 1].usage = ex.usage;
  if (ex.capturing) ex.responsePayload = format.captureResponse ? format.captureResponse(call.route, res.json) : res.json;
  const headers = {
    ...forwardedResponseHeaders(res.headers),
    ...responseHeaders(ex, contentTypeOf(res.headers, "application/json"), true),
  };
  return { status: res.status, headers, body: res.bytes };
}
