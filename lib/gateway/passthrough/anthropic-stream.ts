// Anthropic Messages stream tracker: usage from message_start (input, cache reads/writes) merged
// with message_delta (cumulative output, possibly restated input), completeness from
// message_stop, the upstream's `error` event, and (when capturing) the final message rebuilt from
// the content-block events.

import type { SseEvent } from "../../providers/sse";
import type { TraceUsage } from "../trace-hook";
import { parseData, SseTracker } from "./sse-tracker";
import { anthropicUsage, isObject } from "./usage";

/** Events read even when not capturing (the rest are only parsed to rebuild the message). */
const USAGE_EVENTS = new Set(["message_start", "message_delta", "message_stop", "error"]);

type Block = Record<string, any>;

export class AnthropicStreamTracker extends SseTracker {
  private rawUsage: Record<string, unknown> | null = null;
  private message: Record<string, any> | null = null;
  private readonly blocks: Block[] = [];
  private readonly partialJson = new Map<number, string>();

  usage(): TraceUsage | null {
    return anthropicUsage(this.rawUsage);
  }

  protected onEvent(sse: SseEvent): void {
    // Anthropic names every event; a nameless one is read from its `type`.
    if (sse.event !== undefined && !this.capturing && !USAGE_EVENTS.has(sse.event)) return;
    const event = parseData(sse.data);
    if (event === undefined) return;
    switch (event.type) {
      case "message_start":
        if (isObject(event.message)) {
          this.message = event.message;
          if (isObject(event.message.usage)) this.rawUsage = { ...event.message.usage };
        }
        break;
      case "message_delta":
        // Cumulative; newer API versions restate input and cache counts here too.
        if (isObject(event.usage)) this.rawUsage = { ...this.rawUsage, ...definedOnly(event.usage) };
        if (this.message !== null && isObject(event.delta)) Object.assign(this.message, event.delta);
        break;
      case "message_stop":
        this.complete = true;
        break;
      case "error": {
        const error = isObject(event.error) ? event.error : {};
        this.upstreamError = `${error.type ?? "error"}: ${error.message ?? "unknown error"}`;
        break;
      }
      case "content_block_start":
        if (typeof event.index === "number" && isObject(event.content_block)) this.blocks[event.index] = { ...event.content_block };
        break;
      case "content_block_delta":
        this.applyDelta(event.index, event.delta);
        break;
      case "content_block_stop":
        this.closeBlock(event.index);
        break;
      default:
        // ping and event types newer than this tracker carry no usage.
        break;
    }
  }

  private applyDelta(index: unknown, delta: unknown): void {
    if (typeof index !== "number" || !isObject(delta)) return;
    const block = this.blocks[index];
    if (block === undefined) return;
    switch (delta.type) {
      case "text_delta":
        block.text = (block.text ?? "") + String(delta.text ?? "");
        break;
      case "input_json_delta":
        this.partialJson.set(index, (this.partialJson.get(index) ?? "") + String(delta.partial_json ?? ""));
        break;
      case "thinking_delta":
        block.thinking = (block.thinking ?? "") + String(delta.thinking ?? "");
        break;
      case "signature_delta":
        block.signature = delta.signature;
        break;
      case "citations_delta":
        block.citations = [...(Array.isArray(block.citations) ? block.citations : []), delta.citation];
        break;
      default:
        break;
    }
  }

  private closeBlock(index: unknown): void {
    if (typeof index !== "number") return;
    const json = this.partialJson.get(index);
    const block = this.blocks[index];
    if (json === undefined || block === undefined) return;
    this.partialJson.delete(index);
    if (json === "") return;
    try {
      block.input = JSON.parse(json);
    } catch {
      block.input = json; // kept as sent: the trace shows what the model produced
    }
  }

  result(): unknown {
    for (const index of [...this.partialJson.keys()]) this.closeBlock(index);
    if (this.message === null) return null;
    return { ...this.message, content: this.blocks.filter(Boolean), usage: this.rawUsage };
  }
}

function definedOnly(usage: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(usage).filter(([, v]) => v != null));
}
