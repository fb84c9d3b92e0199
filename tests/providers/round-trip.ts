// Sends an adapter-built UpstreamRequest to a fake provider and translates the answer back with the
// same adapter: the provider half of the gateway without the core (which is tested end to end
// separately).

import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "../../lib/gateway/openai-types";
import type { ProviderAdapter, Target, TranslateContext, UpstreamRequest } from "../../lib/providers/types";

export const ctx: TranslateContext = { requestId: "req_rt", created: 1_700_000_000, endpointName: "test-endpoint" };

export async function send(upstream: UpstreamRequest, signal?: AbortSignal): Promise<Response> {
  const body = upstream.body instanceof Uint8Array ? new Uint8Array(upstream.body) : upstream.body;
  return fetch(upstream.url, { method: upstream.method, headers: upstream.headers, body, signal });
}

export async function chat(adapter: ProviderAdapter, target: Target, req: ChatCompletionRequest): Promise<ChatCompletion> {
  const res = await send(await adapter.chatRequest(req, target, false));
  if (!res.ok) throw new Error(`upstream ${res.status}: ${adapter.errorMessage(res.status, await res.text())}`);
  return adapter.chatResponse(await res.json(), target, ctx);
}

/** Streams through the adapter's decoder; rejects with the decoder's (or the transport's) error. */
export async function chatStream(adapter: ProviderAdapter, target: Target, req: ChatCompletionRequest): Promise<ChatCompletionChunk[]> {
  const res = await send(await adapter.chatRequest(req, target, true));
  if (!res.ok || !res.body) throw new Error(`upstream ${res.status}: ${adapter.errorMessage(res.status, await res.text())}`);
  const decoder = adapter.chatStream(target, ctx);
  const chunks: ChatCompletionChunk[] = [];
  const reader = res.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(...decoder.push(read.value));
  chunks.push(...decoder.end());
  return chunks;
}

/** Reassembles streamed chunks of choice 0 into content, tool calls, finish reason and usage. */
export function assemble(chunks: ChatCompletionChunk[], choice = 0) {
  let content = "";
  const toolCalls: Array<{ id?: string; name: string; arguments: string }> = [];
  let finishReason: string | null = null;
  for (const chunk of chunks) {
    for (const c of chunk.choices.filter((x) => x.index === choice)) {
      content += c.delta.content ?? "";
      for (const call of c.delta.tool_calls ?? []) {
        const slot = (toolCalls[call.index] ??= { name: "", arguments: "" });
        if (call.id) slot.id = call.id;
        slot.name += call.function?.name ?? "";
        slot.arguments += call.function?.arguments ?? "";
      }
      if (c.finish_reason) finishReason = c.finish_reason;
    }
  }
  const usage = chunks.find((c) => c.usage)?.usage ?? null;
  return { content, toolCalls, finishReason, usage };
}
