// ConverseStream response (application/vnd.amazon.eventstream) → OpenAI chat completion chunks.
// Messages are decoded (headers, CRCs) by @smithy/eventstream-codec; this file only cuts the byte
// stream at message boundaries (the prelude's big-endian total length, as the SDK's own chunker
// does) so frames split across network reads are reassembled.

import { EventStreamCodec, type Message } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import type { ChatCompletionChunk, FinishReason } from "../gateway/openai-types";
import { bedrockFinishReason, bedrockUsage, type BedrockTokenUsage } from "./bedrock-response";
import { UpstreamStreamError, type StreamDecoder, type TranslateContext } from "./types";

const PRELUDE_LENGTH = 12;

type Delta = ChatCompletionChunk["choices"][number]["delta"];

interface ContentBlockStart {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: string; name?: string } };
}
interface ContentBlockDelta {
  contentBlockIndex?: number;
  delta?: { text?: string; toolUse?: { input?: string } };
}

export class BedrockStreamDecoder implements StreamDecoder {
  private readonly codec = new EventStreamCodec(toUtf8, fromUtf8);
  private readonly textDecoder = new TextDecoder();
  private buffer: Uint8Array = new Uint8Array(0);
  /** contentBlockIndex → OpenAI tool_calls index */
  private readonly toolIndexByBlock = new Map<number, number>();
  private stopped = false;
  private finished = false;
  private readonly id: string;

  constructor(private readonly ctx: TranslateContext) {
    this.id = `chatcmpl-${ctx.requestId}`;
  }

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    this.buffer = this.buffer.length === 0 ? bytes : concat(this.buffer, bytes);
    const chunks: ChatCompletionChunk[] = [];
    while (this.buffer.length >= PRELUDE_LENGTH) {
      const view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
      const total = view.getUint32(0, false);
      if (total < PRELUDE_LENGTH + 4) throw new UpstreamStreamError(`Malformed event stream frame (length ${total}).`);
      if (this.buffer.length < total) break;
      let message: Message;
      try {
        message = this.codec.decode(this.buffer.subarray(0, total));
      } catch (err) {
        throw new UpstreamStreamError(`Malformed event stream frame: ${(err as Error).message}`);
      }
      this.buffer = this.buffer.subarray(total);
      this.handle(message, chunks);
    }
    return chunks;
  }

  end(): ChatCompletionChunk[] {
    if (this.buffer.length > 0) {
      throw new UpstreamStreamError("Bedrock stream ended in the middle of an event.");
    }
    if (!this.stopped || !this.finished) {
      throw new UpstreamStreamError(
        `Bedrock stream ended before ${this.stopped ? "its metadata event" : "messageStop"}: the response is incomplete.`,
      );
    }
    return [];
  }

  private handle(message: Message, chunks: ChatCompletionChunk[]): void {
    const messageType = headerString(message, ":message-type");
    if (messageType === "exception") {
      const type = headerString(message, ":exception-type") ?? "exception";
      throw new UpstreamStreamError(`Bedrock ${type}: ${errorText(this.json(message))}`, type);
    }
    if (messageType === "error") {
      const code = headerString(message, ":error-code") ?? "error";
      throw new UpstreamStreamError(`Bedrock ${code}: ${headerString(message, ":error-message") ?? "stream error"}`, code);
    }
    if (messageType !== "event") return;

    const body = this.json(message);
    switch (headerString(message, ":event-type")) {
      case "messageStart":
        chunks.push(this.chunk({ role: "assistant", content: "" }));
        return;
      case "contentBlockStart":
        this.blockStart(body as ContentBlockStart, chunks);
        return;
      case "contentBlockDelta":
        this.blockDelta(body as ContentBlockDelta, chunks);
        return;
      case "messageStop": {
        this.stopped = true;
        const stopReason = (body as { stopReason?: string }).stopReason;
        let finish: FinishReason;
        try {
          finish = bedrockFinishReason(stopReason);
        } catch (err) {
          throw new UpstreamStreamError((err as Error).message, stopReason);
        }
        chunks.push(this.chunk({}, finish));
        return;
      }
      case "metadata": {
        this.finished = true;
        const usage = (body as { usage?: BedrockTokenUsage }).usage;
        if (usage) chunks.push({ ...this.chunk({}), choices: [], usage: bedrockUsage(usage) });
        return;
      }
      // contentBlockStop needs no chunk; unknown future event types carry nothing we translate.
      default:
        return;
    }
  }

  private blockStart(event: ContentBlockStart, chunks: ChatCompletionChunk[]): void {
    const toolUse = event.start?.toolUse;
    if (!toolUse || event.contentBlockIndex === undefined) return;
    const index = this.toolIndexByBlock.size;
    this.toolIndexByBlock.set(event.contentBlockIndex, index);
    chunks.push(
      this.chunk({
        tool_calls: [{ index, id: toolUse.toolUseId, type: "function", function: { name: toolUse.name, arguments: "" } }],
      }),
    );
  }

  private blockDelta(event: ContentBlockDelta, chunks: ChatCompletionChunk[]): void {
    const delta = event.delta ?? {};
    if (typeof delta.text === "string") {
      if (delta.text !== "") chunks.push(this.chunk({ content: delta.text }));
      return;
    }
    if (delta.toolUse) {
      const index = this.toolIndexByBlock.get(event.contentBlockIndex ?? -1);
      if (index === undefined) {
        throw new UpstreamStreamError(`Bedrock toolUse delta for content block ${event.contentBlockIndex} that never started.`);
      }
      const input = delta.toolUse.input ?? "";
      if (input !== "") chunks.push(this.chunk({ tool_calls: [{ index, function: { arguments: input } }] }));
    }
    // reasoningContent / citation deltas: Gatehouse never requests reasoning or citations, and
    // Chat Completions has no field for them.
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

  private json(message: Message): unknown {
    if (message.body.length === 0) return {};
    try {
      return JSON.parse(this.textDecoder.decode(message.body));
    } catch {
      throw new UpstreamStreamError("Bedrock stream event with a malformed JSON payload.");
    }
  }
}

function headerString(message: Message, name: string): string | undefined {
  const header = message.headers[name];
  return header && header.type === "string" ? header.value : undefined;
}

function errorText(body: unknown): string {
  const b = body as { message?: unknown; Message?: unknown };
  const text = b.message ?? b.Message;
  return typeof text === "string" ? text : "stream error";
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
