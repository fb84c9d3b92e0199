// Gemini streamGenerateContent?alt=sse tracker. Each event is a whole GenerateContentResponse with
// the running usageMetadata; there is no terminal event, so the stream is complete once every
// candidate reported a finishReason (or the prompt was blocked). `{"error": …}` events are the
// upstream's in-stream errors. When capturing, candidates are rebuilt with their text merged.

import type { SseEvent } from "../../providers/sse";
import type { TraceUsage } from "../trace-hook";
import { parseData, SseTracker } from "./sse-tracker";
import { geminiUsage, isObject } from "./usage";

type Part = Record<string, any>;

interface Candidate {
  parts: Part[];
  finishReason: string | undefined;
}

export class GeminiStreamTracker extends SseTracker {
  private rawUsage: unknown = null;
  private blocked: unknown = undefined;
  private readonly candidates = new Map<number, Candidate>();
  private last: Record<string, any> | null = null;

  usage(): TraceUsage | null {
    return geminiUsage(this.rawUsage);
  }

  protected onEvent(sse: SseEvent): void {
    const event = parseData(sse.data);
    if (event === undefined) return;
    if (isObject(event.error)) {
      this.upstreamError = `${event.error.status ?? event.error.code ?? "error"}: ${event.error.message ?? "unknown error"}`;
      return;
    }
    this.last = event;
    if (isObject(event.usageMetadata)) this.rawUsage = event.usageMetadata;
    if (isObject(event.promptFeedback) && event.promptFeedback.blockReason) this.blocked = event.promptFeedback;
    const candidates: unknown[] = Array.isArray(event.candidates) ? event.candidates : [];
    candidates.forEach((c, position) => {
      if (!isObject(c)) return;
      const index = typeof c.index === "number" ? c.index : position;
      let state = this.candidates.get(index);
      if (state === undefined) {
        state = { parts: [], finishReason: undefined };
        this.candidates.set(index, state);
      }
      if (typeof c.finishReason === "string") state.finishReason = c.finishReason;
      if (this.capturing && isObject(c.content) && Array.isArray(c.content.parts)) appendParts(state.parts, c.content.parts);
    });
    const unfinished = [...this.candidates.values()].some((c) => c.finishReason === undefined);
    this.complete = this.candidates.size > 0 ? !unfinished : this.blocked !== undefined;
  }

  result(): unknown {
    if (this.last === null) return null;
    const { candidates: _ignored, ...rest } = this.last;
    const indexes = [...this.candidates.keys()].sort((a, b) => a - b);
    return {
      ...rest,
      candidates: indexes.map((index) => {
        const c = this.candidates.get(index) as Candidate;
        return { index, content: { role: "model", parts: c.parts }, ...(c.finishReason ? { finishReason: c.finishReason } : {}) };
      }),
      ...(this.blocked !== undefined ? { promptFeedback: this.blocked } : {}),
      usageMetadata: this.rawUsage ?? undefined,
    };
  }
}

/** Appends streamed parts, merging consecutive text parts of the same kind (thought or not). */
function appendParts(into: Part[], parts: unknown[]): void {
  for (const part of parts) {
    if (!isObject(part)) continue;
    const prev = into[into.length - 1];
    const isText = typeof part.text === "string" && Object.keys(part).every((k) => k === "text" || k === "thought");
    if (isText && prev !== undefined && typeof prev.text === "string" && prev.thought === part.thought && !("thoughtSignature" in prev)) {
      prev.text += part.text;
    } else if (!(isText && part.text === "")) {
      into.push({ ...part });
    }
  }
}
