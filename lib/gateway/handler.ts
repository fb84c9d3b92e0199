// The gateway core's entry point: routes a transport-neutral request to chat, embeddings or the
// models list. No Next.js or node:http here (see lib/server and app/gateway for the adapters).

import { authenticate, authorizeEndpoint } from "./auth";
import { capturedRequest, parseJsonObject, readBody } from "./body";
import { handleChat } from "./chat";
import { handleChatStream } from "./chat-stream";
import { handleEmbeddings } from "./embeddings";
import { GatewayError, invalidRequest } from "./errors";
import { Exchange, responseHeaders } from "./exchange";
import { parseChatRequest, parseEmbeddingsRequest } from "./schemas";
import { errorBody } from "./passthrough/error-body";
import { handlePassthrough } from "./passthrough/handler";
import { matchPassthrough } from "./passthrough/routes";
import { ProviderHeadersError } from "./passthrough/upstream-error";
import { gatewaySettings } from "./settings";
import type { Snapshot, SnapshotEndpoint, SnapshotToken } from "./snapshot-build";
import { currentSnapshot } from "./snapshot";
import type { GatewayRequest, GatewayResponse } from "./types";
import { endpointKindPhrase } from "../endpoints/kind-phrase";

const V1 = "/gateway/mlflow/v1";
const INVOCATIONS = "/mlflow/invocations";

type Route =
  | { op: "chat" | "embeddings" | "models" }
  | { op: "model"; name: string }
  | { op: "invocations"; name: string };

function matchRoute(path: string): Route | null {
  const p = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  if (p.startsWith(V1)) {
    const rest = p.slice(V1.length);
    if (rest === "/chat/completions") return { op: "chat" };
    if (rest === "/embeddings") return { op: "embeddings" };
    if (rest === "/models") return { op: "models" };
    if (rest.startsWith("/models/") && rest.length > 8) return { op: "model", name: decode(rest.slice(8)) };
    return null;
  }
  if (p.startsWith("/gateway/") && p.endsWith(INVOCATIONS)) {
    const name = p.slice("/gateway/".length, p.length - INVOCATIONS.length);
    if (name.length > 0 && !name.includes("/")) return { op: "invocations", name: decode(name) };
  }
  return null;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidRequest(`Invalid URL encoding in '${segment}'.`);
  }
}

export async function handleGatewayRequest(req: GatewayRequest): Promise<GatewayResponse> {
  const ex = new Exchange(req);
  try {
    const passthrough = matchPassthrough(req.path);
    if (passthrough !== null) {
      const res = await handlePassthrough(ex, passthrough);
      if (!ex.streaming) ex.finish(res.status, null);
      return res;
    }
    const route = matchRoute(req.path);
    if (route === null) {
      throw new GatewayError(404, `Unknown gateway route '${req.method} ${req.path}'.`, "not_found_error", "route_not_found");
    }
    const expected = route.op === "models" || route.op === "model" ? "GET" : "POST";
    if (req.method !== expected) {
      throw new GatewayError(405, `Method ${req.method} is not allowed here; use ${expected}.`, "invalid_request_error", "method_not_allowed", null, {
        allow: expected,
      });
    }
    const pending = currentSnapshot();
    const snapshot = pending instanceof Promise ? await pending : pending;
    const token = authenticate(req.headers, snapshot);
    ex.token = token;
    if (route.op === "models") return listModels(ex, snapshot, token);
    if (route.op === "model") return retrieveModel(ex, snapshot, token, route.name);

    const json = parseJsonObject(await readBody(req, gatewaySettings().maxBodyBytes));
    const body = json.value;
    let name: string;
    let op: "chat" | "embeddings";
    if (route.op === "invocations") {
      ex.route = "invocations";
      name = route.name;
      op = invocationOperation(body);
      body.model = name;
    } else {
      if (typeof body.model !== "string" || body.model.length === 0) {
        throw invalidRequest("'model' is required: the name of a Gatehouse endpoint.", "model", "missing_model");
      }
      name = body.model;
      op = route.op;
    }
    const endpoint = authorizeEndpoint(snapshot, token, name);
    ex.endpoint = endpoint;
    ex.operation = op;
    if (ex.capturing) ex.requestPayload = capturedRequest(json);
    checkKind(endpoint, op, route.op === "invocations");
    ex.readMetadata();
    const res = await dispatch(ex, endpoint, op, body);
    if (!ex.streaming) ex.finish(200, null);
    return res;
  } catch (err) {
    const error = asGatewayError(err, ex);
    const res = errorResponse(ex, error);
    // The trace's response is what the client received, an error body included.
    if (ex.capturing && ex.responsePayload === undefined) ex.responsePayload = res.body;
    ex.finish(error.status, error);
    return res;
  }
}

function dispatch(ex: Exchange, endpoint: SnapshotEndpoint, op: "chat" | "embeddings", body: unknown): Promise<GatewayResponse> {
  if (op === "embeddings") {
    return handleEmbeddings(ex, endpoint, parseEmbeddingsRequest(body));
  }
  const req = parseChatRequest(body);
  return req.stream === true ? handleChatStream(ex, endpoint, req) : handleChat(ex, endpoint, req);
}

/** MLflow invocations: `messages` = chat, `input` = embeddings. */
function invocationOperation(body: Record<string, unknown>): "chat" | "embeddings" {
  const chat = body.messages !== undefined;
  const embeddings = body.input !== undefined;
  if (chat === embeddings) {
    throw invalidRequest(
      "An invocation body needs exactly one of 'messages' (chat) or 'input' (embeddings).",
      chat ? "input" : "messages",
    );
  }
  return chat ? "chat" : "embeddings";
}

function checkKind(endpoint: SnapshotEndpoint, op: "chat" | "embeddings", invocation: boolean): void {
  if (endpoint.kind === op) return;
  throw invalidRequest(
    `Endpoint '${endpoint.name}' is ${endpointKindPhrase(endpoint.kind)}; it does not accept ${op} requests.`,
    invocation ? (op === "chat" ? "messages" : "input") : "model",
    "wrong_endpoint_kind",
  );
}

function modelObject(endpoint: SnapshotEndpoint) {
  return { id: endpoint.name, object: "model", created: endpoint.created, owned_by: "gatehouse" };
}

function listModels(ex: Exchange, snapshot: Snapshot, token: SnapshotToken): GatewayResponse {
  const data = [];
  for (const endpoint of snapshot.endpoints.values()) {
    if (token.endpoints === null || token.endpoints.has(endpoint.name)) data.push(modelObject(endpoint));
  }
  data.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return json(ex, 200, { object: "list", data });
}

function retrieveModel(ex: Exchange, snapshot: Snapshot, token: SnapshotToken, name: string): GatewayResponse {
  return json(ex, 200, modelObject(authorizeEndpoint(snapshot, token, name)));
}

/** A JSON answer (models list, errors) with the standard headers, overhead included. */
function json(ex: Exchange, status: number, value: unknown, extraHeaders?: Record<string, string>): GatewayResponse {
  const body = JSON.stringify(value);
  return { status, headers: { ...responseHeaders(ex, "application/json", true), ...extraHeaders }, body };
}

function asGatewayError(err: unknown, ex: Exchange): GatewayError {
  if (err instanceof GatewayError) return err;
  console.error(`[gatehouse] request ${ex.requestId} failed:`, err);
  return new GatewayError(500, `Internal gateway error (request ${ex.requestId}).`, "server_error", "internal_error");
}

function errorResponse(ex: Exchange, error: GatewayError): GatewayResponse {
  const extra: Record<string, string> = {};
  if (error.status === 401) extra["www-authenticate"] = 'Bearer realm="gatehouse"';
  if (error.status === 405 && typeof error.extra?.allow === "string") extra.allow = error.extra.allow;
  // A relayed provider error carries the provider's headers (Retry-After, rate limits, request id).
  if (error instanceof ProviderHeadersError) Object.assign(extra, error.headers);
  // On passthrough routes the body has the shape of that provider's errors (error-body.ts).
  return json(ex, error.status, errorBody(ex, error), extra);
}
