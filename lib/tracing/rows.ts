// Gateway trace records → Trace / Span rows. Runs in the background writer, never on the request
// path: payload serialisation and cost computation happen here.

import type { GatewayTraceRecord, TraceUsage } from "../gateway/trace-hook";
import type { Cost } from "../usage/prices";
import { capturePayload } from "./payload";

export interface TraceRow {
  id: string;
  startedAt: Date;
  endpointId: string | null;
  endpointName: string;
  teamId: string | null;
  tokenId: string | null;
  route: string;
  operation: string;
  provider: string | null;
  model: string | null;
  status: string;
  httpStatus: number;
  errorType: string | null;
  errorMessage: string | null;
  latencyMs: number;
  ttftMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheCreationTokens: number | null;
  totalTokens: number | null;
  inputCostUsd: number | null;
  outputCostUsd: number | null;
  costUsd: number | null;
  streaming: boolean;
  attempts: number;
  requestPayload: string | null;
  responsePayload: string | null;
  /** requestTruncated || responseTruncated. */
  payloadTruncated: boolean;
  caller: string | null;
  /** JSON text of the `x-gatehouse-metadata` object. */
  metadata: string | null;
  traceparent: string | null;
  /** The request payload was cut at the size cap. */
  requestTruncated: boolean;
  /** The response payload was cut at the size cap. */
  responseTruncated: boolean;
}

export interface SpanRow {
  traceId: string;
  attempt: number;
  provider: string;
  model: string;
  startedAt: Date;
  endedAt: Date;
  latencyMs: number;
  status: string;
  httpStatus: number | null;
  error: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheCreationTokens: number | null;
}

/** The columns a trace list item reads (lib/tracing/queries.ts selects exactly these). */
export const TRACE_LIST_FIELDS = {
  id: true,
  startedAt: true,
  endpointId: true,
  endpointName: true,
  teamId: true,
  tokenId: true,
  route: true,
  operation: true,
  provider: true,
  model: true,
  status: true,
  httpStatus: true,
  errorType: true,
  errorMessage: true,
  latencyMs: true,
  ttftMs: true,
  inputTokens: true,
  outputTokens: true,
  cacheReadTokens: true,
  cacheCreationTokens: true,
  totalTokens: true,
  costUsd: true,
  streaming: true,
  attempts: true,
  caller: true,
} as const satisfies Partial<Record<keyof TraceRow, true>>;

// Column order of the INSERTs (lib/tracing/sql.ts). A Record over the row type makes the compiler
// check that every field is listed, and nothing else.
const TRACE_FIELDS: Record<keyof TraceRow, true> = {
  ...TRACE_LIST_FIELDS,
  inputCostUsd: true,
  outputCostUsd: true,
  requestPayload: true,
  responsePayload: true,
  payloadTruncated: true,
  metadata: true,
  traceparent: true,
  requestTruncated: true,
  responseTruncated: true,
};
const SPAN_FIELDS: Record<keyof SpanRow, true> = {
  traceId: true,
  attempt: true,
  provider: true,
  model: true,
  startedAt: true,
  endedAt: true,
  latencyMs: true,
  status: true,
  httpStatus: true,
  error: true,
  inputTokens: true,
  outputTokens: true,
  cacheReadTokens: true,
  cacheCreationTokens: true,
};
export const TRACE_COLUMNS = Object.keys(TRACE_FIELDS) as (keyof TraceRow)[];
export const SPAN_COLUMNS = Object.keys(SPAN_FIELDS) as (keyof SpanRow)[];

/** Error messages are bounded like payloads: an upstream may answer with a huge error body. */
const MAX_ERROR_CHARS = 4000;

function clip(text: string | null): string | null {
  return text && text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

/**
 * The `x-gatehouse-caller` tag is a rollup dimension (part of UsageRollup's key) and a dashboard
 * filter, and any client can send any header value: it is cut to this many characters when the
 * trace is written, so a long value cannot bloat every rollup row and index key. (Capped here, in
 * the writer, not on the gateway's request path.) Filters are cut the same way (schemas.ts).
 */
const MAX_CALLER_CHARS = 64;

/** `caller` cut to MAX_CALLER_CHARS (never in the middle of a surrogate pair). */
export function capCaller(caller: string): string;
export function capCaller(caller: string | null): string | null;
export function capCaller(caller: string | null): string | null {
  if (caller === null || caller.length <= MAX_CALLER_CHARS) return caller;
  const last = caller.charCodeAt(MAX_CALLER_CHARS - 1);
  return caller.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_CALLER_CHARS - 1 : MAX_CALLER_CHARS);
}

function int(n: number): number {
  return Math.max(0, Math.round(n));
}

/**
 * Cost of the record's final usage, or:
 * - null when usage was reported but the model has no price, or when an attempt got a successful
 *   upstream response whose usage is unknown (e.g. a stream cut before its usage chunk);
 * - 0 when no attempt got a successful upstream response (providers do not bill failed calls).
 */
export function traceCost(
  record: GatewayTraceRecord,
  price: (provider: string, model: string, usage: TraceUsage) => Cost | null,
): Cost | null {
  if (record.usage && record.provider && record.model) return price(record.provider, record.model, record.usage);
  const reachedModel = record.attempts.some((a) => a.httpStatus !== null && a.httpStatus < 400);
  return reachedModel ? null : { inputCostUsd: 0, outputCostUsd: 0, costUsd: 0 };
}

export function traceRow(record: GatewayTraceRecord, cost: Cost | null, maxPayloadBytes: number): TraceRow {
  const request = capturePayload(record.request, maxPayloadBytes);
  const response = capturePayload(record.response, maxPayloadBytes);
  const u = record.usage;
  return {
    id: record.requestId,
    startedAt: new Date(record.startTime),
    endpointId: record.endpointId || null,
    endpointName: record.endpoint,
    teamId: record.teamId,
    tokenId: record.tokenId || null,
    route: record.route,
    operation: record.operation,
    provider: record.provider,
    model: record.model,
    status: record.status,
    httpStatus: record.httpStatus,
    errorType: record.errorType,
    errorMessage: clip(record.errorMessage),
    latencyMs: int(record.latencyMs),
    ttftMs: record.ttftMs === null ? null : int(record.ttftMs),
    inputTokens: u ? u.input : null,
    outputTokens: u ? u.output : null,
    cacheReadTokens: u ? u.cacheRead : null,
    cacheCreationTokens: u ? u.cacheCreation : null,
    totalTokens: u ? u.total : null,
    inputCostUsd: cost?.inputCostUsd ?? null,
    outputCostUsd: cost?.outputCostUsd ?? null,
    costUsd: cost?.costUsd ?? null,
    streaming: record.streaming,
    attempts: record.attempts.length,
    requestPayload: request.text,
    responsePayload: response.text,
    payloadTruncated: request.truncated || response.truncated,
    caller: capCaller(record.caller),
    metadata: record.metadata ? JSON.stringify(record.metadata) : null,
    traceparent: record.traceparent,
    requestTruncated: request.truncated,
    responseTruncated: response.truncated,
  };
}

export function spanRows(record: GatewayTraceRecord): SpanRow[] {
  return record.attempts.map((a, attempt) => ({
    traceId: record.requestId,
    attempt,
    provider: a.provider,
    model: a.model,
    startedAt: new Date(a.start),
    endedAt: new Date(a.end),
    latencyMs: int(a.end - a.start),
    status: a.status,
    httpStatus: a.httpStatus,
    error: clip(a.error),
    inputTokens: a.usage ? a.usage.input : null,
    outputTokens: a.usage ? a.usage.output : null,
    cacheReadTokens: a.usage ? a.usage.cacheRead : null,
    cacheCreationTokens: a.usage ? a.usage.cacheCreation : null,
  }));
}
