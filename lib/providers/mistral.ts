// Mistral (api.mistral.ai): OpenAI-like, but strict about fields (unknown ones are a 422) and with
// its own names: `random_seed` (OpenAI `seed`), `max_tokens` only (OpenAI `max_completion_tokens`),
// tool_choice "any" (OpenAI "required"), no developer role. Streams always end with usage, so
// `stream_options` is honoured by the core rather than sent. Anything else Mistral cannot honour is
// a 400 naming the parameter. Embeddings: floats only (base64 is encoded here), `output_dimension`.

import { invalidRequest, unsupportedParam } from "../gateway/errors";
import type { ChatCompletionRequest, ChatMessage, ContentPart, EmbeddingsRequest } from "../gateway/openai-types";
import {
  chatCompletionFromOpenAi,
  embeddingsFromOpenAi,
  joinUrl,
  OpenAiStreamDecoder,
  openAiErrorMessage,
  FAILED_GENERATION,
  type FinishReasonMap,
} from "./openai-shared";
import { apiKeyOf } from "./provider-helpers";
import type { ProviderAdapter, Target, UpstreamRequest } from "./types";
import { fitToolCallIds, MISTRAL_TOOL_IDS } from "./tool-call-ids";

const DEFAULT_BASE_URL = "https://api.mistral.ai/v1";
const PROVIDER = "mistral";

/** Request fields sent to Mistral unchanged. */
const PASSTHROUGH = new Set([
  "temperature", "top_p", "max_tokens", "stop", "presence_penalty", "frequency_penalty", "n", "tools",
  "response_format", "parallel_tool_calls", "prediction", "safe_prompt", "random_seed", "prompt_mode",
]);
/** Message fields Mistral accepts. */
const MESSAGE_FIELDS = new Set(["role", "content", "tool_calls", "tool_call_id", "name", "prefix"]);
const FINISH_REASONS: FinishReasonMap = { model_length: "length", error: FAILED_GENERATION };

/** An absent value: OpenAI clients send null/false for unset options; nothing to honour. */
function unset(value: unknown): boolean {
  return value === undefined || value === null || value === false || (Array.isArray(value) && value.length === 0);
}

function headers(target: Target): Record<string, string> {
  return { "content-type": "application/json", authorization: `Bearer ${apiKeyOf(target)}` };
}

function mapContent(content: ChatMessage["content"], i: number): ChatMessage["content"] {
  if (!Array.isArray(content)) return content;
  content.forEach((part: ContentPart, j) => {
    if (part.type !== "text" && part.type !== "image_url") {
      throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, `content part type '${part.type}'`);
    }
  });
  return content;
}

function mapMessages(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m, i) => {
    const out: ChatMessage = { role: m.role === "developer" ? "system" : m.role };
    for (const key of Object.keys(m)) {
      const value = m[key];
      if (key === "role") continue;
      if (!MESSAGE_FIELDS.has(key)) {
        if (unset(value)) continue;
        throw unsupportedParam(`messages[${i}].${key}`, PROVIDER);
      }
      out[key] = key === "content" ? mapContent(value as ChatMessage["content"], i) : value;
    }
    return out;
  });
}

export function toMistralChatBody(req: ChatCompletionRequest, model: string, stream: boolean): Record<string, unknown> {
  // Mistral takes tool-call ids of exactly nine letters and digits: other providers' are fitted.
  const body: Record<string, unknown> = { model, messages: mapMessages(fitToolCallIds(req.messages, MISTRAL_TOOL_IDS)) };
  if (stream) body.stream = true;
  for (const key of Object.keys(req)) {
    const value = req[key];
    if (key === "model" || key === "messages" || key === "stream" || key === "stream_options") continue;
    // `false` is an instruction for a field Mistral has (parallel_tool_calls: false), not "unset".
    if (value === false && PASSTHROUGH.has(key)) body[key] = false;
    else if (unset(value)) continue;
    else if (PASSTHROUGH.has(key)) body[key] = value;
    else if (key === "seed") body.random_seed = value;
    else if (key === "max_completion_tokens") body.max_tokens = value;
    else if (key === "tool_choice") body.tool_choice = value === "required" ? "any" : value;
    else throw unsupportedParam(key, PROVIDER);
  }
  if (req.seed != null && req.random_seed != null && req.seed !== req.random_seed) {
    throw invalidRequest("'seed' and 'random_seed' disagree; send one of them.", "seed");
  }
  if (req.max_tokens != null && req.max_completion_tokens != null && req.max_tokens !== req.max_completion_tokens) {
    throw invalidRequest("'max_tokens' and 'max_completion_tokens' disagree; send one of them.", "max_completion_tokens");
  }
  return body;
}

export const mistralAdapter: ProviderAdapter = {
  id: "mistral",
  defaultBaseUrl: DEFAULT_BASE_URL,

  chatRequest(req, target, stream): UpstreamRequest {
    return {
      url: joinUrl(target.config.baseUrl || DEFAULT_BASE_URL, "/chat/completions"),
      method: "POST",
      headers: headers(target),
      body: JSON.stringify(toMistralChatBody(req, target.model, stream)),
    };
  },
  chatResponse: (body, _target, ctx) => chatCompletionFromOpenAi(body, ctx, FINISH_REASONS),
  chatStream: (_target, ctx) => new OpenAiStreamDecoder(ctx, FINISH_REASONS, true),

  embeddingsRequest(req: EmbeddingsRequest, target): UpstreamRequest {
    const input = req.input;
    if (Array.isArray(input) && input.some((v) => typeof v !== "string")) {
      throw unsupportedParam("input", PROVIDER, "token-id arrays; send strings");
    }
    const body: Record<string, unknown> = { model: target.model, input };
    for (const key of Object.keys(req)) {
      const value = req[key];
      if (key === "model" || key === "input" || key === "encoding_format" || unset(value)) continue;
      if (key === "dimensions") body.output_dimension = value;
      else throw unsupportedParam(key, PROVIDER);
    }
    return {
      url: joinUrl(target.config.baseUrl || DEFAULT_BASE_URL, "/embeddings"),
      method: "POST",
      headers: headers(target),
      body: JSON.stringify(body),
    };
  },
  embeddingsResponse: (body, _target, req, ctx) => embeddingsFromOpenAi(body, ctx, req, true),

  errorMessage: openAiErrorMessage,
};
