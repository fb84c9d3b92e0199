// Cohere adapter: v2 chat (https://docs.cohere.com/reference/chat) and v2 embed
// (https://docs.cohere.com/reference/embed), bearer API key.

import { GatewayError, invalidRequest, unsupportedParam } from "../gateway/errors";
import type { EmbeddingsRequest, EmbeddingsResponse } from "../gateway/openai-types";
import { toCohereChat } from "./cohere-messages";
import { fromCohereChat } from "./cohere-response";
import { CohereStreamDecoder } from "./cohere-stream";
import { floatsToBase64 } from "./openai-shared";
import { apiKeyOf, baseUrlOf, upstreamErrorMessage } from "./provider-helpers";
import { rejectUnsupportedParams } from "./request-helpers";
import type { ProviderAdapter, Target, TranslateContext, UpstreamRequest } from "./types";

const PROVIDER = "cohere";
/** `input_type` is Cohere's own field, accepted as an extension (default: search_document). */
const EMBED_FIELDS = new Set(["model", "input", "encoding_format", "dimensions", "user", "input_type"]);

export const cohereAdapter: ProviderAdapter = {
  id: "cohere",
  defaultBaseUrl: "https://api.cohere.com",

  chatRequest(req, target, stream) {
    return post(target, "/v2/chat", toCohereChat(req, target.model, stream), stream);
  },

  chatResponse(body, _target, ctx) {
    return fromCohereChat(body, ctx);
  },

  chatStream(_target, ctx) {
    return new CohereStreamDecoder(ctx);
  },

  embeddingsRequest(req, target) {
    return post(target, "/v2/embed", cohereEmbedBody(req, target.model), false);
  },

  embeddingsResponse(body, _target, req, ctx) {
    return fromCohereEmbed(body, req, ctx);
  },

  errorMessage(status, body) {
    // {"id":"…","message":"invalid request: …"}
    return upstreamErrorMessage(status, body, (json) => {
      const message = (json as { message?: unknown }).message;
      return typeof message === "string" && message !== "" ? message : undefined;
    });
  },
};

function post(target: Target, path: string, body: unknown, stream: boolean): UpstreamRequest {
  return {
    url: `${baseUrlOf(target, cohereAdapter.defaultBaseUrl)}${path}`,
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: stream ? "text/event-stream" : "application/json",
      authorization: `Bearer ${apiKeyOf(target)}`,
    },
    body: JSON.stringify(body),
  };
}

function cohereEmbedBody(req: EmbeddingsRequest, model: string): Record<string, unknown> {
  rejectUnsupportedParams(req, EMBED_FIELDS, PROVIDER);
  const texts = typeof req.input === "string" ? [req.input] : req.input;
  if (!Array.isArray(texts) || texts.length === 0) {
    throw invalidRequest("'input' must be a non-empty string or array of strings.", "input");
  }
  if (!texts.every((t): t is string => typeof t === "string")) {
    throw unsupportedParam("input", PROVIDER, "token arrays are not supported; send text");
  }
  const inputType = req.input_type ?? "search_document";
  if (typeof inputType !== "string") throw invalidRequest("'input_type' must be a string.", "input_type");
  return {
    model,
    texts,
    input_type: inputType,
    // Always floats: base64 output is OpenAI's float32 encoding, produced here from them.
    embedding_types: ["float"],
    ...(req.dimensions != null ? { output_dimension: req.dimensions } : {}),
  };
}

function fromCohereEmbed(raw: unknown, req: EmbeddingsRequest, ctx: TranslateContext): EmbeddingsResponse {
  const body = raw as { embeddings?: { float?: unknown }; meta?: { billed_units?: { input_tokens?: unknown } } };
  const vectors = body.embeddings?.float;
  if (!Array.isArray(vectors) || !vectors.every((v) => Array.isArray(v))) {
    throw new GatewayError(502, "Cohere returned an embeddings response without 'embeddings.float'.", "upstream_error", "upstream_invalid_response");
  }
  const tokens = body.meta?.billed_units?.input_tokens;
  const promptTokens = typeof tokens === "number" ? tokens : null;
  const base64 = req.encoding_format === "base64";
  return {
    object: "list",
    data: (vectors as number[][]).map((vector, index) => ({
      object: "embedding",
      index,
      embedding: base64 ? floatsToBase64(vector) : vector,
    })),
    model: ctx.endpointName,
    usage: promptTokens === null ? null : { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
