// Azure OpenAI: OpenAI's wire format on deployment URLs,
// {baseUrl}/openai/deployments/{deployment}/chat/completions?api-version=…, with an `api-key`
// header. The deployment defaults to the model name; the body carries no `model`.

import { GatewayError } from "../gateway/errors";
import { AZURE_DEFAULT_API_VERSION } from "./api-versions";
import type { EmbeddingsRequest } from "../gateway/openai-types";
import { openAiChatBody } from "./openai";
import { chatCompletionFromOpenAi, embeddingsFromOpenAi, OpenAiStreamDecoder, openAiErrorMessage } from "./openai-shared";
import { apiKeyOf } from "./provider-helpers";
import type { ProviderAdapter, Target, UpstreamRequest } from "./types";

export { AZURE_DEFAULT_API_VERSION };

function deploymentUrl(target: Target, operation: "chat/completions" | "embeddings"): string {
  const base = target.config.baseUrl;
  if (typeof base !== "string" || base === "") {
    throw new GatewayError(
      500,
      "The Azure OpenAI secret has no baseUrl (https://<resource>.openai.azure.com).",
      "server_error",
      "provider_misconfigured",
    );
  }
  const deployment = encodeURIComponent(target.config.deployment || target.model);
  const apiVersion = encodeURIComponent(target.config.apiVersion || AZURE_DEFAULT_API_VERSION);
  return `${base.replace(/\/+$/, "")}/openai/deployments/${deployment}/${operation}?api-version=${apiVersion}`;
}

function headers(target: Target): Record<string, string> {
  return { "content-type": "application/json", "api-key": apiKeyOf(target) };
}

export const azureAdapter: ProviderAdapter = {
  id: "azure",
  defaultBaseUrl: "",

  chatRequest(req, target, stream): UpstreamRequest {
    return {
      url: deploymentUrl(target, "chat/completions"),
      method: "POST",
      headers: headers(target),
      body: openAiChatBody(req, undefined, stream),
    };
  },
  chatResponse: (body, _target, ctx) => chatCompletionFromOpenAi(body, ctx),
  chatStream: (_target, ctx) => new OpenAiStreamDecoder(ctx),

  embeddingsRequest(req: EmbeddingsRequest, target): UpstreamRequest {
    const { model: _model, ...body } = req;
    return { url: deploymentUrl(target, "embeddings"), method: "POST", headers: headers(target), body: JSON.stringify(body) };
  },
  embeddingsResponse: (body, _target, req, ctx) => embeddingsFromOpenAi(body, ctx, req, false),

  errorMessage: openAiErrorMessage,
};
