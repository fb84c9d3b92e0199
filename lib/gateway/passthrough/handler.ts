// Passthrough entry (dispatched from the core's handler): the core's auth, body limit, endpoint
// authorisation and metadata header; then the provider check (only targets whose provider speaks
// this native API; none → 400 naming both) and the relay. Errors thrown here are rendered by the
// core handler like every gateway error, in the format's error shape (error-body.ts).

import { authenticate, authorizeEndpoint } from "../auth";
import { capturedRequest, parseJsonObject, readBody } from "../body";
import { GatewayError, invalidRequest } from "../errors";
import type { Exchange } from "../exchange";
import { gatewaySettings } from "../settings";
import { pickOrder, pickOrderAmong, type RoutedTarget, type SnapshotEndpoint } from "../snapshot-build";
import { currentSnapshot } from "../snapshot";
import { header, type GatewayHeaders, type GatewayResponse } from "../types";
import { forwardedQuery, forwardedRequestHeaders } from "./headers";
import { relayPlain } from "./plain";
import { relayStream } from "./stream";
import type { PassthroughCall, PassthroughFormat, PassthroughRoute } from "./types";
import { withLastRetryAfter } from "./upstream-error";
import { endpointKindPhrase } from "../../endpoints/kind-phrase";

export async function handlePassthrough(ex: Exchange, route: PassthroughRoute): Promise<GatewayResponse> {
  const req = ex.req;
  const format = route.format;
  ex.route = `passthrough-${format.id}`;
  if (req.method !== "POST") {
    throw new GatewayError(405, `Method ${req.method} is not allowed here; use POST.`, "invalid_request_error", "method_not_allowed", null, {
      allow: "POST",
    });
  }
  const pending = currentSnapshot();
  const snapshot = pending instanceof Promise ? await pending : pending;
  const token = authenticate(credentialHeaders(format, req.headers, req.query), snapshot);
  ex.token = token;

  const json = parseJsonObject(await readBody(req, gatewaySettings().maxBodyBytes));
  const body = json.value;
  const name = route.pathModel ?? modelOf(body);
  const endpoint = authorizeEndpoint(snapshot, token, name);
  ex.endpoint = endpoint;
  ex.operation = route.kind;
  checkKind(endpoint, route);
  const order = matchingTargets(endpoint, format);
  ex.readMetadata();
  const stream = format.isStream(route, body, req.query);
  if (ex.capturing) ex.requestPayload = capturedRequest(json);

  const prepared = format.prepare?.(route, body) ?? { body, usageInjected: false };
  const call: PassthroughCall = {
    route,
    body: prepared.body,
    stream,
    headers: forwardedRequestHeaders(req.headers),
    query: forwardedQuery(req.query),
    usageInjected: prepared.usageInjected,
    lastRetryAfter: null,
  };
  try {
    return await (stream ? relayStream(ex, endpoint, order, call) : relayPlain(ex, endpoint, order, call));
  } catch (err) {
    throw withLastRetryAfter(err, call);
  }
}

/** The headers the core's authenticate() reads: the format's own token location (Gemini's
 * `x-goog-api-key` / `?key=`) when it has one, else `Authorization: Bearer` / `x-api-key`. */
function credentialHeaders(format: PassthroughFormat, headers: GatewayHeaders, query: URLSearchParams): GatewayHeaders {
  if (format.teamToken === undefined) return headers;
  const token = format.teamToken(headers, query);
  if (token !== undefined) return { authorization: `Bearer ${token}` };
  if (header(headers, "authorization") !== undefined || header(headers, "x-api-key") !== undefined) return headers;
  throw new GatewayError(
    401,
    "Missing API key: send a team token as 'x-goog-api-key', '?key=' or 'Authorization: Bearer <token>'.",
    "authentication_error",
    "missing_api_key",
  );
}

function modelOf(body: Record<string, unknown>): string {
  if (typeof body.model !== "string" || body.model.length === 0) {
    throw invalidRequest("'model' is required: the name of a Gatehouse endpoint.", "model", "missing_model");
  }
  return body.model;
}

function checkKind(endpoint: SnapshotEndpoint, route: PassthroughRoute): void {
  const needed = route.kind === "embeddings" ? "embeddings" : "chat";
  if (endpoint.kind === needed) return;
  throw invalidRequest(
    `Endpoint '${endpoint.name}' is ${endpointKindPhrase(endpoint.kind)}; it does not accept '${route.op}' requests.`,
    "model",
    "wrong_endpoint_kind",
  );
}

/** The drawn attempt order, restricted to targets whose provider speaks this native API (traffic
 * split and fallback apply among those). */
function matchingTargets(endpoint: SnapshotEndpoint, format: PassthroughFormat): RoutedTarget[] {
  const order = pickOrder(endpoint);
  if (order.every((t) => format.providers.has(t.provider))) return order;
  const matching = pickOrderAmong(endpoint, (t) => format.providers.has(t.provider));
  if (matching.length > 0) return matching;
  const providers = [...new Set(order.map((t) => t.provider))].join(", ") || "none";
  throw new GatewayError(
    400,
    `Endpoint '${endpoint.name}' routes to provider '${providers}', but /gateway/${format.id} relays only to '${[...format.providers].join("', '")}' endpoints: use the passthrough route of the endpoint's provider or the unified API (/gateway/mlflow/v1).`,
    "invalid_request_error",
    "provider_mismatch",
    "model",
  );
}
