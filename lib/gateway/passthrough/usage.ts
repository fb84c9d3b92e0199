// Native usage objects → the trace's usage (OpenAI semantics: `input` is the whole prompt including
// cache reads and writes), reusing the providers' own conversions so passthrough and unified calls
// are priced alike.

import { type AnthropicUsage, toOpenAIUsage as anthropicToOpenAi } from "../../providers/anthropic-response";
import { type GeminiUsage, toOpenAIUsage as geminiToOpenAi } from "../../providers/gemini-response";
import { traceUsage } from "../exchange";
import type { Usage } from "../openai-types";
import type { TraceUsage } from "../trace-hook";

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Anthropic Messages `usage` (input_tokens excludes cache reads and writes). */
export function anthropicUsage(usage: unknown): TraceUsage | null {
  return isObject(usage) ? traceUsage(anthropicToOpenAi(usage as AnthropicUsage)) : null;
}

/** Gemini `usageMetadata` (promptTokenCount includes cached content; thoughts count as output). */
export function geminiUsage(usage: unknown): TraceUsage | null {
  return isObject(usage) ? traceUsage(geminiToOpenAi(usage as GeminiUsage)) : null;
}

/** OpenAI Chat Completions and Embeddings `usage`. */
export function openAiUsage(usage: unknown): TraceUsage | null {
  return isObject(usage) ? traceUsage(usage as unknown as Usage) : null;
}

interface ResponsesUsage {
  input_tokens?: number;
  input_tokens_details?: { cached_tokens?: number };
  output_tokens?: number;
  total_tokens?: number;
}

/** OpenAI Responses API `usage` (input_tokens includes cached tokens). */
export function responsesUsage(usage: unknown): TraceUsage | null {
  if (!isObject(usage)) return null;
  const u = usage as ResponsesUsage;
  const input = u.input_tokens ?? 0;
  const output = u.output_tokens ?? 0;
  return {
    input,
    output,
    cacheRead: u.input_tokens_details?.cached_tokens ?? 0,
    cacheCreation: 0,
    total: u.total_tokens ?? input + output,
  };
}

/** Token counting endpoints are free: recorded as zero usage (so the cost is 0, not unknown). */
export function zeroUsage(): TraceUsage {
  return { input: 0, output: 0, cacheRead: 0, cacheCreation: 0, total: 0 };
}
