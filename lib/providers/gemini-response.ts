// Gemini GenerateContentResponse → OpenAI chat completion (parts, finish reasons and usage are
// shared with the stream decoder).

import { GatewayError } from "../gateway/errors";
import type { ChatCompletion, FinishReason, ToolCall, Usage } from "../gateway/openai-types";
import { toolCallIdFor } from "./gemini-tool-ids";
import type { TranslateContext } from "./types";

export interface GeminiPart {
  text?: string;
  /** Thought summaries (only with includeThoughts, which this adapter never sets). */
  thought?: boolean;
  functionCall?: { id?: string; name?: string; args?: Record<string, unknown> };
  thoughtSignature?: string;
}

export interface GeminiCandidate {
  index?: number;
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
}

export interface GeminiUsage {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  cachedContentTokenCount?: number;
  totalTokenCount?: number;
}

export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsage;
  responseId?: string;
  error?: { code?: number; message?: string; status?: string };
}

/** Gemini's prompt count already includes cached tokens (as OpenAI's does); thinking tokens are
 * billed as output, so they count as completion tokens and are broken out as reasoning tokens. */
export function toOpenAIUsage(usage: GeminiUsage): Usage {
  const prompt = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const reasoning = usage.thoughtsTokenCount ?? 0;
  const completion = (usage.candidatesTokenCount ?? 0) + reasoning;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}

const CONTENT_FILTER_REASONS = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
  "MODEL_ARMOR",
  "PUP_LIMITED_DISABLED",
]);

/** CONTINUATION: the per-request decode limit was reached and the answer is incomplete (resuming
 * would take a second upstream request with the continuationToken), so it is reported as `length`. */
const LENGTH_REASONS = new Set(["MAX_TOKENS", "CONTINUATION"]);

/** Generation failed (as Bedrock's malformed_tool_use): the answer is unusable, an upstream failure
 * (502, so a fallback can answer) rather than a finished completion. From the v1beta
 * Candidate.FinishReason list: a function call that could not be parsed, a tool call with no tools,
 * too many tool calls, a missing thought signature in the replayed history, a malformed response,
 * an unsupported language, image generation that produced nothing. */
const FAILED_REASONS = new Set([
  "MALFORMED_FUNCTION_CALL",
  "UNEXPECTED_TOOL_CALL",
  "TOO_MANY_TOOL_CALLS",
  "MISSING_THOUGHT_SIGNATURE",
  "MALFORMED_RESPONSE",
  "LANGUAGE",
  "NO_IMAGE",
  "IMAGE_OTHER",
]);

export function toFinishReason(finishReason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (finishReason === undefined) return null;
  if (LENGTH_REASONS.has(finishReason)) return "length";
  if (CONTENT_FILTER_REASONS.has(finishReason)) return "content_filter";
  if (FAILED_REASONS.has(finishReason)) {
    throw new GatewayError(
      502,
      `Gemini stopped with '${finishReason}': the generation failed and produced no usable answer.`,
      "upstream_error",
      "upstream_malformed_output",
    );
  }
  // STOP and the rest (OTHER, LANGUAGE, ...) end the turn.
  return hasToolCalls ? "tool_calls" : "stop";
}

/** The visible text and function calls of some parts (thought summaries are skipped). */
export function translateParts(parts: GeminiPart[] | undefined): { text: string; toolCalls: ToolCall[] } {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const part of parts ?? []) {
    if (part.functionCall) {
      toolCalls.push({
        id: toolCallIdFor(part.functionCall, part.thoughtSignature),
        type: "function",
        function: { name: part.functionCall.name ?? "", arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    } else if (typeof part.text === "string" && !part.thought) {
      text += part.text;
    }
  }
  return { text, toolCalls };
}

export function geminiChatResponse(body: unknown, ctx: TranslateContext): ChatCompletion {
  const response = body as GeminiResponse;
  if (response === null || typeof response !== "object") {
    throw new GatewayError(502, "Gemini returned an unexpected response body.", "upstream_error", "bad_upstream_response");
  }
  const candidates = response.candidates ?? [];
  const choices: ChatCompletion["choices"] = candidates.map((candidate, position) => {
    const { text, toolCalls } = translateParts(candidate.content?.parts);
    return {
      index: candidate.index ?? position,
      message: {
        role: "assistant",
        content: text === "" && toolCalls.length > 0 ? null : text,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        refusal: null,
      },
      finish_reason: toFinishReason(candidate.finishReason, toolCalls.length > 0) ?? "stop",
      logprobs: null,
    };
  });
  if (choices.length === 0) {
    // The prompt itself was blocked: no candidates, only promptFeedback.blockReason.
    if (!response.promptFeedback?.blockReason) {
      throw new GatewayError(502, "Gemini returned no candidates.", "upstream_error", "bad_upstream_response");
    }
    choices.push({
      index: 0,
      message: { role: "assistant", content: null, refusal: `Prompt blocked by Gemini: ${response.promptFeedback.blockReason}` },
      finish_reason: "content_filter",
      logprobs: null,
    });
  }
  choices.sort((a, b) => a.index - b.index);
  return {
    id: response.responseId ?? `chatcmpl-${ctx.requestId}`,
    object: "chat.completion",
    created: ctx.created,
    model: ctx.endpointName,
    choices,
    usage: toOpenAIUsage(response.usageMetadata ?? {}),
  };
}
