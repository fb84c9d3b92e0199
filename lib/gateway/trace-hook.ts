// What the gateway core records per request, and where it hands it: a single synchronous sink
// (lib/tracing registers one that appends to an in-memory queue). The registry lives on globalThis
// so the Next bundle's copy of this module and the production server's copy share it.

export interface TraceUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
  total: number;
}

export type TraceRoute = "unified" | "invocations" | "passthrough-anthropic" | "passthrough-openai" | "passthrough-gemini";
export type TraceOperation = "chat" | "embeddings" | "count_tokens";

export type AttemptStatus = "ok" | "error" | "timeout" | "cancelled";

export interface TraceAttempt {
  provider: string;
  model: string;
  /** epoch ms */
  start: number;
  end: number;
  status: AttemptStatus;
  /** Upstream HTTP status; null when no response (connection error, timeout, cancelled). */
  httpStatus: number | null;
  error: string | null;
  usage: TraceUsage | null;
}

export interface GatewayTraceRecord {
  /** Also the trace id and the `x-request-id` response header. */
  requestId: string;
  /** epoch ms */
  startTime: number;
  endpoint: string;
  endpointId: string;
  teamId: string | null;
  tokenId: string;
  /** "unified" = /gateway/mlflow/v1/*, "invocations" = /gateway/{endpoint}/mlflow/invocations,
   * "passthrough-<provider>" = /gateway/{anthropic,openai,gemini}/* (provider-native APIs) */
  route: TraceRoute;
  /** "count_tokens": the providers' token-counting endpoints (passthrough only; free). */
  operation: TraceOperation;
  /** The target that finally served (or was last tried); null when none was tried. */
  provider: string | null;
  model: string | null;
  status: "ok" | "error";
  httpStatus: number;
  errorType: string | null;
  errorMessage: string | null;
  latencyMs: number;
  /** Streaming: time to the first chunk sent to the client. */
  ttftMs: number | null;
  usage: TraceUsage | null;
  streaming: boolean;
  attempts: TraceAttempt[];
  /** Present when the endpoint captures payloads. For streams the response is the assembled final
   * message; for embeddings the vectors are summarised (count + dimensions). */
  request?: unknown;
  response?: unknown;
  caller: string | null;
  metadata: Record<string, unknown> | null;
  traceparent: string | null;
}

/** Must be synchronous and cheap (an append to a queue); it runs after the response completes. */
export type TraceSink = (record: GatewayTraceRecord) => void;

const KEY = Symbol.for("gatehouse.gateway.traceSink");
type Holder = { [KEY]?: TraceSink | null };

export function setTraceSink(sink: TraceSink | null): void {
  (globalThis as Holder)[KEY] = sink;
}

export function getTraceSink(): TraceSink | null {
  return (globalThis as Holder)[KEY] ?? null;
}
