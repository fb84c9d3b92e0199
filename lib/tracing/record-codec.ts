// Trace records as they cross to the writer thread: flat arrays instead of objects. The structured
// clone behind postMessage writes every property name of every object it copies; positional
// tuples (with payloads already text) cost the gateway's thread about a third as much per record.
// Payload text longer than the writer will store is cut here first, so a 30 MB request body is
// not copied to the worker only to be truncated there (the cut keeps more UTF-8 bytes than the
// limit, so the writer still cuts on a character boundary and flags the trace as truncated).

import type { GatewayTraceRecord, TraceAttempt, TraceUsage } from "../gateway/trace-hook";

type UsageTuple = [input: number, output: number, cacheRead: number, cacheCreation: number, total: number];
type AttemptTuple = [
  provider: string,
  model: string,
  start: number,
  end: number,
  status: TraceAttempt["status"],
  httpStatus: number | null,
  error: string | null,
  usage: UsageTuple | null,
];

export type EncodedRecord = [
  requestId: string,
  startTime: number,
  endpoint: string,
  endpointId: string,
  teamId: string | null,
  tokenId: string,
  route: GatewayTraceRecord["route"],
  operation: GatewayTraceRecord["operation"],
  provider: string | null,
  model: string | null,
  status: GatewayTraceRecord["status"],
  httpStatus: number,
  errorType: string | null,
  errorMessage: string | null,
  latencyMs: number,
  ttftMs: number | null,
  usage: UsageTuple | null,
  streaming: boolean,
  attempts: AttemptTuple[],
  /** 0: no payloads captured; 1: captured (request/response may still be undefined). */
  captured: 0 | 1,
  request: unknown,
  response: unknown,
  caller: string | null,
  metadata: Record<string, unknown> | null,
  traceparent: string | null,
];

const usageTuple = (u: TraceUsage | null): UsageTuple | null => (u ? [u.input, u.output, u.cacheRead, u.cacheCreation, u.total] : null);
const usageOf = (t: UsageTuple | null): TraceUsage | null =>
  t ? { input: t[0], output: t[1], cacheRead: t[2], cacheCreation: t[3], total: t[4] } : null;

function capText(value: unknown, maxChars: number): unknown {
  return typeof value === "string" && value.length > maxChars ? value.slice(0, maxChars) : value;
}

/** `maxPayloadBytes`: the writer's payload limit (payload text beyond limit + 1 characters is cut). */
export function encodeRecord(r: GatewayTraceRecord, maxPayloadBytes: number): EncodedRecord {
  const captured = "request" in r || "response" in r;
  const maxChars = maxPayloadBytes + 1;
  return [
    r.requestId,
    r.startTime,
    r.endpoint,
    r.endpointId,
    r.teamId,
    r.tokenId,
    r.route,
    r.operation,
    r.provider,
    r.model,
    r.status,
    r.httpStatus,
    r.errorType,
    r.errorMessage,
    r.latencyMs,
    r.ttftMs,
    usageTuple(r.usage),
    r.streaming,
    r.attempts.map((a) => [a.provider, a.model, a.start, a.end, a.status, a.httpStatus, a.error, usageTuple(a.usage)]),
    captured ? 1 : 0,
    captured ? capText(r.request, maxChars) : undefined,
    captured ? capText(r.response, maxChars) : undefined,
    r.caller,
    r.metadata,
    r.traceparent,
  ];
}

export function decodeRecord(t: EncodedRecord): GatewayTraceRecord {
  const record: GatewayTraceRecord = {
    requestId: t[0],
    startTime: t[1],
    endpoint: t[2],
    endpointId: t[3],
    teamId: t[4],
    tokenId: t[5],
    route: t[6],
    operation: t[7],
    provider: t[8],
    model: t[9],
    status: t[10],
    httpStatus: t[11],
    errorType: t[12],
    errorMessage: t[13],
    latencyMs: t[14],
    ttftMs: t[15],
    usage: usageOf(t[16]),
    streaming: t[17],
    attempts: t[18].map((a) => ({
      provider: a[0],
      model: a[1],
      start: a[2],
      end: a[3],
      status: a[4],
      httpStatus: a[5],
      error: a[6],
      usage: usageOf(a[7]),
    })),
    caller: t[22],
    metadata: t[23],
    traceparent: t[24],
  };
  if (t[19] === 1) {
    record.request = t[20];
    record.response = t[21];
  }
  return record;
}
