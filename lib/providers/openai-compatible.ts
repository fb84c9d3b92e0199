// Any server speaking OpenAI's Chat Completions API (vLLM, Ollama, Groq, DeepSeek, an internal
// model): a required base URL (including /v1 or whatever prefix the server uses) and an optional
// bearer key. Embeddings are always requested as floats (not every server implements base64) and
// encoded here when the client asked for base64.

import { GatewayError } from "../gateway/errors";
import type { EmbeddingsRequest } from "../gateway/openai-types";
import { bearerHeaders, openAiChatBody } from "./openai";
import { chatCompletionFromOpenAi, embeddingsFromOpenAi, joinUrl, OpenAiStreamDecoder, openAiErrorMessage } from "./openai-shared";
import type { ProviderAdapter, Target, UpstreamRequest } from "./types";

function baseUrl(target: Target): string {
  const base = target.config.baseUrl;
  if (typeof base !== "string" || base === "") {
    throw new GatewayError(500, "The OpenAI-compatible secret has no baseUrl.", "server_error", "provider_misconfigured");
  }
  return base;
}

export const openaiCompatibleAdapter: ProviderAdapter = {
  id: "openai-compatible",
  defaultBaseUrl: "",

  chatRequest(req, target, stream): UpstreamRequest {
    return {
      url: joinUrl(baseUrl(target), "/chat/completions"),
      method: "POST",
      headers: bearerHeaders(target),
      body: openAiChatBody(req, target.model, stream),
    };
  },
  chatResponse: (body, _target, ctx) => chatCompletionFromOpenAi(body, ctx),
  chatStream: (_target, ctx) => new OpenAiStreamDecoder(ctx),

  embeddingsRequest(req: EmbeddingsRequest, target): UpstreamRequest {
    return {
      url: joinUrl(baseUrl(target), "/embeddings"),
      method: "POST",
      headers: bearerHeaders(target),
      body: JSON.stringify({ ...req, model: target.model, encoding_format: "float" }),
    };
  },
  embeddingsResponse: (body, _target, req, ctx) => embeddingsFromOpenAi(body, ctx, req, true),

  errorMessage: openAiErrorMessage,
};
