// Chat completions (non-streaming) and the attempt helpers shared with streaming and embeddings.

import type { UpstreamRequest, TranslateContext } from "../providers/types";
import { bufferedCallFailure, failure, httpFailure, misconfiguredFailure, runAttempts, type AttemptResult } from "./attempts";
import { responseHeaders, traceUsage, type Exchange } from "./exchange";
import type { ChatCompletion, ChatCompletionRequest } from "./openai-types";
import { pickOrder, type RoutedTarget, type SnapshotEndpoint } from "./snapshot-build";
import type { GatewayResponse } from "./types";
import { retryAfterMs, sendBuffered } from "./upstream";

export function translateContext(ex: Exchange, endpoint: SnapshotEndpoint): TranslateContext {
  return { requestId: ex.requestId, created: Math.floor(ex.startTime / 1000), endpointName: endpoint.name };
}

/** One buffered (non-streaming) upstream call: request → full body → `parse` on 2xx. The attempt
 * timeout is sendBuffered's: at most `timeoutMs` until the response head (one timer), and at most
 * `timeoutMs` between body chunks (undici's); no abort listener on the hot path. */
export async function bufferedAttempt<T>(
  ex: Exchange,
  endpoint: SnapshotEndpoint,
  target: RoutedTarget,
  upstream: UpstreamRequest,
  parse: (body: unknown) => T,
): Promise<AttemptResult<T>> {
  const adapter = target.adapter as NonNullable<RoutedTarget["adapter"]>;
  const started = performance.now();
  try {
    const res = await sendBuffered(upstream, {
      signal: ex.upstreamSignal,
      client: ex.req,
      headersTimeout: endpoint.timeoutMs,
      bodyTimeout: endpoint.timeoutMs,
    });
    const text = res.body.toString("utf8");
    ex.upstreamMs += performance.now() - started;
    if (res.statusCode < 200 || res.statusCode >= 300) {
      return httpFailure(endpoint, target, res.statusCode, adapter.errorMessage(res.statusCode, text), retryAfterMs(res.headers));
    }
    try {
      return { ok: true, value: parse(JSON.parse(text)) };
    } catch (err) {
      return failure("invalid_response", `Invalid upstream response: ${(err as Error).message}`, res.statusCode);
    }
  } catch (err) {
    ex.upstreamMs += performance.now() - started;
    return bufferedCallFailure(ex, endpoint, target, err);
  }
}

/** A target the snapshot marked as not callable (its secret is missing or cannot be decrypted, its
 * provider is not in this build): the gateway's configuration; the reason goes to the trace only. */
export function unavailable(target: RoutedTarget): AttemptResult<never> {
  return misconfiguredFailure(target.unavailable ?? `Provider '${target.provider}' is not available`);
}

export async function handleChat(ex: Exchange, endpoint: SnapshotEndpoint, req: ChatCompletionRequest): Promise<GatewayResponse> {
  const ctx = translateContext(ex, endpoint);
  const completion = await runAttempts<ChatCompletion>(ex, endpoint, pickOrder(endpoint), async (target) => {
    const adapter = target.adapter;
    if (adapter === undefined) return unavailable(target);
    const upstream = await adapter.chatRequest(req, target, false);
    return bufferedAttempt(ex, endpoint, target, upstream, (body) => adapter.chatResponse(body, target, ctx));
  });
  ex.usage = traceUsage(completion.usage);
  ex.attempts[ex.attempts.length - 1].usage = ex.usage;
  const body = JSON.stringify(completion);
  if (ex.capturing) ex.responsePayload = body; // the text the client receives
  return { status: 200, headers: responseHeaders(ex, "application/json", true), body };
}
