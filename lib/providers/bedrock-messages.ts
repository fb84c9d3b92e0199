// OpenAI chat request → Amazon Bedrock Converse request body
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
// ConverseStream takes the same body. Decisions where Converse has no direct equivalent:
// - `tool_choice: "none"`: Converse has no "none"; the tools are left out so the model cannot call
//   one. If the conversation already holds tool calls/results, Bedrock requires `toolConfig`, so the
//   request is rejected (400 naming `tool_choice`) instead of silently allowing tool calls.
// - `response_format: json_schema` → native structured output (`outputConfig.textFormat`);
//   `json_object` has no Converse equivalent → 400.
// - `seed`, penalties, `n > 1`, logprobs → 400 via rejectUnsupportedParams.
// - `user` is advisory (abuse monitoring) and has no Converse field; accepted, not forwarded.
// - Prompt caching as for Anthropic (LiteLLM's convention): `cache_control` on a content part or a
//   whole message becomes a Converse `cachePoint` after that content.

import { invalidRequest, unsupportedParam } from "../gateway/errors";
import type { ChatCompletionRequest, ChatMessage, ContentPart, ToolDefinition } from "../gateway/openai-types";
import {
  appendTurn,
  BASIC_CHAT_PARAMS,
  contentParts,
  isImagePart,
  isTextPart,
  imageUrlOf,
  maxTokensOf,
  rejectParticipantName,
  parseDataUrl,
  parseToolArguments,
  rejectUnsupportedParams,
  requireFunctionTool,
  stopSequencesOf,
  textOnlyContent,
} from "./request-helpers";
import { BEDROCK_TOOL_IDS, fitToolCallId } from "./tool-call-ids";

const PROVIDER = "bedrock";

const SUPPORTED = new Set<string>([
  ...BASIC_CHAT_PARAMS,
  "tools",
  "tool_choice",
  "response_format",
  "user",
]);

const IMAGE_FORMATS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/gif": "gif",
  "image/webp": "webp",
};

type CachePoint = { cachePoint: { type: "default"; ttl?: "5m" | "1h" } };
const CACHE_POINT: CachePoint = { cachePoint: { type: "default" } };
const CACHE_POINT_1H: CachePoint = { cachePoint: { type: "default", ttl: "1h" } };

export type ConverseContentBlock =
  | CachePoint
  | { text: string }
  | { image: { format: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: Record<string, unknown> } }
  | { toolResult: { toolUseId: string; content: Array<{ text: string }> } };

export interface ConverseMessage {
  role: "user" | "assistant";
  content: ConverseContentBlock[];
}

export interface ConverseRequestBody {
  messages: ConverseMessage[];
  system?: Array<{ text: string } | CachePoint>;
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: {
    tools: Array<{
      toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> }; strict?: boolean };
    }>;
    toolChoice?: { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };
  };
  outputConfig?: {
    textFormat: {
      type: "json_schema";
      structure: { jsonSchema: { schema: string; name?: string; description?: string } };
    };
  };
}

export function toConverseRequest(req: ChatCompletionRequest): ConverseRequestBody {
  rejectUnsupportedParams(req, SUPPORTED, PROVIDER);
  if (!Array.isArray(req.messages)) throw invalidRequest("'messages' must be an array.", "messages");

  const system: NonNullable<ConverseRequestBody["system"]> = [];
  const messages: ConverseMessage[] = [];
  let hasToolBlocks = false;


  req.messages.forEach((message, i) => {
    rejectParticipantName(message, i, PROVIDER, "Bedrock Converse");
    switch (message.role) {
      case "system":
      case "developer":
        system.push(...withMessageCachePoint(message, systemBlocks(message, i), i));
        return;
      case "user":
        appendTurn(messages, "content", "user", withMessageCachePoint(message, userBlocks(message, i), i));
        return;
      case "assistant": {
        const blocks = assistantBlocks(message, i);
        if (blocks.some((b) => "toolUse" in b)) hasToolBlocks = true;
        appendTurn(messages, "content", "assistant", withMessageCachePoint(message, blocks, i));
        return;
      }
      case "tool": {
        if (typeof message.tool_call_id !== "string" || message.tool_call_id === "") {
          throw invalidRequest(`'messages[${i}].tool_call_id' is required.`, `messages[${i}].tool_call_id`);
        }
        hasToolBlocks = true;
        const text = textOnlyContent(message, i, PROVIDER);
        const toolUseId = fitToolCallId(message.tool_call_id, BEDROCK_TOOL_IDS);
        appendTurn(messages, "content", "user", withMessageCachePoint(message, [{ toolResult: { toolUseId, content: [{ text }] } }], i));
        return;
      }
      default:
        throw invalidRequest(`Unknown role '${String(message.role)}' in 'messages[${i}]'.`, `messages[${i}].role`);
    }
  });

  const body: ConverseRequestBody = { messages };
  if (system.length > 0) body.system = system;

  const inference = inferenceConfig(req);
  if (inference) body.inferenceConfig = inference;

  const toolConfig = toolConfigOf(req, hasToolBlocks);
  if (toolConfig) body.toolConfig = toolConfig;

  const outputConfig = outputConfigOf(req);
  if (outputConfig) body.outputConfig = outputConfig;
  return body;
}

/** The cache point for a part's or message's `cache_control` (null: none). Its `ttl` ("5m", the
 * default, or "1h", as Anthropic's) is carried over; another value is a 400, never dropped. */
function cachePointOf(x: object, param: string): CachePoint | null {
  const control = (x as { cache_control?: unknown }).cache_control;
  if (control == null) return null;
  const ttl = (control as { ttl?: unknown }).ttl;
  if (ttl === undefined || ttl === "5m") return CACHE_POINT;
  if (ttl === "1h") return CACHE_POINT_1H;
  throw unsupportedParam(`${param}.cache_control.ttl`, PROVIDER, `cache lifetime '${String(ttl)}'; Bedrock takes '5m' or '1h'`);
}

function isCachePoint(block: unknown): boolean {
  return block === CACHE_POINT || block === CACHE_POINT_1H;
}

/** The part's block, followed by a cache point when the part carries `cache_control`. */
function withPartCachePoint<T>(part: ContentPart, block: T, param: string): Array<T | CachePoint> {
  const point = cachePointOf(part, param);
  return point ? [block, point] : [block];
}

/** A cache point after the message's last block when the message carries `cache_control`. */
function withMessageCachePoint<T>(message: ChatMessage, blocks: Array<T | CachePoint>, index: number): Array<T | CachePoint> {
  const point = cachePointOf(message, `messages[${index}]`);
  if (point === null || blocks.length === 0 || isCachePoint(blocks[blocks.length - 1])) return blocks;
  return [...blocks, point];
}

function systemBlocks(message: ChatMessage, i: number): Array<{ text: string } | CachePoint> {
  return contentParts(message).flatMap((part, j) => {
    if (!isTextPart(part)) {
      throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, `only text parts are supported in '${message.role}' messages`);
    }
    return part.text === "" ? [] : withPartCachePoint(part, { text: part.text }, `messages[${i}].content[${j}]`);
  });
}

function userBlocks(message: ChatMessage, i: number): ConverseContentBlock[] {
  return contentParts(message).flatMap((part, j): ConverseContentBlock[] => {
    if (isTextPart(part)) return part.text === "" ? [] : withPartCachePoint(part, { text: part.text }, `messages[${i}].content[${j}]`);
    if (isImagePart(part)) {
      const param = `messages[${i}].content[${j}]`;
      return withPartCachePoint(part, imageBlock(imageUrlOf(part, param, PROVIDER), `${param}.image_url`), param);
    }
    throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, `content part type '${part.type}'`);
  });
}

function imageBlock(url: string, param: string): ConverseContentBlock {
  const dataUrl = parseDataUrl(url, param);
  if (!dataUrl) {
    throw unsupportedParam(param, PROVIDER, "Converse needs image bytes; send the image as a base64 data: URL");
  }
  const format = IMAGE_FORMATS[dataUrl.mediaType];
  if (!format) {
    throw unsupportedParam(param, PROVIDER, `image type '${dataUrl.mediaType}' (png, jpeg, gif and webp are supported)`);
  }
  return { image: { format, source: { bytes: dataUrl.data } } };
}

function assistantBlocks(message: ChatMessage, i: number): ConverseContentBlock[] {
  const blocks: ConverseContentBlock[] = [];
  contentParts(message).forEach((part, j) => {
    if (!isTextPart(part)) {
      throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, "assistant messages may only hold text");
    }
    if (part.text !== "") blocks.push(...withPartCachePoint(part, { text: part.text }, `messages[${i}].content[${j}]`));
  });
  (message.tool_calls ?? []).forEach((call, j) => {
    const param = `messages[${i}].tool_calls[${j}]`;
    if (call.type !== "function") throw unsupportedParam(`${param}.type`, PROVIDER, `tool call type '${String(call.type)}'`);
    blocks.push({
      toolUse: {
        toolUseId: fitToolCallId(call.id, BEDROCK_TOOL_IDS),
        name: call.function.name,
        input: parseToolArguments(call.function.arguments, `${param}.function.arguments`),
      },
    });
  });
  return blocks;
}

function inferenceConfig(req: ChatCompletionRequest): ConverseRequestBody["inferenceConfig"] {
  const config: NonNullable<ConverseRequestBody["inferenceConfig"]> = {};
  const maxTokens = maxTokensOf(req);
  if (maxTokens !== undefined) config.maxTokens = maxTokens;
  if (req.temperature != null) config.temperature = req.temperature;
  if (req.top_p != null) config.topP = req.top_p;
  const stop = stopSequencesOf(req);
  if (stop) config.stopSequences = stop;
  return Object.keys(config).length > 0 ? config : undefined;
}

function toolConfigOf(req: ChatCompletionRequest, hasToolBlocks: boolean): ConverseRequestBody["toolConfig"] {
  const tools = req.tools ?? [];
  const choice = req.tool_choice;
  if (tools.length === 0) {
    if (choice === "required" || (typeof choice === "object" && choice !== null)) {
      throw invalidRequest("'tool_choice' requires 'tools'.", "tool_choice");
    }
    return undefined;
  }
  if (choice === "none") {
    if (hasToolBlocks) {
      throw unsupportedParam(
        "tool_choice",
        PROVIDER,
        "Converse has no 'none' tool choice and needs the tools when the conversation holds tool calls",
      );
    }
    return undefined;
  }
  const config: NonNullable<ConverseRequestBody["toolConfig"]> = { tools: tools.map(toolSpec) };
  if (choice === "required") config.toolChoice = { any: {} };
  else if (choice === "auto") config.toolChoice = { auto: {} };
  else if (typeof choice === "object" && choice !== null) {
    const name = choice.function?.name;
    if (typeof name !== "string" || name === "") {
      throw invalidRequest("'tool_choice.function.name' is required.", "tool_choice.function.name");
    }
    config.toolChoice = { tool: { name } };
  }
  return config;
}

function toolSpec(tool: ToolDefinition, index: number) {
  requireFunctionTool(tool, index, PROVIDER);
  const fn = tool.function;
  return {
    toolSpec: {
      name: fn.name,
      ...(fn.description ? { description: fn.description } : {}),
      inputSchema: { json: fn.parameters ?? { type: "object", properties: {} } },
      ...(fn.strict != null ? { strict: fn.strict } : {}),
    },
  };
}

function outputConfigOf(req: ChatCompletionRequest): ConverseRequestBody["outputConfig"] {
  const format = req.response_format;
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_schema") {
    const spec = format.json_schema;
    if (!spec?.schema) {
      throw invalidRequest("'response_format.json_schema.schema' is required.", "response_format.json_schema.schema");
    }
    return {
      textFormat: {
        type: "json_schema",
        structure: {
          jsonSchema: {
            // Converse takes the schema as a JSON string, not an object.
            schema: JSON.stringify(spec.schema),
            ...(spec.name ? { name: spec.name } : {}),
            ...(spec.description ? { description: spec.description } : {}),
          },
        },
      },
    };
  }
  throw unsupportedParam(
    "response_format",
    PROVIDER,
    `type '${format.type}' (Converse supports structured output through 'json_schema' only)`,
  );
}
