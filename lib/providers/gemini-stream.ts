// Gemini streamGenerateContent?alt=sse → OpenAI chat completion chunks. Each SSE event is a whole
// GenerateContentResponse; there is no terminal event, so completeness is judged by every
// candidate having reported a finishReason when the upstream closes.

import type { ChatCompletionChunk, ChunkToolCallDelta, FinishReason } from "../gateway/openai-types";
import { type GeminiResponse, type GeminiUsage, toFinishReason, toOpenAIUsage, translateParts } from "./gemini-response";
import { SseParser, type SseEvent } from "./sse";
import { type StreamDecoder, type TranslateContext, UpstreamStreamError } from "./types";

type Delta = ChatCompletionChunk["choices"][number]["delta"];

interface CandidateState {
  toolCalls: number;
  finishReason: string | undefined;
}

export class GeminiStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  private id: string | undefined;
  private usage: GeminiUsage = {};
  private readonly candidates = new Map<number, CandidateState>();
  private blockReason: string | undefined;

  constructor(private readonly ctx: TranslateContext) {}

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    return this.handle(this.sse.push(bytes));
  }

  end(): ChatCompletionChunk[] {
    const chunks = this.handle(this.sse.end());
    if (this.blockReason !== undefined && this.candidates.size === 0) {
      // The prompt was blocked before any candidate was generated.
      chunks.push(this.chunk(0, { role: "assistant", refusal: `Prompt blocked by Gemini: ${this.blockReason}` }));
      chunks.push(this.finalChunk(0, "content_filter"));
      return chunks;
    }
    const unfinished = [...this.candidates.values()].some((c) => c.finishReason === undefined);
    if (this.candidates.size === 0 || unfinished) {
      throw new UpstreamStreamError("Gemini stream ended before a finishReason.", "incomplete_stream");
    }
    const indexes = [...this.candidates.keys()].sort((a, b) => a - b);
    indexes.forEach((index, k) => {
      const state = this.candidates.get(index) as CandidateState;
      const finishReason = toFinishReason(state.finishReason, state.toolCalls > 0) ?? "stop";
      chunks.push(k === indexes.length - 1 ? this.finalChunk(index, finishReason) : this.chunk(index, {}, finishReason));
    });
    return chunks;
  }

  private handle(events: SseEvent[]): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    for (const event of events) chunks.push(...this.translate(parse(event)));
    return chunks;
  }

  private translate(response: GeminiResponse): ChatCompletionChunk[] {
    if (response.error) {
      throw new UpstreamStreamError(
        `Gemini stream error: ${response.error.message ?? "unknown error"}`,
        response.error.status ?? "error",
      );
    }
    this.id ??= response.responseId;
    if (response.usageMetadata) this.usage = response.usageMetadata;
    if (response.promptFeedback?.blockReason) this.blockReason = response.promptFeedback.blockReason;
    const chunks: ChatCompletionChunk[] = [];
    (response.candidates ?? []).forEach((candidate, position) => {
      const index = candidate.index ?? position;
      let state = this.candidates.get(index);
      const first = state === undefined;
      if (!state) {
        state = { toolCalls: 0, finishReason: undefined };
        this.candidates.set(index, state);
      }
      if (candidate.finishReason) state.finishReason = candidate.finishReason;
      const { text, toolCalls } = translateParts(candidate.content?.parts);
      const delta: Delta = first ? { role: "assistant" } : {};
      if (text !== "" || first) delta.content = text;
      if (toolCalls.length > 0) {
        delta.tool_calls = toolCalls.map(
          (call): ChunkToolCallDelta => ({ index: (state as CandidateState).toolCalls++, ...call }),
        );
      }
      if (first || text !== "" || toolCalls.length > 0) chunks.push(this.chunk(index, delta));
    });
    return chunks;
  }

  private chunk(index: number, delta: Delta, finishReason: FinishReason = null): ChatCompletionChunk {
    return {
      id: this.id ?? `chatcmpl-${this.ctx.requestId}`,
      object: "chat.completion.chunk",
      created: this.ctx.created,
      model: this.ctx.endpointName,
      choices: [{ index, delta, finish_reason: finishReason }],
    };
  }

  private finalChunk(index: number, finishReason: FinishReason): ChatCompletionChunk {
    return { ...this.chunk(index, {}, finishReason), usage: toOpenAIUsage(this.usage) };
  }
}

function parse(event: SseEvent): GeminiResponse {
  let response: unknown;
  try {
    response = JSON.parse(event.data);
  } catch {
    throw new UpstreamStreamError("Gemini stream sent malformed JSON.", "invalid_event");
  }
  if (response === null || typeof response !== "object" || Array.isArray(response)) {
    throw new UpstreamStreamError("Gemini stream sent an event that is not an object.", "invalid_event");
  }
  return response as GeminiResponse;
}
