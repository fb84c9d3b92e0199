// OpenAI passthrough: /gateway/openai/v1/{chat/completions, embeddings, responses} for the OpenAI
// SDK. Serves endpoints of every provider that speaks OpenAI's wire format natively:
// - openai: {baseUrl}/{op}, `Authorization: Bearer`, organization/project from the secret's config;
// - openai-compatible: the same on the secret's required base URL (the key is optional);
// - azure: chat/completions and embeddings on deployment URLs
//   ({baseUrl}/openai/deployments/{deployment}/{op}?api-version=…, body without `model`), the
//   Responses API on Azure's v1 surface ({baseUrl}/openai/v1/responses, `model` = deployment);
//   `api-key` header.
// Streamed chat completions always ask the upstream for usage (cost); the tracker hides the usage
// chunk when the client did not ask for it.

import { AZURE_DEFAULT_API_VERSION } from "../../providers/azure";
import { joinUrl } from "../../providers/openai-shared";
import { apiKeyOf } from "../../providers/provider-helpers";
import type { UpstreamRequest } from "../../providers/types";
import { GatewayError } from "../errors";
import type { RoutedTarget } from "../snapshot-build";
import { OpenAiChatStreamTracker, ResponsesStreamTracker } from "./openai-stream";
import { sseEvent } from "./sse-tracker";
import type { PassthroughCall, PassthroughFormat, PassthroughRoute } from "./types";
import { isObject, openAiUsage, responsesUsage } from "./usage";

const OPENAI_BASE_URL = "https://api.openai.com/v1";

const ROUTES: Record<string, Pick<PassthroughRoute, "op" | "kind">> = {
  "/v1/chat/completions": { op: "chat/completions", kind: "chat" },
  "/v1/embeddings": { op: "embeddings", kind: "embeddings" },
  "/v1/responses": { op: "responses", kind: "chat" },
};

function misconfigured(message: string): GatewayError {
  return new GatewayError(500, message, "server_error", "provider_misconfigured");
}

function withQuery(url: string, query: URLSearchParams): string {
  const qs = query.toString();
  return qs === "" ? url : `${url}${url.includes("?") ? "&" : "?"}${qs}`;
}

function openAiRequest(call: PassthroughCall, target: RoutedTarget, base: string, key: string | undefined): UpstreamRequest {
  const headers: Record<string, string> = { ...call.headers, "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const { organization, project } = target.config;
  if (typeof organization === "string" && organization !== "") headers["openai-organization"] = organization;
  if (typeof project === "string" && project !== "") headers["openai-project"] = project;
  return {
    url: withQuery(joinUrl(base, `/${call.route.op}`), call.query),
    method: "POST",
    headers,
    body: JSON.stringify({ ...call.body, model: target.model }),
  };
}

function azureRequest(call: PassthroughCall, target: RoutedTarget): UpstreamRequest {
  const base = target.config.baseUrl;
  if (typeof base !== "string" || base === "") {
    throw misconfigured("The Azure OpenAI secret has no baseUrl (https://<resource>.openai.azure.com).");
  }
  const root = base.replace(/\/+$/, "");
  const deployment = target.config.deployment || target.model;
  const headers: Record<string, string> = { ...call.headers, "content-type": "application/json", "api-key": apiKeyOf(target) };
  if (call.route.op === "responses") {
    return {
      url: withQuery(`${root}/openai/v1/responses`, call.query),
      method: "POST",
      headers,
      body: JSON.stringify({ ...call.body, model: deployment }),
    };
  }
  const query = new URLSearchParams(call.query);
  query.set("api-version", target.config.apiVersion || AZURE_DEFAULT_API_VERSION);
  const { model: _model, ...body } = call.body;
  return {
    url: withQuery(`${root}/openai/deployments/${encodeURIComponent(deployment)}/${call.route.op}`, query),
    method: "POST",
    headers,
    body: JSON.stringify(body),
  };
}

/** Traces keep the shape of an embeddings response, not the vectors. */
function summarizeEmbeddings(body: unknown): unknown {
  if (!isObject(body) || !Array.isArray(body.data)) return body;
  return {
    ...body,
    data: body.data.map((d: unknown) => {
      if (!isObject(d)) return d;
      const { embedding, ...rest } = d;
      return { ...rest, ...(typeof embedding === "string" ? { base64Bytes: embedding.length } : { dimensions: Array.isArray(embedding) ? embedding.length : 0 }) };
    }),
  };
}

export const openaiFormat: PassthroughFormat = {
  id: "openai",
  providers: new Set(["openai", "azure", "openai-compatible"]),

  match(rest) {
    const route = ROUTES[rest];
    return route ? { format: this, ...route, pathModel: null, apiVersion: null } : null;
  },

  isStream(route, body) {
    return route.kind === "chat" && body.stream === true;
  },

  prepare(route, body) {
    if (route.op !== "chat/completions" || body.stream !== true) return { body, usageInjected: false };
    const options = isObject(body.stream_options) ? body.stream_options : {};
    if (options.include_usage === true) return { body, usageInjected: false };
    return { body: { ...body, stream_options: { ...options, include_usage: true } }, usageInjected: true };
  },

  upstream(call, target) {
    switch (target.provider) {
      case "azure":
        return azureRequest(call, target);
      case "openai-compatible": {
        const base = target.config.baseUrl;
        if (typeof base !== "string" || base === "") throw misconfigured("The OpenAI-compatible secret has no baseUrl.");
        return openAiRequest(call, target, base, target.credentials.apiKey);
      }
      default:
        return openAiRequest(call, target, target.config.baseUrl || OPENAI_BASE_URL, apiKeyOf(target));
    }
  },

  usage(route, body) {
    if (!isObject(body)) return null;
    return route.op === "responses" ? responsesUsage(body.usage) : openAiUsage(body.usage);
  },

  captureResponse(route, body) {
    return route.kind === "embeddings" ? summarizeEmbeddings(body) : body;
  },

  tracker(call, capturing) {
    return call.route.op === "responses" ? new ResponsesStreamTracker(capturing) : new OpenAiChatStreamTracker(call.usageInjected, capturing);
  },

  errorEvent(error, tracker) {
    if (tracker instanceof ResponsesStreamTracker) {
      return sseEvent("error", { type: "error", code: error.code, message: error.message, param: null, sequence_number: tracker.nextSequenceNumber });
    }
    return sseEvent(null, error.toJSON());
  },
};
