// Anthropic Messages API response → OpenAI chat completion (usage and stop reasons shared with
// the stream decoder).

import { GatewayError } from "../gateway/errors";
import type { ChatCompletion, FinishReason, ToolCall, Usage } from "../gateway/openai-types";
import { assistantMessage, singleChoiceCompletion } from "./provider-helpers";
import type { TranslateContext } from "./types";

export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

interface AnthropicContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
}

interface AnthropicMessageResponse {
  id?: string;
  type?: string;
  content?: AnthropicContentBlock[];
  stop_reason?: string | null;
  usage?: AnthropicUsage;
}

/** OpenAI counts cached tokens inside `prompt_tokens`; Anthropic reports them apart from
 * `input_tokens`. Cache writes are kept in `cache_creation_input_tokens` for cost. */
export function toOpenAIUsage(usage: AnthropicUsage): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const prompt = (usage.input_tokens ?? 0) + cacheRead + cacheWrite;
  const completion = usage.output_tokens ?? 0;
  const result: Usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
    cache_creation_input_tokens: cacheWrite,
  };
  const thinking = usage.output_tokens_details?.thinking_tokens;
  if (thinking != null) result.completion_tokens_details = { reasoning_tokens: thinking };
  return result;
}

export function toFinishReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
    case "pause_turn":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    case null:
    case undefined:
      return null;
    default:
      // A stop reason newer than this adapter: the turn did end normally.
      return "stop";
  }
}

export function anthropicChatResponse(body: unknown, ctx: TranslateContext): ChatCompletion {
  const message = body as AnthropicMessageResponse;
  if (message?.type !== "message" || !Array.isArray(message.content)) {
    throw new GatewayError(502, "Anthropic returned an unexpected response body.", "upstream_error", "bad_upstream_response");
  }
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text ?? "";
    else if (block.type === "tool_use") {
      toolCalls.push({
        id: block.id ?? `call_${toolCalls.length}`,
        type: "function",
        function: { name: block.name ?? "", arguments: JSON.stringify(block.input ?? {}) },
      });
    }
    // Other block types (thinking, server tools) only appear for features this adapter never requests.
  }
  const completion = singleChoiceCompletion(
    ctx,
    message.id,
    { ...assistantMessage(text, toolCalls), refusal: null },
    toFinishReason(message.stop_reason),
    { logprobs: null },
  );
  return { ...completion, usage: toOpenAIUsage(message.usage ?? {}) };
}
