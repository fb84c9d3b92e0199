// Per-request state: identity, timings, attempts and usage, and the trace record built from them
// once the request completes (only when the endpoint tracks usage and a sink is registered).

import { GatewayError, invalidRequest } from "./errors";
import { uuidv7 } from "./request-id";
import type { Usage } from "./openai-types";
import type { RoutedTarget, SnapshotEndpoint, SnapshotToken } from "./snapshot-build";
import { getTraceSink, type GatewayTraceRecord, type TraceAttempt, type TraceOperation, type TraceRoute, type TraceUsage } from "./trace-hook";
import { header, type GatewayRequest } from "./types";

export type RouteKind = TraceRoute;

export class Exchange {
  readonly startTime = Date.now();
  readonly requestId = uuidv7(this.startTime);
  readonly t0 = performance.now();
  /** Time inside upstream calls (request → last body byte), summed over attempts. */
  upstreamMs = 0;
  /** Time spent waiting on Retry-After / backoff between attempts. */
  waitMs = 0;
  token: SnapshotToken | null = null;
  endpoint: SnapshotEndpoint | null = null;
  operation: TraceOperation = "chat";
  streaming = false;
  readonly attempts: TraceAttempt[] = [];
  /** The target that served (or was tried last). */
  target: RoutedTarget | null = null;
  usage: TraceUsage | null = null;
  ttftMs: number | null = null;
  requestPayload: unknown = undefined;
  responsePayload: unknown = undefined;
  metadata: Record<string, unknown> | null = null;
  route: RouteKind = "unified";
  /** Buffered upstream calls follow `req.signal` (in-process callers that cancel, e.g. evaluation
   * runs); off for HTTP clients, whose disconnect cancels the call through `req.inflight` instead
   * (no AbortSignal or listener per call). */
  abortUpstream = false;

  constructor(readonly req: GatewayRequest) {}

  /** What cancels a buffered upstream call (see `abortUpstream`): the client's signal, or nothing. */
  get upstreamSignal(): AbortSignal | null {
    return this.abortUpstream ? this.req.signal : null;
  }

  elapsedMs(): number {
    return performance.now() - this.t0;
  }

  /** True when a trace will be recorded, so callers can skip building payloads otherwise. */
  get tracing(): boolean {
    return this.endpoint !== null && this.endpoint.usageTracking && getTraceSink() !== null;
  }

  get capturing(): boolean {
    return this.tracing && (this.endpoint as SnapshotEndpoint).capturePayloads;
  }

  /** Parses `x-gatehouse-metadata` (a JSON object) up front so a bad header is a 400, not lost. */
  readMetadata(): void {
    const raw = header(this.req.headers, "x-gatehouse-metadata");
    if (raw === undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalidRequest("Header 'x-gatehouse-metadata' must be a JSON object.", "x-gatehouse-metadata");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw invalidRequest("Header 'x-gatehouse-metadata' must be a JSON object.", "x-gatehouse-metadata");
    }
    this.metadata = value as Record<string, unknown>;
  }

  /** Hands the trace record to the sink. `error` is what the client received, if anything failed. */
  finish(httpStatus: number, error: GatewayError | null): void {
    if (!this.tracing) return;
    const endpoint = this.endpoint as SnapshotEndpoint;
    const record: GatewayTraceRecord = {
      requestId: this.requestId,
      startTime: this.startTime,
      endpoint: endpoint.name,
      endpointId: endpoint.id,
      teamId: this.token?.teamId ?? null,
      tokenId: this.token?.id ?? "",
      route: this.route,
      operation: this.operation,
      provider: this.target?.provider ?? null,
      model: this.target?.model ?? null,
      status: error === null ? "ok" : "error",
      httpStatus,
      errorType: error?.code ?? null,
      // The full text (error.detail): the caller's message leaves out the gateway's internals.
      errorMessage: error?.traceMessage ?? null,
      latencyMs: this.elapsedMs(),
      ttftMs: this.ttftMs,
      usage: this.usage,
      streaming: this.streaming,
      attempts: this.attempts,
      caller: header(this.req.headers, "x-gatehouse-caller") ?? null,
      metadata: this.metadata,
      traceparent: header(this.req.headers, "traceparent") ?? null,
    };
    if (endpoint.capturePayloads) {
      record.request = this.requestPayload;
      record.response = this.responsePayload;
    }
    try {
      (getTraceSink() as (r: GatewayTraceRecord) => void)(record);
    } catch (err) {
      console.error(`[gatehouse] trace sink failed for request ${this.requestId}:`, err);
    }
  }
}

export function traceUsage(u: Usage | null | undefined): TraceUsage | null {
  if (!u) return null;
  const input = u.prompt_tokens ?? 0;
  const output = u.completion_tokens ?? 0;
  return {
    input,
    output,
    cacheRead: u.prompt_tokens_details?.cached_tokens ?? 0,
    cacheCreation: u.cache_creation_input_tokens ?? 0,
    total: u.total_tokens ?? input + output,
  };
}

/** Standard response headers; `overhead` only for non-streaming responses. */
export function responseHeaders(ex: Exchange, contentType: string, withOverhead: boolean): Record<string, string> {
  const elapsed = ex.elapsedMs();
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-request-id": ex.requestId,
    "x-gatehouse-duration-ms": elapsed.toFixed(3),
  };
  if (withOverhead) {
    headers["x-gatehouse-overhead-ms"] = Math.max(0, elapsed - ex.upstreamMs - ex.waitMs).toFixed(3);
  }
  return headers;
}
