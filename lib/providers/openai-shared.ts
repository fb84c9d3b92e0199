// Wire-format helpers shared by the OpenAI-family adapters (OpenAI, Azure OpenAI, Mistral,
// OpenAI-compatible servers): response normalisation, the SSE stream decoder, error messages and
// embeddings encoding.

import type {
  ChatCompletion,
  ChatCompletionChunk,
  EmbeddingsRequest,
  EmbeddingsResponse,
  FinishReason,
} from "../gateway/openai-types";
import { GatewayError } from "../gateway/errors";
import { SseParser } from "./sse";
import { UpstreamStreamError, type StreamDecoder, type TranslateContext } from "./types";

export const JSON_HEADERS = { "content-type": "application/json" } as const;

/** `base` + `path` with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return base.endsWith("/") ? base.slice(0, -1) + path : base + path;
}

/** Throws when the upstream body is not an object (a proxy's HTML error page, truncated JSON). */
export function expectObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Error(`Upstream returned an invalid ${what}: expected a JSON object`);
  }
  return body as Record<string, unknown>;
}

/** A provider's finish reason that means the generation failed (Mistral's "error"): the answer is
 * an upstream failure (502, or an SSE error event mid-stream), not a finished completion. */
export const FAILED_GENERATION = "failed-generation";
export type FinishReasonMap = Readonly<Record<string, FinishReason | typeof FAILED_GENERATION>>;

function failedGeneration(reason: string): string {
  return `The upstream ended the answer with finish_reason '${reason}': the generation failed.`;
}

/** Non-streaming chat completion from an OpenAI-format upstream body. The client sees the endpoint
 * name as `model`; the upstream model name is kept in the trace. */
export function chatCompletionFromOpenAi(
  raw: unknown,
  ctx: TranslateContext,
  finishReasons?: FinishReasonMap,
): ChatCompletion {
  const body = expectObject(raw, "chat completion") as ChatCompletion;
  if (!Array.isArray(body.choices)) throw new Error("Upstream returned an invalid chat completion: no choices");
  body.model = ctx.endpointName;
  if (typeof body.id !== "string") body.id = `chatcmpl-${ctx.requestId}`;
  if (typeof body.created !== "number") body.created = ctx.created;
  body.object = "chat.completion";
  if (finishReasons) {
    for (const choice of body.choices) {
      const mapped = choice.finish_reason === null ? undefined : finishReasons[choice.finish_reason];
      if (mapped === FAILED_GENERATION) {
        throw new GatewayError(502, failedGeneration(String(choice.finish_reason)), "upstream_error", "upstream_generation_failed");
      }
      if (mapped !== undefined) choice.finish_reason = mapped;
    }
  }
  return body;
}

/** Decodes an OpenAI-format SSE stream (`data: {chunk}` ... `data: [DONE]`). A `data:` event with
 * an `error` object, or an end without `[DONE]`, raises UpstreamStreamError. */
export class OpenAiStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  private done = false;

  constructor(
    private readonly ctx: TranslateContext,
    private readonly finishReasons?: FinishReasonMap,
    /** Some servers (Mistral) omit `index` on streamed tool calls; fill it from the array position. */
    private readonly fillToolCallIndex = false,
  ) {}

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    return this.decode(this.sse.push(bytes));
  }

  end(): ChatCompletionChunk[] {
    const chunks = this.decode(this.sse.end());
    if (!this.done) throw new UpstreamStreamError("Upstream stream ended before [DONE]", "incomplete_stream");
    return chunks;
  }

  private decode(events: ReturnType<SseParser["push"]>): ChatCompletionChunk[] {
    const out: ChatCompletionChunk[] = [];
    for (const ev of events) {
      if (this.done) break;
      if (ev.data === "[DONE]") {
        this.done = true;
        break;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(ev.data);
      } catch {
        throw new UpstreamStreamError(`Upstream sent an invalid stream event: ${ev.data.slice(0, 200)}`, "invalid_event");
      }
      const chunk = parsed as ChatCompletionChunk & { error?: { message?: string; type?: string } };
      if (ev.event === "error" || chunk.error) {
        const err = chunk.error ?? (parsed as { message?: string; type?: string });
        throw new UpstreamStreamError(err.message ?? JSON.stringify(err).slice(0, 500), err.type ?? "stream_error");
      }
      if (!Array.isArray(chunk.choices)) continue; // keep-alive or vendor metadata event
      chunk.model = this.ctx.endpointName;
      chunk.object = "chat.completion.chunk";
      if (typeof chunk.id !== "string") chunk.id = `chatcmpl-${this.ctx.requestId}`;
      if (typeof chunk.created !== "number") chunk.created = this.ctx.created;
      if (this.finishReasons || this.fillToolCallIndex) this.normalize(chunk);
      out.push(chunk);
    }
    return out;
  }

  private normalize(chunk: ChatCompletionChunk): void {
    for (const choice of chunk.choices) {
      if (this.finishReasons && choice.finish_reason) {
        const mapped = this.finishReasons[choice.finish_reason];
        if (mapped === FAILED_GENERATION) throw new UpstreamStreamError(failedGeneration(choice.finish_reason), "generation_failed");
        if (mapped !== undefined) choice.finish_reason = mapped;
      }
      const calls = choice.delta?.tool_calls;
      if (this.fillToolCallIndex && calls) {
        for (let i = 0; i < calls.length; i++) if (typeof calls[i].index !== "number") calls[i].index = i;
      }
    }
  }
}

/** Human-readable message from an OpenAI-style error body (`{error: {message}}`, `{message}`,
 * `{detail}`), falling back to the raw text (truncated). */
export function openAiErrorMessage(status: number, body: string): string {
  const text = body.trim();
  if (text.length > 0) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const msg = pickMessage(parsed.error) ?? pickMessage(parsed.message) ?? pickMessage(parsed.detail) ?? pickMessage(parsed);
      if (msg) return msg;
    } catch {
      // not JSON: use the text itself
    }
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  }
  return `HTTP ${status} with an empty body`;
}

function pickMessage(v: unknown): string | undefined {
  if (typeof v === "string" && v.length > 0) return v;
  if (typeof v === "object" && v !== null) {
    const m = (v as { message?: unknown }).message;
    if (typeof m === "string" && m.length > 0) return m;
    if (m !== undefined && m !== null) return JSON.stringify(m).slice(0, 500);
    if (Array.isArray(v)) return JSON.stringify(v).slice(0, 500);
  }
  return undefined;
}

/** float32 little-endian bytes, base64: what OpenAI returns for `encoding_format: "base64"`. */
export function floatsToBase64(values: readonly number[]): string {
  const f32 = Float32Array.from(values);
  return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).toString("base64");
}

/** Embeddings response from an OpenAI-format body. `wantBase64`: the client asked for base64 but the
 * upstream was asked for floats (it cannot do base64), so encode here. */
export function embeddingsFromOpenAi(raw: unknown, ctx: TranslateContext, req: EmbeddingsRequest, upstreamSentFloats: boolean): EmbeddingsResponse {
  const body = expectObject(raw, "embeddings response") as unknown as EmbeddingsResponse;
  if (!Array.isArray(body.data)) throw new Error("Upstream returned an invalid embeddings response: no data");
  const encode = req.encoding_format === "base64" && upstreamSentFloats;
  for (let i = 0; i < body.data.length; i++) {
    const item = body.data[i];
    item.object = "embedding";
    if (typeof item.index !== "number") item.index = i;
    if (encode && Array.isArray(item.embedding)) item.embedding = floatsToBase64(item.embedding);
  }
  body.object = "list";
  body.model = ctx.endpointName;
  const usage = body.usage as Partial<EmbeddingsResponse["usage"]> | undefined;
  const prompt = usage?.prompt_tokens ?? 0;
  body.usage = { prompt_tokens: prompt, total_tokens: usage?.total_tokens ?? prompt };
  return body;
}
