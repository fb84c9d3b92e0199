// Anthropic Messages passthrough: /gateway/anthropic/v1/messages (+ /count_tokens) for the
// Anthropic SDK. `anthropic-version` and `anthropic-beta` (and `?beta=true`) are forwarded; the
// stored key is sent the way the requested API version expects it.

import { anthropicAdapter, DEFAULT_ANTHROPIC_VERSION } from "../../providers/anthropic";
import { apiKeyOf, baseUrlOf } from "../../providers/provider-helpers";
import type { GatewayError } from "../errors";
import { AnthropicStreamTracker } from "./anthropic-stream";
import { sseEvent } from "./sse-tracker";
import type { PassthroughFormat, PassthroughRoute } from "./types";
import { anthropicUsage, isObject, zeroUsage } from "./usage";

/** From this API version on, the SDK sends the key as `Authorization: Bearer` (before: x-api-key). */
const BEARER_AUTH_VERSION = "2026-10-21";

const ROUTES: Record<string, Pick<PassthroughRoute, "op" | "kind">> = {
  "/v1/messages": { op: "messages", kind: "chat" },
  "/v1/messages/count_tokens": { op: "messages/count_tokens", kind: "count_tokens" },
};

/** Anthropic's error types for the error event the relay sends when a stream breaks. */
function anthropicErrorType(error: GatewayError): string {
  return error.type === "timeout_error" ? "timeout_error" : "api_error";
}

export const anthropicFormat: PassthroughFormat = {
  id: "anthropic",
  providers: new Set(["anthropic"]),

  match(rest) {
    const route = ROUTES[rest];
    return route ? { format: this, ...route, pathModel: null, apiVersion: null } : null;
  },

  isStream(route, body) {
    return route.kind === "chat" && body.stream === true;
  },

  upstream(call, target) {
    const key = apiKeyOf(target);
    const version = call.headers["anthropic-version"] || target.config.apiVersion || DEFAULT_ANTHROPIC_VERSION;
    const headers: Record<string, string> = { ...call.headers, "content-type": "application/json", "anthropic-version": version };
    if (version >= BEARER_AUTH_VERSION) headers.authorization = `Bearer ${key}`;
    else headers["x-api-key"] = key;
    const query = call.query.toString();
    return {
      url: `${baseUrlOf(target, anthropicAdapter.defaultBaseUrl)}/v1/${call.route.op}${query ? `?${query}` : ""}`,
      method: "POST",
      headers,
      body: JSON.stringify({ ...call.body, model: target.model }),
    };
  },

  usage(route, body) {
    if (route.kind === "count_tokens") return zeroUsage();
    return isObject(body) ? anthropicUsage(body.usage) : null;
  },

  tracker(_call, capturing) {
    return new AnthropicStreamTracker(capturing);
  },

  errorEvent(error) {
    return sseEvent("error", { type: "error", error: { type: anthropicErrorType(error), message: error.message } });
  },
};
