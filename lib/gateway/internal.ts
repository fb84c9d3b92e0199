// In-process chat completions for Gatehouse's own features (LLM judges): the real chat path —
// snapshot, routing, fallback, retries, tracing — without a team token. The trace is tagged with
// `caller` (e.g. "judge") and carries no team or token. Non-streaming only. A failed call is traced
// too (internalRequestIdOf(error) names its trace).

import { handleChat } from "./chat";
import { GatewayError, invalidRequest } from "./errors";
import { Exchange } from "./exchange";
import type { ChatCompletion, ChatCompletionRequest } from "./openai-types";
import { parseChatRequest } from "./schemas";
import { currentSnapshot } from "./snapshot";
import type { TraceUsage } from "./trace-hook";
import { endpointKindPhrase } from "../endpoints/kind-phrase";

export interface InternalChatRequest {
  /** A chat endpoint name. */
  endpoint: string;
  /** The OpenAI chat body; `model` and `stream` are set here. */
  body: Omit<ChatCompletionRequest, "model" | "stream">;
  /** Recorded as the trace's caller tag. */
  caller: string;
  metadata?: Record<string, unknown> | null;
  /** Aborts the call (the trace records it as cancelled). */
  signal?: AbortSignal;
}

export interface InternalChatResult {
  /** The trace id of the call. */
  requestId: string;
  completion: ChatCompletion;
  /** The target that served. */
  provider: string;
  model: string;
  usage: TraceUsage | null;
  latencyMs: number;
}

const NEVER_ABORTED = new AbortController().signal;

/** The trace id of the failed call each thrown error came from. */
const failedCalls = new WeakMap<GatewayError, string>();

/** The trace id of the invokeChatInternal call that threw `err`, when the failure was traced;
 * null otherwise (no such endpoint, usage tracking off, an error from anywhere else). */
export function internalRequestIdOf(err: GatewayError): string | null {
  return failedCalls.get(err) ?? null;
}

/** Runs one chat completion through the gateway core. Throws the GatewayError a client would get. */
export async function invokeChatInternal(request: InternalChatRequest): Promise<InternalChatResult> {
  const ex = new Exchange({
    method: "POST",
    path: "/gateway/mlflow/v1/chat/completions",
    query: new URLSearchParams(),
    headers: { "x-gatehouse-caller": request.caller },
    body: null,
    signal: request.signal ?? NEVER_ABORTED,
  });
  ex.metadata = request.metadata ?? null;
  ex.abortUpstream = request.signal !== undefined;
  try {
    const pending = currentSnapshot();
    const snapshot = pending instanceof Promise ? await pending : pending;
    const endpoint = snapshot.endpoints.get(request.endpoint);
    if (endpoint === undefined) {
      throw new GatewayError(404, `The model '${request.endpoint}' does not exist.`, "not_found_error", "model_not_found", "model");
    }
    ex.endpoint = endpoint;
    if (endpoint.kind !== "chat") {
      throw invalidRequest(`Endpoint '${endpoint.name}' is ${endpointKindPhrase(endpoint.kind)}, not a chat endpoint.`, "model", "wrong_endpoint_kind");
    }
    const req = parseChatRequest({ ...request.body, model: endpoint.name, stream: false });
    if (ex.capturing) ex.requestPayload = req;
    const res = await handleChat(ex, endpoint, req);
    const completion = JSON.parse(res.body as string) as ChatCompletion;
    ex.finish(200, null);
    return {
      requestId: ex.requestId,
      completion,
      provider: ex.target?.provider ?? "",
      model: ex.target?.model ?? "",
      usage: ex.usage,
      latencyMs: ex.elapsedMs(),
    };
  } catch (err) {
    let error: GatewayError;
    if (err instanceof GatewayError) {
      error = err;
    } else {
      console.error(`[gatehouse] internal request ${ex.requestId} failed:`, err);
      error = new GatewayError(500, `Internal gateway error (request ${ex.requestId}).`, "server_error", "internal_error");
    }
    if (ex.tracing) failedCalls.set(error, ex.requestId);
    ex.finish(error.status, error);
    throw error;
  }
}
