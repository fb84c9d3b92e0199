// OpenAI chat request → Cohere v2 chat request body (https://docs.cohere.com/reference/chat).
// Cohere v2 is close to OpenAI's format. Decisions where it differs:
// - `tool_choice: {function: {name}}`: Cohere only has REQUIRED / NONE, so a specific function is
//   forced by sending only that tool with REQUIRED (same guarantee: the model must call it).
// - Assistant text next to `tool_calls` is Cohere's `tool_plan` (and comes back as content).
// - `strict: true` on any tool → `strict_tools: true` (Cohere's switch applies to all tools).
// - `response_format` json_object / json_schema → `{type: "json_object", json_schema?}`.
// - `user` is advisory (abuse monitoring) and has no Cohere field; accepted, not forwarded.
// - `n > 1`, logprobs, `parallel_tool_calls: false` → 400 via rejectUnsupportedParams.

import { invalidRequest, unsupportedParam } from "../gateway/errors";
import type { ChatCompletionRequest, ChatMessage, ToolDefinition } from "../gateway/openai-types";
import {
  BASIC_CHAT_PARAMS,
  contentParts,
  isImagePart,
  isTextPart,
  maxTokensOf,
  rejectCacheControl,
  rejectParticipantName,
  rejectUnsupportedParams,
  requireFunctionTool,
  stopSequencesOf,
  textOnlyContent,
} from "./request-helpers";

const PROVIDER = "cohere";
const NO_CACHE_CONTROL = "Cohere has no prompt-caching control";

const SUPPORTED = new Set<string>([
  ...BASIC_CHAT_PARAMS,
  "seed",
  "frequency_penalty",
  "presence_penalty",
  "response_format",
  "tools",
  "tool_choice",
  "user",
]);

type CohereContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: string } };

type CohereMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string | CohereContentPart[] }
  | {
      role: "assistant";
      content?: string;
      tool_plan?: string;
      tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
    }
  | { role: "tool"; tool_call_id: string; content: string };

export interface CohereChatBody {
  model: string;
  messages: CohereMessage[];
  stream: boolean;
  temperature?: number;
  p?: number;
  max_tokens?: number;
  stop_sequences?: string[];
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  response_format?: { type: "json_object"; json_schema?: Record<string, unknown> };
  tools?: Array<{ type: "function"; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
  tool_choice?: "REQUIRED" | "NONE";
  strict_tools?: boolean;
}

export function toCohereChat(req: ChatCompletionRequest, model: string, stream: boolean): CohereChatBody {
  rejectUnsupportedParams(req, SUPPORTED, PROVIDER);
  if (!Array.isArray(req.messages)) throw invalidRequest("'messages' must be an array.", "messages");

  const body: CohereChatBody = { model, messages: req.messages.map(toCohereMessage), stream };
  if (req.temperature != null) body.temperature = req.temperature;
  if (req.top_p != null) body.p = cohereTopP(req.top_p);
  const maxTokens = maxTokensOf(req);
  if (maxTokens !== undefined) body.max_tokens = maxTokens;
  const stop = stopSequencesOf(req);
  if (stop) body.stop_sequences = stop;
  if (req.seed != null) body.seed = req.seed;
  if (req.frequency_penalty != null) body.frequency_penalty = cohereUnitRange(req.frequency_penalty, "frequency_penalty");
  if (req.presence_penalty != null) body.presence_penalty = cohereUnitRange(req.presence_penalty, "presence_penalty");

  const format = responseFormat(req);
  if (format) body.response_format = format;
  applyTools(req, body);
  return body;
}

/** Cohere's `p` is 0.01–0.99. OpenAI's 1 (no nucleus cut, often sent explicitly) and anything
 * above 0.99 keep all but a negligible tail at 0.99; below 0.01 (near-greedy) is 0.01. */
function cohereTopP(topP: number): number {
  return Math.min(0.99, Math.max(0.01, topP));
}

/** Cohere's penalties are 0–1 (OpenAI's −2–2): outside that range nothing equivalent exists. */
function cohereUnitRange(value: number, param: string): number {
  if (value < 0 || value > 1) throw unsupportedParam(param, PROVIDER, `Cohere takes 0 to 1, got ${value}`);
  return value;
}

function toCohereMessage(message: ChatMessage, i: number): CohereMessage {
  rejectParticipantName(message, i, PROVIDER, "Cohere");
  rejectCacheControl(message, `messages[${i}]`, PROVIDER, NO_CACHE_CONTROL);
  contentParts(message).forEach((part, j) => rejectCacheControl(part, `messages[${i}].content[${j}]`, PROVIDER, NO_CACHE_CONTROL));
  switch (message.role) {
    case "system":
    case "developer":
      return { role: "system", content: textOnlyContent(message, i, PROVIDER) };
    case "user":
      return { role: "user", content: userContent(message, i) };
    case "assistant": {
      const text = contentParts(message)
        .map((part, j) => {
          if (!isTextPart(part)) {
            throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, "assistant messages may only hold text");
          }
          return part.text;
        })
        .join("");
      const calls = message.tool_calls ?? [];
      if (calls.length === 0) return { role: "assistant", content: text };
      return {
        role: "assistant",
        ...(text !== "" ? { tool_plan: text } : {}),
        tool_calls: calls.map((call, j) => {
          if (call.type !== "function") {
            throw unsupportedParam(`messages[${i}].tool_calls[${j}].type`, PROVIDER, `tool call type '${String(call.type)}'`);
          }
          return { id: call.id, type: "function", function: { name: call.function.name, arguments: call.function.arguments } };
        }),
      };
    }
    case "tool":
      if (typeof message.tool_call_id !== "string" || message.tool_call_id === "") {
        throw invalidRequest(`'messages[${i}].tool_call_id' is required.`, `messages[${i}].tool_call_id`);
      }
      return { role: "tool", tool_call_id: message.tool_call_id, content: textOnlyContent(message, i, PROVIDER) };
    default:
      throw invalidRequest(`Unknown role '${String(message.role)}' in 'messages[${i}]'.`, `messages[${i}].role`);
  }
}

function userContent(message: ChatMessage, i: number): string | CohereContentPart[] {
  if (typeof message.content === "string") return message.content;
  return contentParts(message).map((part, j): CohereContentPart => {
    if (isTextPart(part)) return { type: "text", text: part.text };
    if (isImagePart(part)) {
      // Cohere's vision models take http(s) and data: URLs alike.
      const { url, detail } = part.image_url as { url: string; detail?: string };
      return { type: "image_url", image_url: { url, ...(detail ? { detail } : {}) } };
    }
    throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, `content part type '${part.type}'`);
  });
}

function responseFormat(req: ChatCompletionRequest): CohereChatBody["response_format"] {
  const format = req.response_format;
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  if (format.type === "json_schema") {
    const schema = format.json_schema?.schema;
    if (!schema) {
      throw invalidRequest("'response_format.json_schema.schema' is required.", "response_format.json_schema.schema");
    }
    return { type: "json_object", json_schema: schema };
  }
  throw unsupportedParam("response_format", PROVIDER, `type '${(format as { type: string }).type}'`);
}

function applyTools(req: ChatCompletionRequest, body: CohereChatBody): void {
  let tools = req.tools ?? [];
  const choice = req.tool_choice;
  if (tools.length === 0) {
    if (choice === "required" || (typeof choice === "object" && choice !== null)) {
      throw invalidRequest("'tool_choice' requires 'tools'.", "tool_choice");
    }
    return;
  }
  tools.forEach((tool, index) => requireFunctionTool(tool, index, PROVIDER));

  if (choice === "none") body.tool_choice = "NONE";
  else if (choice === "required") body.tool_choice = "REQUIRED";
  else if (typeof choice === "object" && choice !== null) {
    const name = choice.function?.name;
    const forced = tools.filter((tool) => tool.function.name === name);
    if (forced.length === 0) {
      throw invalidRequest(`'tool_choice' names function '${String(name)}' that is not in 'tools'.`, "tool_choice.function.name");
    }
    tools = forced;
    body.tool_choice = "REQUIRED";
  }
  // "auto" (or absent) is Cohere's default: no tool_choice.

  body.tools = tools.map(toCohereTool);
  if (tools.some((tool) => tool.function.strict === true)) body.strict_tools = true;
}

function toCohereTool(tool: ToolDefinition) {
  const { name, description, parameters } = tool.function;
  return {
    type: "function" as const,
    function: { name, ...(description ? { description } : {}), ...(parameters ? { parameters } : {}) },
  };
}
