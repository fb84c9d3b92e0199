// Cohere v2 chat stream (SSE; every event's JSON carries its `type`) → OpenAI chat completion
// chunks (https://docs.cohere.com/docs/streaming). The stream is complete only after `message-end`.

import type { ChatCompletionChunk, FinishReason } from "../gateway/openai-types";
import { cohereFinishReason, cohereUsage, type CohereUsage } from "./cohere-response";
import { SseParser } from "./sse";
import { UpstreamStreamError, type StreamDecoder, type TranslateContext } from "./types";

type Delta = ChatCompletionChunk["choices"][number]["delta"];

interface CohereStreamEvent {
  type?: string;
  id?: string;
  index?: number;
  delta?: {
    message?: {
      content?: { type?: string; text?: string };
      tool_plan?: string;
      tool_calls?: { id?: string; function?: { name?: string; arguments?: string } };
    };
    finish_reason?: string;
    error?: string;
    usage?: CohereUsage;
  };
}

export class CohereStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  private id: string;
  private ended = false;
  /** Cohere content index → content type ("text", "thinking", …) */
  private readonly contentTypes = new Map<number, string>();
  /** Cohere tool-call index → OpenAI tool_calls index */
  private readonly toolIndex = new Map<number, number>();

  constructor(private readonly ctx: TranslateContext) {
    this.id = `chatcmpl-${ctx.requestId}`;
  }

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    return this.translate(this.sse.push(bytes));
  }

  end(): ChatCompletionChunk[] {
    const chunks = this.translate(this.sse.end());
    if (!this.ended) throw new UpstreamStreamError("Cohere stream ended before message-end: the response is incomplete.");
    return chunks;
  }

  private translate(events: Array<{ event: string | undefined; data: string }>): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    for (const { event: name, data } of events) {
      if (data === "[DONE]") continue;
      let event: CohereStreamEvent;
      try {
        event = JSON.parse(data) as CohereStreamEvent;
      } catch {
        throw new UpstreamStreamError(`Cohere stream event '${name ?? "message"}' with a malformed JSON payload.`);
      }
      this.handle(event.type ?? name, event, chunks);
    }
    return chunks;
  }

  private handle(type: string | undefined, event: CohereStreamEvent, chunks: ChatCompletionChunk[]): void {
    const message = event.delta?.message;
    switch (type) {
      case "message-start":
        if (event.id) this.id = event.id;
        chunks.push(this.chunk({ role: "assistant", content: "" }));
        return;
      case "content-start":
        this.contentTypes.set(event.index ?? 0, message?.content?.type ?? "text");
        return;
      case "content-delta": {
        // Thinking content (reasoning models) has no Chat Completions field.
        if ((this.contentTypes.get(event.index ?? 0) ?? "text") !== "text") return;
        const text = message?.content?.text;
        if (text) chunks.push(this.chunk({ content: text }));
        return;
      }
      case "tool-plan-delta":
        // The model's text before its tool calls: content, as in the non-streaming translation.
        if (message?.tool_plan) chunks.push(this.chunk({ content: message.tool_plan }));
        return;
      case "tool-call-start": {
        const call = message?.tool_calls;
        const index = this.toolIndex.size;
        this.toolIndex.set(event.index ?? index, index);
        chunks.push(
          this.chunk({
            tool_calls: [
              {
                index,
                id: call?.id,
                type: "function",
                function: { name: call?.function?.name, arguments: call?.function?.arguments ?? "" },
              },
            ],
          }),
        );
        return;
      }
      case "tool-call-delta": {
        const index = this.toolIndex.get(event.index ?? -1);
        if (index === undefined) {
          throw new UpstreamStreamError(`Cohere tool-call-delta for tool call ${event.index} that never started.`);
        }
        const args = message?.tool_calls?.function?.arguments;
        if (args) chunks.push(this.chunk({ tool_calls: [{ index, function: { arguments: args } }] }));
        return;
      }
      case "message-end": {
        this.ended = true;
        const delta = event.delta ?? {};
        let finish: FinishReason;
        try {
          finish = cohereFinishReason(delta.finish_reason, delta.error);
        } catch (err) {
          throw new UpstreamStreamError((err as Error).message, delta.finish_reason);
        }
        chunks.push(this.chunk({}, finish));
        if (delta.usage) chunks.push({ ...this.chunk({}), choices: [], usage: cohereUsage(delta.usage) });
        return;
      }
      // content-end, tool-call-end, citation-start/-end, debug: nothing to translate.
      default:
        return;
    }
  }

  private chunk(delta: Delta, finishReason: FinishReason = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.ctx.created,
      model: this.ctx.endpointName,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
  }
}
