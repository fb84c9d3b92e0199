// Bedrock embeddings through InvokeModel (`POST /model/{id}/invoke`); the body depends on the model
// family, chosen by model id (plain ids, inference profiles such as `us.cohere.embed-v4:0` and ARNs):
// - Amazon Titan Text Embeddings (`amazon.titan-embed-text-v1|v2`): `{inputText, dimensions?}`, one
//   text per call. One adapter call is one upstream request, so only a single input is accepted
//   (a string or a one-element array); larger batches → 400 naming `input`.
// - Cohere Embed on Bedrock (`cohere.embed-*`): `{texts, input_type, embedding_types}`, batches.
//   The body carries no token count (Bedrock reports it only in a response header), so the usage
//   is unknown (null: the trace's cost is unknown, the client sees zeros).
// `input_type` (Cohere's own field) is accepted as an extension; `user` is advisory and not forwarded.

import { invalidRequest, unsupportedParam, GatewayError } from "../gateway/errors";
import type { EmbeddingsRequest, EmbeddingsResponse } from "../gateway/openai-types";
import { floatsToBase64 } from "./openai-shared";
import { rejectUnsupportedParams } from "./request-helpers";
import type { TranslateContext } from "./types";

const PROVIDER = "bedrock";
const TITAN = /(?:^|[./])amazon\.titan-embed-text-v(\d+)/;
const COHERE = /(?:^|[./])cohere\.embed-/;
const HANDLED = new Set(["model", "input", "encoding_format", "dimensions", "user", "input_type"]);

export function bedrockEmbeddingsBody(req: EmbeddingsRequest, modelId: string): Record<string, unknown> {
  rejectUnsupportedParams(req, HANDLED, PROVIDER);
  const texts = textInputs(req.input);
  const titan = TITAN.exec(modelId);
  if (titan) {
    if (req.input_type != null) throw unsupportedParam("input_type", PROVIDER, "Titan embeddings have no input type");
    if (texts.length !== 1) {
      throw unsupportedParam("input", PROVIDER, "Titan text embeddings take one input per request; send a single string");
    }
    if (req.dimensions != null && titan[1] === "1") {
      throw unsupportedParam("dimensions", PROVIDER, "amazon.titan-embed-text-v1 has a fixed size");
    }
    return { inputText: texts[0], ...(req.dimensions != null ? { dimensions: req.dimensions } : {}) };
  }
  if (COHERE.test(modelId)) {
    const inputType = req.input_type ?? "search_document";
    if (typeof inputType !== "string") throw invalidRequest("'input_type' must be a string.", "input_type");
    return {
      texts,
      input_type: inputType,
      embedding_types: ["float"],
      ...(req.dimensions != null ? { output_dimension: req.dimensions } : {}),
    };
  }
  throw invalidRequest(
    `Bedrock model '${modelId}' is not a supported embeddings model (amazon.titan-embed-text-* or cohere.embed-*).`,
    "model",
    "unsupported_model",
  );
}

function textInputs(input: EmbeddingsRequest["input"]): string[] {
  const list = typeof input === "string" ? [input] : input;
  if (!Array.isArray(list) || list.length === 0) {
    throw invalidRequest("'input' must be a non-empty string or array of strings.", "input");
  }
  if (!list.every((item): item is string => typeof item === "string")) {
    throw unsupportedParam("input", PROVIDER, "token arrays are not supported; send text");
  }
  return list;
}

export function fromBedrockEmbeddings(
  body: unknown,
  modelId: string,
  req: EmbeddingsRequest,
  ctx: TranslateContext,
): EmbeddingsResponse {
  let vectors: number[][];
  let promptTokens: number | null = null;
  if (TITAN.test(modelId)) {
    const titan = body as { embedding?: unknown; inputTextTokenCount?: unknown };
    if (!isVector(titan.embedding)) throw invalidUpstream("no 'embedding'");
    vectors = [titan.embedding];
    if (typeof titan.inputTextTokenCount === "number") promptTokens = titan.inputTextTokenCount;
  } else {
    // `embedding_types` set → {embeddings: {float: [...]}}; older responses → {embeddings: [...]}.
    const embeddings = (body as { embeddings?: unknown }).embeddings;
    const list = Array.isArray(embeddings) ? embeddings : (embeddings as { float?: unknown } | undefined)?.float;
    if (!Array.isArray(list) || !list.every(isVector)) throw invalidUpstream("no float 'embeddings'");
    vectors = list;
  }
  const base64 = req.encoding_format === "base64";
  return {
    object: "list",
    data: vectors.map((vector, index) => ({
      object: "embedding",
      index,
      embedding: base64 ? floatsToBase64(vector) : vector,
    })),
    model: ctx.endpointName,
    usage: promptTokens === null ? null : { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === "number");
}

function invalidUpstream(detail: string): GatewayError {
  return new GatewayError(502, `Bedrock returned an invalid embeddings response: ${detail}.`, "upstream_error", "upstream_invalid_response");
}
