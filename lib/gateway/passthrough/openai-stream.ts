// OpenAI stream trackers. Chat Completions: usage from the final usage chunk, completeness from
// `data: [DONE]`, in-stream `{"error": …}`; when the gateway turned on
// `stream_options.include_usage` for its own accounting, the usage-only chunk the client did not
// ask for is held back (events are then relayed whole, never split). Responses API: usage and
// the final response from `response.completed` / `response.incomplete` / `response.failed`.

import type { SseEvent } from "../../providers/sse";
import type { ChatCompletionChunk, Usage } from "../openai-types";
import { StreamAssembler } from "../stream-assembler";
import type { TraceUsage } from "../trace-hook";
import { parseData, SseTracker } from "./sse-tracker";
import type { StreamTracker } from "./types";
import { isObject, openAiUsage, responsesUsage } from "./usage";

const EMPTY = new Uint8Array(0);
const HAS_USAGE = /"usage"\s*:\s*\{/;
const IS_ERROR = /^\s*\{\s*"error"\s*:/;

/** Splits an SSE byte stream into whole raw events (text up to and including the blank line). */
class SseSplitter {
  private readonly decoder = new TextDecoder();
  private buffer = "";

  push(bytes: Uint8Array): string[] {
    this.buffer += this.decoder.decode(bytes, { stream: true });
    return this.drain();
  }

  end(): string[] {
    this.buffer += this.decoder.decode();
    const events = this.drain();
    if (this.buffer !== "") events.push(this.buffer);
    this.buffer = "";
    return events;
  }

  private drain(): string[] {
    const events: string[] = [];
    const boundary = /\r?\n\r?\n|\r\r/g;
    let start = 0;
    for (let m = boundary.exec(this.buffer); m !== null; m = boundary.exec(this.buffer)) {
      const end = m.index + m[0].length;
      events.push(this.buffer.slice(start, end));
      start = end;
    }
    if (start > 0) this.buffer = this.buffer.slice(start);
    return events;
  }
}

/** The `data:` lines of a raw event joined with "\n", or null when it has none. */
function dataOf(raw: string): string | null {
  let data: string | null = null;
  for (const line of raw.split(/\r\n|\r|\n/)) {
    if (!line.startsWith("data:")) continue;
    const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

/** `"usage":null`, which OpenAI adds to every chunk once include_usage is on. A JSON string cannot
 * hold an unescaped quote, so this matches the top-level key only. */
const NULL_USAGE_AFTER = /,\s*"usage"\s*:\s*null(?=\s*[,}])/;
const NULL_USAGE_BEFORE = /"usage"\s*:\s*null\s*,/;

/** A chunk as the client would have got it without the include_usage the gateway added. */
function withoutNullUsage(raw: string): string {
  return raw.includes('"usage"') ? raw.replace(NULL_USAGE_AFTER, "").replace(NULL_USAGE_BEFORE, "") : raw;
}

export class OpenAiChatStreamTracker implements StreamTracker {
  complete = false;
  upstreamError: string | null = null;
  private rawUsage: Record<string, unknown> | null = null;
  private readonly splitter = new SseSplitter();
  private readonly assembler: StreamAssembler | null;

  /** `hideUsage`: the client did not ask for the usage chunk (the gateway did). */
  constructor(
    private readonly hideUsage: boolean,
    capturing: boolean,
  ) {
    this.assembler = capturing ? new StreamAssembler() : null;
  }

  push(bytes: Uint8Array): Uint8Array {
    const events = this.splitter.push(bytes);
    if (!this.hideUsage) {
      for (const raw of events) this.observe(raw);
      return bytes;
    }
    let out = "";
    for (const raw of events) if (this.observe(raw)) out += withoutNullUsage(raw);
    return out === "" ? EMPTY : Buffer.from(out);
  }

  end(): Uint8Array | null {
    let out = "";
    for (const raw of this.splitter.end()) if (this.observe(raw) && this.hideUsage) out += withoutNullUsage(raw);
    return out === "" ? null : Buffer.from(out);
  }

  usage(): TraceUsage | null {
    return openAiUsage(this.rawUsage);
  }

  result(): unknown {
    return this.assembler?.result(this.rawUsage as Usage | null) ?? null;
  }

  /** Reads one raw event; returns false for the usage-only chunk the client must not see. */
  private observe(raw: string): boolean {
    const data = dataOf(raw);
    if (data === null) return true;
    if (data === "[DONE]") {
      this.complete = true;
      return true;
    }
    if (this.assembler === null && !HAS_USAGE.test(data) && !IS_ERROR.test(data)) return true;
    const chunk = parseData(data);
    if (chunk === undefined) return true;
    if (isObject(chunk.error)) {
      this.upstreamError = String(chunk.error.message ?? "unknown error");
      return true;
    }
    const choices = Array.isArray(chunk.choices) ? chunk.choices : null;
    if (isObject(chunk.usage)) {
      this.rawUsage = chunk.usage;
      if (this.hideUsage && choices !== null && choices.length === 0) return false;
    }
    if (this.assembler !== null && choices !== null) this.assembler.add(chunk as unknown as ChatCompletionChunk);
    return true;
  }
}

/** Events read even when not capturing. */
const RESPONSES_USAGE_EVENTS = new Set(["response.completed", "response.incomplete", "response.failed", "error"]);
const SEQUENCE = /"sequence_number"\s*:\s*(\d+)/;

export class ResponsesStreamTracker extends SseTracker {
  private lastSequence = -1;
  private response: Record<string, any> | null = null;
  private text = "";

  /** The sequence number the relay's own error event takes. */
  get nextSequenceNumber(): number {
    return this.lastSequence + 1;
  }

  usage(): TraceUsage | null {
    return responsesUsage(this.response?.usage);
  }

  result(): unknown {
    if (this.complete || this.response === null) return this.response;
    // Cut before the final response: what had been generated so far.
    return { ...this.response, output_text: this.text };
  }

  protected onEvent(sse: SseEvent): void {
    const seq = SEQUENCE.exec(sse.data);
    if (seq !== null) this.lastSequence = Number(seq[1]);
    if (sse.event !== undefined && !this.capturing && !RESPONSES_USAGE_EVENTS.has(sse.event)) return;
    const event = parseData(sse.data);
    if (event === undefined) return;
    switch (event.type) {
      case "response.created":
      case "response.in_progress":
        if (isObject(event.response)) this.response = event.response;
        break;
      case "response.output_text.delta":
        if (typeof event.delta === "string") this.text += event.delta;
        break;
      case "response.completed":
      case "response.incomplete":
      case "response.failed":
        if (isObject(event.response)) this.response = event.response;
        this.complete = true;
        if (event.type === "response.failed") {
          const error = isObject(event.response?.error) ? event.response.error : {};
          this.upstreamError = `${error.code ?? "response.failed"}: ${error.message ?? "the response failed"}`;
        }
        break;
      case "error":
        this.upstreamError = `${event.code ?? "error"}: ${event.message ?? "unknown error"}`;
        break;
      default:
        break;
    }
  }
}
