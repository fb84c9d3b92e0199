// Gemini API passthrough for @google/genai (httpOptions.baseUrl = <gatehouse>/gateway/gemini):
// /gateway/gemini/{v1,v1beta,v1alpha}/models/{endpoint}:{generateContent, streamGenerateContent,
// countTokens, embedContent, batchEmbedContents}. The endpoint name stands where Gemini expects
// the model, in the path (and in the `model` fields of batch/nested requests, which must match
// it); the team token arrives as `x-goog-api-key` or `?key=`. Streams are relayed as SSE
// (`?alt=sse`, what every Gemini SDK requests).

import { geminiAdapter } from "../../providers/gemini";
import { apiKeyOf, baseUrlOf } from "../../providers/provider-helpers";
import { invalidRequest } from "../errors";
import type { RoutedTarget } from "../snapshot-build";
import { header } from "../types";
import { GeminiStreamTracker } from "./gemini-stream";
import type { PassthroughFormat, PassthroughKind } from "./types";
import { geminiUsage, isObject, zeroUsage } from "./usage";

const PATH = /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):([A-Za-z]+)$/;

const METHODS: Record<string, PassthroughKind> = {
  generateContent: "chat",
  streamGenerateContent: "chat",
  countTokens: "count_tokens",
  embedContent: "embeddings",
  batchEmbedContents: "embeddings",
};

/** `models/<name>` unless the configured model is already a resource name (e.g. `tunedModels/x`). */
function modelResource(target: RoutedTarget): string {
  return target.model.includes("/") ? target.model : `models/${target.model}`;
}

/** The body with every `model` field that names the path's model set to the provider's. */
function withModel(op: string, body: Record<string, unknown>, resource: string): Record<string, unknown> {
  if (op === "batchEmbedContents" && Array.isArray(body.requests)) {
    return { ...body, requests: body.requests.map((r: unknown) => (isObject(r) ? { ...r, model: resource } : r)) };
  }
  if (op === "countTokens" && isObject(body.generateContentRequest)) {
    return { ...body, generateContentRequest: { ...body.generateContentRequest, model: resource } };
  }
  return body.model === undefined ? body : { ...body, model: resource };
}

function decodeName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidRequest(`Invalid URL encoding in '${segment}'.`);
  }
}

/** Traces keep the shape of embeddings, not the vectors. */
function summarizeEmbeddings(body: unknown): unknown {
  if (!isObject(body)) return body;
  const dims = (e: unknown) => ({ dimensions: isObject(e) && Array.isArray(e.values) ? e.values.length : 0 });
  if (Array.isArray(body.embeddings)) return { ...body, embeddings: body.embeddings.map(dims) };
  if (body.embedding !== undefined) return { ...body, embedding: dims(body.embedding) };
  return body;
}

export const geminiFormat: PassthroughFormat = {
  id: "gemini",
  providers: new Set(["gemini"]),

  match(rest) {
    const m = PATH.exec(rest);
    const kind = m ? METHODS[m[3]] : undefined;
    if (!m || kind === undefined) return null;
    return { format: this, op: m[3], kind, pathModel: decodeName(m[2]), apiVersion: m[1] };
  },

  teamToken(headers, query) {
    return header(headers, "x-goog-api-key") ?? query.get("key") ?? undefined;
  },

  isStream(route, _body, query) {
    if (route.op !== "streamGenerateContent") return false;
    if (query.get("alt") !== "sse") {
      throw invalidRequest(
        "Gatehouse relays streamGenerateContent as server-sent events only: add '?alt=sse' (as the Gemini SDKs do).",
        "alt",
        "unsupported_stream_format",
      );
    }
    return true;
  },

  upstream(call, target) {
    const resource = modelResource(target);
    const query = call.query.toString();
    const base = baseUrlOf(target, geminiAdapter.defaultBaseUrl);
    return {
      url: `${base}/${call.route.apiVersion}/${resource}:${call.route.op}${query ? `?${query}` : ""}`,
      method: "POST",
      headers: { ...call.headers, "content-type": "application/json", "x-goog-api-key": apiKeyOf(target) },
      body: JSON.stringify(withModel(call.route.op, call.body, resource)),
    };
  },

  usage(route, body) {
    if (route.kind === "count_tokens") return zeroUsage();
    // Gemini embeddings usually report no usage: unknown (null), as the unified API records it.
    return isObject(body) ? geminiUsage(body.usageMetadata) : null;
  },

  captureResponse(route, body) {
    return route.kind === "embeddings" ? summarizeEmbeddings(body) : body;
  },

  tracker(_call, capturing) {
    return new GeminiStreamTracker(capturing);
  },

  errorEvent(error) {
    const status = error.type === "timeout_error" ? "DEADLINE_EXCEEDED" : "UNAVAILABLE";
    return `data: ${JSON.stringify({ error: { code: error.status, message: error.message, status } })}\r\n\r\n`;
  },
};
