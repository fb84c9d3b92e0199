// Helpers shared by adapters that translate OpenAI chat requests into a non-OpenAI wire format
// (Anthropic, Gemini, ...): parameter gating, content-part access, data URLs and tool arguments.

import { invalidRequest, unsupportedParam } from "../gateway/errors";
import type { ChatCompletionRequest, ChatMessage, ContentPart } from "../gateway/openai-types";

/** Appends a turn to `turns`, merging it into the previous one when the role repeats: Anthropic,
 * Gemini and Bedrock Converse expect alternating roles (e.g. parallel tool results followed by a
 * user message become one turn). `key` names the turn's item list ("content", "parts"). */
export function appendTurn<K extends string, R, T>(turns: Array<{ role: R } & Record<K, T[]>>, key: K, role: R, items: T[]): void {
  if (items.length === 0) return;
  const last = turns[turns.length - 1];
  if (last !== undefined && last.role === role) last[key].push(...items);
  else turns.push({ role, [key]: items } as { role: R } & Record<K, T[]>);
}

/** Chat request fields every adapter handles or the gateway core consumes itself. */
export const CORE_CHAT_PARAMS = ["model", "messages", "stream", "stream_options"] as const;

/** The core plus the sampling and length parameters every translated provider honours. */
export const BASIC_CHAT_PARAMS = [...CORE_CHAT_PARAMS, "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop"] as const;

/** OpenAI defaults: sending them explicitly asks for nothing a provider would have to honour. */
const NO_OP_VALUES: Record<string, unknown> = {
  n: 1,
  logprobs: false,
  presence_penalty: 0,
  frequency_penalty: 0,
  parallel_tool_calls: true,
};

/** Throws a 400 naming the first request field (other than null/undefined or an OpenAI default)
 * that is not in `supported`: a parameter is never dropped silently. */
export function rejectUnsupportedParams(req: object, supported: ReadonlySet<string>, provider: string): void {
  for (const [key, value] of Object.entries(req)) {
    if (value === undefined || value === null) continue;
    if (supported.has(key)) continue;
    if (key in NO_OP_VALUES && NO_OP_VALUES[key] === value) continue;
    throw unsupportedParam(key, provider);
  }
}

/** `max_completion_tokens` (current name) or the deprecated `max_tokens`; both with different
 * values is a 400 rather than a silent pick. */
export function maxTokensOf(req: ChatCompletionRequest): number | undefined {
  const current = req.max_completion_tokens;
  const legacy = req.max_tokens;
  if (current != null && legacy != null && current !== legacy) {
    throw invalidRequest("'max_tokens' and 'max_completion_tokens' disagree; send one of them.", "max_completion_tokens");
  }
  return current ?? legacy ?? undefined;
}

/** A participant name (`name` on a non-tool message) that the provider has no field for. */
export function rejectParticipantName(message: ChatMessage, index: number, provider: string, providerName: string): void {
  if (message.name != null && message.role !== "tool") {
    throw unsupportedParam(`messages[${index}].name`, provider, `participant names have no ${providerName} equivalent`);
  }
}

/** `cache_control` (Anthropic-style prompt caching) on a message or part, for providers without it. */
export function rejectCacheControl(x: object, param: string, provider: string, why: string): void {
  if ((x as { cache_control?: unknown }).cache_control != null) throw unsupportedParam(`${param}.cache_control`, provider, why);
}

/** An image part's URL, for providers that take no resolution hint: `detail` other than "auto"
 * (the default) is a 400 naming it. */
export function imageUrlOf(part: { image_url: { url: string } }, param: string, provider: string): string {
  const detail = (part.image_url as { detail?: unknown }).detail;
  if (detail != null && detail !== "auto") {
    throw unsupportedParam(`${param}.image_url.detail`, provider, `image detail '${String(detail)}' cannot be requested; omit it or use 'auto'`);
  }
  return part.image_url.url;
}

export function stopSequencesOf(req: ChatCompletionRequest): string[] | undefined {
  if (req.stop == null) return undefined;
  const list = typeof req.stop === "string" ? [req.stop] : req.stop;
  return list.length > 0 ? list : undefined;
}

/** A message's content as parts: a string becomes one text part, null/absent none. */
export function contentParts(message: ChatMessage): ContentPart[] {
  const { content } = message;
  if (content == null) return [];
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content;
}

export function isTextPart(part: ContentPart): part is { type: "text"; text: string } {
  return part.type === "text" && typeof (part as { text?: unknown }).text === "string";
}

export function isImagePart(part: ContentPart): part is { type: "image_url"; image_url: { url: string } } {
  const image = (part as { image_url?: { url?: unknown } }).image_url;
  return part.type === "image_url" && typeof image?.url === "string";
}

/** The text of a message that may only hold text (system, developer, tool). */
export function textOnlyContent(message: ChatMessage, index: number, provider: string): string {
  return contentParts(message)
    .map((part, j) => {
      if (!isTextPart(part)) {
        throw unsupportedParam(
          `messages[${index}].content[${j}]`,
          provider,
          `only text parts are supported in '${message.role}' messages`,
        );
      }
      return part.text;
    })
    .join("");
}

export interface DataUrl {
  mediaType: string;
  /** base64 payload */
  data: string;
}

/** Parses `data:<media type>[;base64],<payload>`; null when `url` is not a data URL. */
export function parseDataUrl(url: string, param: string): DataUrl | null {
  if (!url.startsWith("data:")) return null;
  const comma = url.indexOf(",");
  if (comma < 0) throw invalidRequest(`Malformed data URL in '${param}'.`, param, "invalid_data_url");
  const meta = url.slice(5, comma).split(";");
  const mediaType = meta[0] || "text/plain";
  const payload = url.slice(comma + 1);
  const data = meta.includes("base64")
    ? payload
    : Buffer.from(decodeURIComponent(payload), "utf8").toString("base64");
  return { mediaType: mediaType.toLowerCase(), data };
}

/** Tool-call `arguments` (a JSON string in OpenAI's format) as the object providers expect. */
export function parseToolArguments(args: string, param: string): Record<string, unknown> {
  if (args.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    throw invalidRequest(`'${param}' is not valid JSON.`, param, "invalid_tool_arguments");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalidRequest(`'${param}' must be a JSON object.`, param, "invalid_tool_arguments");
  }
  return parsed as Record<string, unknown>;
}

/** The named function of a tool definition; only `type: "function"` tools exist in Chat Completions. */
export function requireFunctionTool(
  tool: { type?: unknown; function?: { name?: unknown } },
  index: number,
  provider: string,
): void {
  if (tool.type !== "function") {
    throw unsupportedParam(`tools[${index}].type`, provider, `tool type '${String(tool.type)}'`);
  }
  if (typeof tool.function?.name !== "string" || tool.function.name === "") {
    throw invalidRequest(`'tools[${index}].function.name' is required.`, `tools[${index}].function.name`);
  }
}

/** `base64url` without padding, and back: for values embedded in identifiers. */
export function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(value: string): string {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  return base64 + "=".repeat((4 - (base64.length % 4)) % 4);
}
