// OpenAI (api.openai.com): the unified API's own wire format, so requests pass through with the
// provider model name swapped in. Streams always ask for usage (for traces and cost); the core
// shows the usage chunk to the client only when it asked for it.

import type { ChatCompletionRequest, EmbeddingsRequest } from "../gateway/openai-types";
import {
  chatCompletionFromOpenAi,
  embeddingsFromOpenAi,
  joinUrl,
  OpenAiStreamDecoder,
  openAiErrorMessage,
} from "./openai-shared";
import { apiKeyOf } from "./provider-helpers";
import type { ProviderAdapter, Target, UpstreamRequest } from "./types";
import { fitToolCallIds, hasUnfitToolCallIds, OPENAI_TOOL_IDS } from "./tool-call-ids";

function openaiHeaders(target: Target): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${apiKeyOf(target)}` };
  const { organization, project } = target.config;
  if (typeof organization === "string" && organization !== "") headers["openai-organization"] = organization;
  if (typeof project === "string" && project !== "") headers["openai-project"] = project;
  return headers;
}

/** JSON headers with `Authorization: Bearer` when the target has a key (optional for self-hosted). */
export function bearerHeaders(target: Target): Record<string, string> {
  const key = target.credentials.apiKey;
  return key
    ? { "content-type": "application/json", authorization: `Bearer ${key}` }
    : { "content-type": "application/json" };
}

/** The request body for an OpenAI-format upstream: the client's request with the provider model
 * and, when streaming, `stream_options.include_usage` forced on. */
export function openAiChatBody(req: ChatCompletionRequest, model: string | undefined, stream: boolean): string {
  const body: ChatCompletionRequest = { ...req, model: model as string };
  // History from another provider (Gemini's ids carry a thought signature) may exceed OpenAI's 40.
  if (hasUnfitToolCallIds(req.messages, OPENAI_TOOL_IDS)) body.messages = fitToolCallIds(req.messages, OPENAI_TOOL_IDS);
  if (model === undefined) delete (body as Partial<ChatCompletionRequest>).model;
  if (stream) {
    body.stream = true;
    body.stream_options = { ...req.stream_options, include_usage: true };
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  return JSON.stringify(body);
}

const DEFAULT_BASE_URL = "https://api.openai.com/v1";

export const openaiAdapter: ProviderAdapter = {
  id: "openai",
  defaultBaseUrl: DEFAULT_BASE_URL,

  chatRequest(req, target, stream): UpstreamRequest {
    return {
      url: joinUrl(target.config.baseUrl || DEFAULT_BASE_URL, "/chat/completions"),
      method: "POST",
      headers: openaiHeaders(target),
      body: openAiChatBody(req, target.model, stream),
    };
  },

  chatResponse: (body, _target, ctx) => chatCompletionFromOpenAi(body, ctx),
  chatStream: (_target, ctx) => new OpenAiStreamDecoder(ctx),

  embeddingsRequest(req: EmbeddingsRequest, target): UpstreamRequest {
    return {
      url: joinUrl(target.config.baseUrl || DEFAULT_BASE_URL, "/embeddings"),
      method: "POST",
      headers: openaiHeaders(target),
      body: JSON.stringify({ ...req, model: target.model }),
    };
  },
  embeddingsResponse: (body, _target, req, ctx) => embeddingsFromOpenAi(body, ctx, req, false),

  errorMessage: openAiErrorMessage,
};
