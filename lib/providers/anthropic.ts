// Anthropic Messages API adapter (https://docs.anthropic.com/en/api/messages). No embeddings API.

import { buildAnthropicBody } from "./anthropic-messages";
import { DEFAULT_ANTHROPIC_VERSION } from "./api-versions";
import { anthropicChatResponse } from "./anthropic-response";
import { AnthropicStreamDecoder } from "./anthropic-stream";
import { apiKeyOf, baseUrlOf, upstreamErrorMessage } from "./provider-helpers";
import type { ProviderAdapter } from "./types";

/** The API version sent unless the secret's config sets `apiVersion` (see ./api-versions). */
export { DEFAULT_ANTHROPIC_VERSION };

export const anthropicAdapter: ProviderAdapter = {
  id: "anthropic",
  defaultBaseUrl: "https://api.anthropic.com",

  chatRequest(req, target, stream) {
    const version = target.config.apiVersion || DEFAULT_ANTHROPIC_VERSION;
    const body = buildAnthropicBody(req, target.model, stream, version);
    return {
      url: `${baseUrlOf(target, this.defaultBaseUrl)}/v1/messages`,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-api-key": apiKeyOf(target),
        "anthropic-version": version,
      },
      body: JSON.stringify(body),
    };
  },

  chatResponse(body, _target, ctx) {
    return anthropicChatResponse(body, ctx);
  },

  chatStream(_target, ctx) {
    return new AnthropicStreamDecoder(ctx);
  },

  errorMessage(status, body) {
    // {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}
    return upstreamErrorMessage(status, body, (json) => {
      const error = (json as { error?: { type?: unknown; message?: unknown } }).error;
      if (typeof error?.message !== "string") return undefined;
      return typeof error.type === "string" ? `${error.type}: ${error.message}` : error.message;
    });
  },
};
