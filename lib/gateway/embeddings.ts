// Embeddings: same routing and fallback as chat; providers without an embeddings API are skipped
// (or answer 400 when none of the endpoint's targets has one).

import { runAttempts } from "./attempts";
import { bufferedAttempt, translateContext, unavailable } from "./chat";
import { invalidRequest } from "./errors";
import { responseHeaders, type Exchange } from "./exchange";
import type { EmbeddingsRequest, EmbeddingsResponse } from "./openai-types";
import { pickOrder, type SnapshotEndpoint } from "./snapshot-build";
import type { GatewayResponse } from "./types";

export async function handleEmbeddings(ex: Exchange, endpoint: SnapshotEndpoint, req: EmbeddingsRequest): Promise<GatewayResponse> {
  ex.operation = "embeddings";
  const ctx = translateContext(ex, endpoint);
  const result = await runAttempts<EmbeddingsResponse>(ex, endpoint, pickOrder(endpoint), async (target) => {
    const adapter = target.adapter;
    if (adapter === undefined) return unavailable(target);
    if (!adapter.embeddingsRequest || !adapter.embeddingsResponse) {
      throw invalidRequest(`Provider '${target.provider}' has no embeddings API.`, "model", "unsupported_operation");
    }
    const toResponse = adapter.embeddingsResponse.bind(adapter);
    const upstream = await adapter.embeddingsRequest(req, target);
    return bufferedAttempt(ex, endpoint, target, upstream, (body) => toResponse(body, target, req, ctx));
  });
  const usage = result.usage;
  ex.usage = usage === null ? null : { input: usage.prompt_tokens, output: 0, cacheRead: 0, cacheCreation: 0, total: usage.total_tokens };
  ex.attempts[ex.attempts.length - 1].usage = ex.usage;
  if (usage === null) result.usage = { prompt_tokens: 0, total_tokens: 0 }; // required in OpenAI's shape
  if (ex.capturing) ex.responsePayload = summarize(result);
  const body = JSON.stringify(result);
  return { status: 200, headers: responseHeaders(ex, "application/json", true), body };
}

/** Traces keep the shape of an embeddings response, not the vectors. */
function summarize(res: EmbeddingsResponse): unknown {
  return {
    object: res.object,
    model: res.model,
    usage: res.usage,
    data: res.data.map((d) => ({
      index: d.index,
      ...(typeof d.embedding === "string" ? { base64Bytes: d.embedding.length } : { dimensions: d.embedding.length }),
    })),
  };
}
