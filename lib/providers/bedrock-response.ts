// Bedrock Converse response → OpenAI chat completion, plus the stop-reason and usage mappings the
// stream decoder shares.

import { GatewayError } from "../gateway/errors";
import type { ChatCompletion, FinishReason, ToolCall, Usage } from "../gateway/openai-types";
import { assistantMessage, singleChoiceCompletion } from "./provider-helpers";
import type { TranslateContext } from "./types";

export interface BedrockTokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

interface ConverseResponse {
  output?: {
    message?: {
      role?: string;
      content?: Array<{
        text?: string;
        toolUse?: { toolUseId?: string; name?: string; input?: unknown };
      }>;
    };
  };
  stopReason?: string;
  usage?: BedrockTokenUsage;
}

const FINISH_REASONS: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  guardrail_intervened: "content_filter",
  content_filtered: "content_filter",
};

/** Converse `stopReason` → OpenAI `finish_reason`. `malformed_model_output` / `malformed_tool_use`
 * mean the model's output is unusable: that is an upstream failure, not a finished completion. */
export function bedrockFinishReason(stopReason: string | undefined): FinishReason {
  if (stopReason === "malformed_model_output" || stopReason === "malformed_tool_use") {
    throw new GatewayError(
      502,
      `Bedrock stopped with '${stopReason}': the model produced output that could not be parsed.`,
      "upstream_error",
      "upstream_malformed_output",
    );
  }
  // A stop reason newer than this mapping still ends a complete message.
  return (stopReason && FINISH_REASONS[stopReason]) || "stop";
}

/** Converse counts cache reads/writes apart from `inputTokens`; OpenAI's `prompt_tokens` includes
 * cached tokens, so they are added back and reported in the details. */
export function bedrockUsage(usage: BedrockTokenUsage): Usage {
  const cacheRead = usage.cacheReadInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  const prompt = (usage.inputTokens ?? 0) + cacheRead + cacheWrite;
  const completion = usage.outputTokens ?? 0;
  const out: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (usage.cacheReadInputTokens !== undefined) out.prompt_tokens_details = { cached_tokens: cacheRead };
  if (usage.cacheWriteInputTokens !== undefined) out.cache_creation_input_tokens = cacheWrite;
  return out;
}

export function fromConverseResponse(body: unknown, ctx: TranslateContext): ChatCompletion {
  const response = body as ConverseResponse;
  const blocks = response.output?.message?.content;
  if (!Array.isArray(blocks)) {
    throw new GatewayError(502, "Bedrock returned a response without output.message.content.", "upstream_error", "upstream_invalid_response");
  }
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const block of blocks) {
    if (typeof block.text === "string") text += block.text;
    else if (block.toolUse) {
      toolCalls.push({
        id: block.toolUse.toolUseId ?? `call_${toolCalls.length}`,
        type: "function",
        function: { name: block.toolUse.name ?? "", arguments: JSON.stringify(block.toolUse.input ?? {}) },
      });
    }
    // reasoningContent / citationsContent blocks: never requested by Gatehouse, no Chat
    // Completions field to carry them.
  }
  const completion = singleChoiceCompletion(ctx, undefined, assistantMessage(text, toolCalls), bedrockFinishReason(response.stopReason));
  if (response.usage) completion.usage = bedrockUsage(response.usage);
  return completion;
}
