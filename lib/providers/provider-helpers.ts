// Helpers shared by provider adapters: base URL, API key, upstream error messages, and the
// single-choice chat completion a translated (non-OpenAI) response becomes.

import { GatewayError } from "../gateway/errors";
import type { ChatCompletion, FinishReason, ToolCall } from "../gateway/openai-types";
import type { Target, TranslateContext } from "./types";

/** The secret's base URL (SDK convention) or the provider default, without a trailing slash. */
export function baseUrlOf(target: Target, defaultBaseUrl: string): string {
  const base = typeof target.config.baseUrl === "string" && target.config.baseUrl !== "" ? target.config.baseUrl : defaultBaseUrl;
  return base.replace(/\/+$/, "");
}

/** The secret's API key; a secret without one is a gateway misconfiguration, not a client error. */
export function apiKeyOf(target: Target): string {
  const key = target.credentials.apiKey;
  if (!key) {
    throw new GatewayError(
      500,
      `The secret configured for provider '${target.provider}' has no API key.`,
      "server_error",
      "provider_credentials_missing",
    );
  }
  return key;
}

const MAX_RAW_ERROR_CHARS = 500;

/** The message `extract` finds in the provider's error JSON, else the start of the raw body. */
export function upstreamErrorMessage(status: number, body: string, extract: (json: unknown) => string | undefined): string {
  const raw = body.trim();
  if (raw === "") return `HTTP ${status} with an empty body`;
  try {
    const message = extract(JSON.parse(raw));
    if (message !== undefined) return message;
  } catch {
    // not JSON: use the text itself
  }
  return raw.length > MAX_RAW_ERROR_CHARS ? `${raw.slice(0, MAX_RAW_ERROR_CHARS)}…` : raw;
}

type Choice = ChatCompletion["choices"][number];

/** The assistant message of a translated response: `content` is null when the model only called
 * tools (as OpenAI answers), and `tool_calls` is present only when there are some. */
export function assistantMessage(text: string, toolCalls: ToolCall[]): Choice["message"] {
  return {
    role: "assistant",
    content: text === "" && toolCalls.length > 0 ? null : text,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

/** A chat completion with one choice; the provider's response id, or `chatcmpl-<request id>`. */
export function singleChoiceCompletion(
  ctx: TranslateContext,
  id: string | undefined,
  message: Choice["message"],
  finishReason: FinishReason,
  choiceExtras: Pick<Choice, "logprobs"> = {},
): ChatCompletion {
  return {
    id: id ?? `chatcmpl-${ctx.requestId}`,
    object: "chat.completion",
    created: ctx.created,
    model: ctx.endpointName,
    choices: [{ index: 0, message, finish_reason: finishReason, ...choiceExtras }],
  };
}
