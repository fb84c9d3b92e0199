// Anthropic Messages streaming (SSE with typed events) → OpenAI chat completion chunks.
// https://docs.anthropic.com/en/docs/build-with-claude/streaming

import type { ChatCompletionChunk, ChunkToolCallDelta, FinishReason } from "../gateway/openai-types";
import { type AnthropicUsage, toFinishReason, toOpenAIUsage } from "./anthropic-response";
import { SseParser, type SseEvent } from "./sse";
import { type StreamDecoder, type TranslateContext, UpstreamStreamError } from "./types";

interface StreamEvent {
  type: string;
  index?: number;
  message?: { id?: string; usage?: AnthropicUsage };
  content_block?: { type: string; text?: string; id?: string; name?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

type Delta = ChatCompletionChunk["choices"][number]["delta"];

export class AnthropicStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  private id: string;
  private usage: AnthropicUsage = {};
  private stopReason: string | null = null;
  /** Anthropic content-block index → OpenAI tool_calls index (tool_use blocks only). */
  private readonly toolIndexByBlock = new Map<number, number>();
  private started = false;
  private finished = false;

  constructor(private readonly ctx: TranslateContext) {
    this.id = `chatcmpl-${ctx.requestId}`;
  }

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    return this.handle(this.sse.push(bytes));
  }

  end(): ChatCompletionChunk[] {
    const chunks = this.handle(this.sse.end());
    if (!this.finished) {
      throw new UpstreamStreamError("Anthropic stream ended before message_stop.", "incomplete_stream");
    }
    return chunks;
  }

  private handle(events: SseEvent[]): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    for (const sse of events) {
      if (this.finished) break;
      const event = parse(sse);
      const chunk = this.translate(event);
      if (chunk) chunks.push(chunk);
    }
    return chunks;
  }

  private translate(event: StreamEvent): ChatCompletionChunk | undefined {
    switch (event.type) {
      case "message_start":
        this.started = true;
        if (event.message?.id) this.id = event.message.id;
        this.usage = { ...event.message?.usage };
        return this.chunk({ role: "assistant", content: "" });
      case "content_block_start":
        return this.blockStart(event);
      case "content_block_delta":
        return this.blockDelta(event);
      case "message_delta":
        if (event.delta?.stop_reason !== undefined) this.stopReason = event.delta.stop_reason;
        // message_delta usage is cumulative and may restate input and cache counts.
        if (event.usage) this.usage = { ...this.usage, ...definedOnly(event.usage) };
        return undefined;
      case "message_stop":
        if (!this.started) throw new UpstreamStreamError("Anthropic stream sent message_stop before message_start.");
        this.finished = true;
        return this.chunk({}, toFinishReason(this.stopReason) ?? "stop", true);
      case "error":
        throw new UpstreamStreamError(
          `Anthropic stream error: ${event.error?.message ?? "unknown error"}`,
          event.error?.type ?? "error",
        );
      default:
        // ping, content_block_stop and event types newer than this adapter carry nothing to translate.
        return undefined;
    }
  }

  private blockStart(event: StreamEvent): ChatCompletionChunk | undefined {
    const block = event.content_block;
    if (block?.type === "text") return block.text ? this.chunk({ content: block.text }) : undefined;
    if (block?.type === "tool_use" && event.index !== undefined) {
      const toolIndex = this.toolIndexByBlock.size;
      this.toolIndexByBlock.set(event.index, toolIndex);
      const call: ChunkToolCallDelta = {
        index: toolIndex,
        id: block.id,
        type: "function",
        function: { name: block.name ?? "", arguments: "" },
      };
      return this.chunk({ tool_calls: [call] });
    }
    return undefined;
  }

  private blockDelta(event: StreamEvent): ChatCompletionChunk | undefined {
    const delta = event.delta;
    if (delta?.type === "text_delta" && delta.text) return this.chunk({ content: delta.text });
    if (delta?.type === "input_json_delta" && delta.partial_json && event.index !== undefined) {
      const toolIndex = this.toolIndexByBlock.get(event.index);
      if (toolIndex === undefined) {
        throw new UpstreamStreamError(`Anthropic stream sent input_json_delta for unknown block ${event.index}.`);
      }
      return this.chunk({ tool_calls: [{ index: toolIndex, function: { arguments: delta.partial_json } }] });
    }
    // thinking/signature/citations deltas belong to features this adapter never requests.
    return undefined;
  }

  private chunk(delta: Delta, finishReason: FinishReason = null, final = false): ChatCompletionChunk {
    const chunk: ChatCompletionChunk = {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.ctx.created,
      model: this.ctx.endpointName,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
    if (final) chunk.usage = toOpenAIUsage(this.usage);
    return chunk;
  }
}

function parse(sse: SseEvent): StreamEvent {
  let event: unknown;
  try {
    event = JSON.parse(sse.data);
  } catch {
    throw new UpstreamStreamError(`Anthropic stream sent malformed JSON in a '${sse.event ?? "message"}' event.`);
  }
  if (event === null || typeof event !== "object" || typeof (event as StreamEvent).type !== "string") {
    throw new UpstreamStreamError("Anthropic stream sent an event without a type.");
  }
  return event as StreamEvent;
}

function definedOnly(usage: AnthropicUsage): AnthropicUsage {
  return Object.fromEntries(Object.entries(usage).filter(([, v]) => v != null)) as AnthropicUsage;
}
