// Google Gemini API adapter (generativelanguage.googleapis.com): generateContent,
// streamGenerateContent?alt=sse and batchEmbedContents. https://ai.google.dev/api

import { GatewayError, invalidRequest, unsupportedParam } from "../gateway/errors";
import type { EmbeddingsRequest, EmbeddingsResponse } from "../gateway/openai-types";
import { GEMINI_DEFAULT_API_VERSION } from "./api-versions";
import { buildGeminiBody } from "./gemini-messages";
import { geminiChatResponse } from "./gemini-response";
import { GeminiStreamDecoder } from "./gemini-stream";
import { floatsToBase64 } from "./openai-shared";
import { apiKeyOf, baseUrlOf, upstreamErrorMessage } from "./provider-helpers";
import { rejectUnsupportedParams } from "./request-helpers";
import type { ProviderAdapter, Target, UpstreamRequest } from "./types";

const EMBEDDINGS_PARAMS: ReadonlySet<string> = new Set(["model", "input", "encoding_format", "dimensions"]);

/** `models/<name>` unless the configured model is already a resource name (e.g. `tunedModels/x`). */
function modelResource(target: Target): string {
  return target.model.includes("/") ? target.model : `models/${target.model}`;
}

function request(target: Target, defaultBaseUrl: string, method: string, body: unknown): UpstreamRequest {
  return {
    url: `${baseUrlOf(target, defaultBaseUrl)}/${target.config.apiVersion || GEMINI_DEFAULT_API_VERSION}/${modelResource(target)}:${method}`,
    method: "POST",
    headers: { "content-type": "application/json", "x-goog-api-key": apiKeyOf(target) },
    body: JSON.stringify(body),
  };
}

function embeddingInputs(input: EmbeddingsRequest["input"]): string[] {
  const inputs = typeof input === "string" ? [input] : input;
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw invalidRequest("'input' must be a non-empty string or array of strings.", "input");
  }
  if (!inputs.every((item): item is string => typeof item === "string")) {
    throw unsupportedParam("input", "gemini", "token-id input; send text");
  }
  return inputs;
}

interface BatchEmbedResponse {
  embeddings?: Array<{ values?: number[] }>;
  usageMetadata?: { promptTokenCount?: number };
}

export const geminiAdapter: ProviderAdapter = {
  id: "gemini",
  defaultBaseUrl: "https://generativelanguage.googleapis.com",

  chatRequest(req, target, stream) {
    const upstream = request(target, this.defaultBaseUrl, stream ? "streamGenerateContent" : "generateContent", buildGeminiBody(req));
    if (stream) upstream.url += "?alt=sse";
    return upstream;
  },

  chatResponse(body, _target, ctx) {
    return geminiChatResponse(body, ctx);
  },

  chatStream(_target, ctx) {
    return new GeminiStreamDecoder(ctx);
  },

  embeddingsRequest(req, target) {
    rejectUnsupportedParams(req, EMBEDDINGS_PARAMS, "gemini");
    const model = modelResource(target);
    const requests = embeddingInputs(req.input).map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(req.dimensions != null ? { outputDimensionality: req.dimensions } : {}),
    }));
    return request(target, this.defaultBaseUrl, "batchEmbedContents", { requests });
  },

  embeddingsResponse(body, _target, req, ctx): EmbeddingsResponse {
    const response = body as BatchEmbedResponse;
    if (!Array.isArray(response?.embeddings)) {
      throw new GatewayError(502, "Gemini returned an unexpected embeddings body.", "upstream_error", "bad_upstream_response");
    }
    const base64 = req.encoding_format === "base64";
    // The Gemini API reports no token usage for embeddings unless usageMetadata is present: then
    // the usage is unknown (not an estimate, not 0).
    const promptTokens = response.usageMetadata?.promptTokenCount;
    return {
      object: "list",
      data: response.embeddings.map((embedding, index) => {
        const values = embedding.values ?? [];
        return { object: "embedding", index, embedding: base64 ? floatsToBase64(values) : values };
      }),
      model: ctx.endpointName,
      usage: promptTokens === undefined ? null : { prompt_tokens: promptTokens, total_tokens: promptTokens },
    };
  },

  errorMessage(status, body) {
    // {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}; streams may wrap it in an array.
    return upstreamErrorMessage(status, body, (json) => {
      const error = (Array.isArray(json) ? json[0] : json)?.error as { message?: unknown; status?: unknown } | undefined;
      if (typeof error?.message !== "string") return undefined;
      return typeof error.status === "string" ? `${error.status}: ${error.message}` : error.message;
    });
  },
};
