// Streaming chat completions. An attempt only succeeds once its first chunk has arrived, so failover
// can happen up to the first byte the client sees; after that, a broken stream ends with an SSE
// error event and no [DONE]. The client's disconnect aborts the upstream call.

import type { Dispatcher } from "undici";
import { UpstreamStreamError, type StreamDecoder, type TranslateContext, type UpstreamRequest } from "../providers/types";
import { clientClosed, httpFailure, runAttempts, type AttemptResult } from "./attempts";
import { translateContext, unavailable } from "./chat";
import { GatewayError } from "./errors";
import { networkErrorKind } from "./failure-text";
import { responseHeaders, traceUsage, type Exchange } from "./exchange";
import type { ChatCompletionChunk, ChatCompletionRequest, Usage } from "./openai-types";
import { scrubSecrets } from "./scrub-secrets";
import { pickOrder, type RoutedTarget, type SnapshotEndpoint } from "./snapshot-build";
import { StreamAssembler } from "./stream-assembler";
import { endStreamAttempt, streamDeadline, streamOpenFailure } from "./stream-attempt";
import type { GatewayResponse } from "./types";
import { AttemptDeadline, retryAfterMs, sendUpstream } from "./upstream";

interface OpenStream {
  body: Dispatcher.ResponseData["body"];
  iterator: AsyncIterator<Buffer>;
  decoder: StreamDecoder;
  deadline: AttemptDeadline;
  first: ChatCompletionChunk[];
  /** The upstream already ended (all chunks decoded before commit). */
  ended: boolean;
}

const DONE = Buffer.from("data: [DONE]\n\n");

async function streamAttempt(
  ex: Exchange,
  endpoint: SnapshotEndpoint,
  target: RoutedTarget,
  upstream: UpstreamRequest,
  ctx: TranslateContext,
): Promise<AttemptResult<OpenStream>> {
  const adapter = target.adapter as NonNullable<RoutedTarget["adapter"]>;
  const { firstByteMs, deadline } = streamDeadline(ex, endpoint);
  let body: Dispatcher.ResponseData["body"] | null = null;
  const started = performance.now();
  try {
    const res = await sendUpstream(upstream, {
      signal: deadline.signal,
      headersTimeout: firstByteMs,
      bodyTimeout: endpoint.timeoutMs,
    });
    body = res.body;
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const text = await res.body.text();
      ex.upstreamMs += performance.now() - started;
      deadline.dispose();
      return httpFailure(endpoint, target, res.statusCode, adapter.errorMessage(res.statusCode, text), retryAfterMs(res.headers));
    }
    const decoder = adapter.chatStream(target, ctx);
    const iterator = res.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let first: ChatCompletionChunk[] = [];
    let ended = false;
    while (first.length === 0) {
      const next = await iterator.next();
      if (next.done) {
        first = decoder.end();
        ended = true;
        if (first.length === 0) throw new UpstreamStreamError("the upstream stream ended without any chunk");
        break;
      }
      first = decoder.push(next.value);
    }
    deadline.clearTimer();
    ex.upstreamMs += performance.now() - started;
    return { ok: true, value: { body: res.body, iterator, decoder, deadline, first, ended } };
  } catch (err) {
    ex.upstreamMs += performance.now() - started;
    body?.destroy();
    deadline.dispose();
    return streamOpenFailure(ex, err, deadline, firstByteMs, target);
  }
}

export async function handleChatStream(ex: Exchange, endpoint: SnapshotEndpoint, req: ChatCompletionRequest): Promise<GatewayResponse> {
  ex.streaming = true;
  const ctx = translateContext(ex, endpoint);
  const open = await runAttempts<OpenStream>(ex, endpoint, pickOrder(endpoint), async (target) => {
    const adapter = target.adapter;
    if (adapter === undefined) return unavailable(target);
    const upstream = await adapter.chatRequest(req, target, true);
    return streamAttempt(ex, endpoint, target, upstream, ctx);
  });
  ex.ttftMs = ex.elapsedMs();
  const headers = responseHeaders(ex, "text/event-stream; charset=utf-8", false);
  headers["cache-control"] = "no-cache";
  headers["x-accel-buffering"] = "no";
  return { status: 200, headers, body: relay(ex, open, req.stream_options?.include_usage === true) };
}

/** Serialises chunks as SSE; usage is stripped from content chunks and (when the client asked for
 * it) sent once at the end as OpenAI does: a chunk with empty `choices`. */
class SseWriter {
  usage: Usage | null = null;
  last: ChatCompletionChunk | null = null;

  constructor(private readonly assembler: StreamAssembler | null) {}

  encode(chunks: ChatCompletionChunk[]): Buffer | null {
    let out = "";
    for (const chunk of chunks) {
      const usage = chunk.usage;
      if (usage !== undefined) {
        if (usage) this.usage = usage;
        delete chunk.usage;
        if (usage && chunk.choices.length === 0) continue; // usage-only chunk: re-sent at the end
      }
      this.last = chunk;
      this.assembler?.add(chunk);
      out += `data: ${JSON.stringify(chunk)}\n\n`;
    }
    return out.length > 0 ? Buffer.from(out) : null;
  }

  usageChunk(): Buffer | null {
    if (this.usage === null || this.last === null) return null;
    const { id, created, model } = this.last;
    return Buffer.from(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage: this.usage })}\n\n`);
  }
}

async function* relay(ex: Exchange, open: OpenStream, includeUsage: boolean): AsyncGenerator<Uint8Array> {
  const assembler = ex.capturing ? new StreamAssembler() : null;
  const writer = new SseWriter(assembler);
  let error: GatewayError | null = null;
  let complete = false;
  try {
    const first = writer.encode(open.first);
    if (first) yield first;
    if (!open.ended) {
      for (;;) {
        const next = await open.iterator.next();
        if (next.done) break;
        const out = writer.encode(open.decoder.push(next.value));
        if (out) yield out;
      }
      const tail = writer.encode(open.decoder.end());
      if (tail) yield tail;
    }
    const usage = includeUsage ? writer.usageChunk() : null;
    if (usage) yield usage;
    yield DONE;
    complete = true;
  } catch (err) {
    error = midStreamError(ex, err);
    if (error.status !== 499) {
      yield Buffer.from(`data: ${JSON.stringify(error.toJSON())}\n\n`);
    }
  } finally {
    if (!complete) {
      open.body.destroy();
      error ??= clientClosed();
    }
    open.deadline.dispose();
    finishStream(ex, writer, assembler, error);
  }
}

export function midStreamError(ex: Exchange, err: unknown): GatewayError {
  if (ex.req.signal.aborted) {
    return clientClosed();
  }
  const e = err as Error & { code?: string };
  const timeout = e.code === "UND_ERR_BODY_TIMEOUT";
  if (timeout) {
    return new GatewayError(502, `Upstream stream stalled: no data within ${ex.endpoint?.timeoutMs} ms`, "timeout_error", "upstream_timeout");
  }
  const full = `Upstream stream failed after it started: ${ex.target ? scrubSecrets(e.message, ex.target) : e.message}`;
  // A network error reads as its kind (its text may name the upstream's address); the provider's own
  // stream errors (UpstreamStreamError) and the gateway's are relayed as they are.
  const kind = networkErrorKind(err);
  const provider = ex.target?.provider ?? "upstream";
  const message = kind === null ? full : `Upstream stream failed after it started: the connection to the upstream provider (${provider}) broke: ${kind}`;
  return new GatewayError(502, message, "upstream_error", "stream_interrupted").withDetail(kind === null ? null : full);
}

function finishStream(ex: Exchange, writer: SseWriter, assembler: StreamAssembler | null, error: GatewayError | null): void {
  endStreamAttempt(ex, traceUsage(writer.usage), error);
  if (assembler !== null) ex.responsePayload = assembler.result(writer.usage);
  // The HTTP status was 200 (already sent); an interrupted stream is recorded with the error's status.
  ex.finish(error?.status ?? 200, error);
}
