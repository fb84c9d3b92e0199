// Cohere v2 chat response → OpenAI chat completion, plus the finish-reason and usage mappings the
// stream decoder shares.

import { GatewayError } from "../gateway/errors";
import type { ChatCompletion, FinishReason, ToolCall, Usage } from "../gateway/openai-types";
import { assistantMessage, singleChoiceCompletion } from "./provider-helpers";
import type { TranslateContext } from "./types";

export interface CohereUsage {
  billed_units?: { input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
  cached_tokens?: number;
}

interface CohereChatResponse {
  id?: string;
  finish_reason?: string;
  message?: {
    content?: Array<{ type?: string; text?: string }>;
    tool_plan?: string;
    tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string } }>;
  };
  usage?: CohereUsage;
}

const FINISH_REASONS: Record<string, FinishReason> = {
  COMPLETE: "stop",
  STOP_SEQUENCE: "stop",
  MAX_TOKENS: "length",
  TOOL_CALL: "tool_calls",
};

/** Cohere `finish_reason` → OpenAI's. ERROR / TIMEOUT mean the generation failed upstream: an
 * error, never a completion that looks finished. */
export function cohereFinishReason(reason: string | undefined, error?: string): FinishReason {
  if (reason === "ERROR" || reason === "TIMEOUT") {
    throw new GatewayError(
      502,
      `Cohere ended the generation with ${reason}${error ? `: ${error}` : ""}.`,
      "upstream_error",
      reason === "TIMEOUT" ? "upstream_timeout" : "upstream_generation_error",
    );
  }
  // A finish reason newer than this mapping still ends a complete message.
  return (reason && FINISH_REASONS[reason]) || "stop";
}

/** Actual token counts (`tokens`) are preferred over the billed ones. */
export function cohereUsage(usage: CohereUsage): Usage {
  const prompt = usage.tokens?.input_tokens ?? usage.billed_units?.input_tokens ?? 0;
  const completion = usage.tokens?.output_tokens ?? usage.billed_units?.output_tokens ?? 0;
  const out: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (typeof usage.cached_tokens === "number") out.prompt_tokens_details = { cached_tokens: usage.cached_tokens };
  return out;
}

export function fromCohereChat(body: unknown, ctx: TranslateContext): ChatCompletion {
  const response = body as CohereChatResponse;
  const message = response.message;
  if (!message || typeof message !== "object") {
    throw new GatewayError(502, "Cohere returned a response without 'message'.", "upstream_error", "upstream_invalid_response");
  }
  const text = (message.content ?? [])
    .filter((part) => part.type === "text" && typeof part.text === "string")
    .map((part) => part.text)
    .join("");
  const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((call, i) => ({
    id: call.id ?? `call_${i}`,
    type: "function",
    function: { name: call.function?.name ?? "", arguments: call.function?.arguments ?? "{}" },
  }));
  // The tool plan is the model's text before its tool calls; Chat Completions carries it as content.
  const content = text !== "" ? text : (message.tool_plan ?? "");
  const completion = singleChoiceCompletion(ctx, response.id, assistantMessage(content, toolCalls), cohereFinishReason(response.finish_reason));
  if (response.usage) completion.usage = cohereUsage(response.usage);
  return completion;
}
