// OpenAI chat request → Anthropic Messages API request body.
// https://docs.anthropic.com/en/api/messages

import { invalidRequest, unsupportedParam } from "../gateway/errors";
import type { ChatCompletionRequest, ChatMessage, ContentPart, ToolChoice } from "../gateway/openai-types";
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
} from "./request-helpers";

const PROVIDER = "anthropic";

/** Anthropic requires `max_tokens`; used when the client sets neither max_tokens nor max_completion_tokens. */
export const DEFAULT_MAX_TOKENS = 4096;

const SUPPORTED_PARAMS: ReadonlySet<string> = new Set([
  ...BASIC_CHAT_PARAMS,
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "user",
]);

type Block = Record<string, unknown>;

interface AnthropicMessage {
  role: "user" | "assistant";
  content: Block[];
}

/** API versions from this one on reject sampling parameters at any value. */
const SAMPLING_REMOVED_IN = "2026-10-21";

export function buildAnthropicBody(
  req: ChatCompletionRequest,
  model: string,
  stream: boolean,
  apiVersion: string,
): Record<string, unknown> {
  rejectUnsupportedParams(req, SUPPORTED_PARAMS, PROVIDER);
  if (apiVersion >= SAMPLING_REMOVED_IN) {
    for (const param of ["temperature", "top_p"] as const) {
      if (req[param] != null) throw unsupportedParam(param, PROVIDER, `removed in Anthropic API version ${SAMPLING_REMOVED_IN}`);
    }
  }
  const { system, messages } = convertMessages(req.messages);
  const body: Record<string, unknown> = { model, max_tokens: maxTokensOf(req) ?? DEFAULT_MAX_TOKENS, messages };
  if (system.length > 0) body.system = system;
  if (stream) body.stream = true;
  if (req.temperature != null) body.temperature = req.temperature;
  if (req.top_p != null) body.top_p = req.top_p;
  const stop = stopSequencesOf(req);
  if (stop) body.stop_sequences = stop;
  if (req.user != null) body.metadata = { user_id: req.user };
  Object.assign(body, convertTools(req));
  const format = convertResponseFormat(req);
  if (format) body.output_config = { format };
  return body;
}

function convertMessages(input: ChatMessage[]): { system: Block[]; messages: AnthropicMessage[] } {
  const system: Block[] = [];
  const messages: AnthropicMessage[] = [];

  input.forEach((message, i) => {
    rejectParticipantName(message, i, PROVIDER, "Anthropic");
    switch (message.role) {
      case "system":
      case "developer":
        system.push(...applyMessageCache(message, textBlocks(message, i)));
        break;
      case "user":
        appendTurn(messages, "content", "user", applyMessageCache(message, userBlocks(message, i)));
        break;
      case "assistant":
        appendTurn(messages, "content", "assistant", applyMessageCache(message, assistantBlocks(message, i)));
        break;
      case "tool":
        appendTurn(messages, "content", "user", [toolResultBlock(message, i)]);
        break;
      default:
        throw invalidRequest(`Unknown role '${String(message.role)}' in 'messages[${i}]'.`, `messages[${i}].role`);
    }
  });
  return { system, messages };
}

/** Text parts only (system and developer messages). Empty text blocks are rejected by Anthropic. */
function textBlocks(message: ChatMessage, i: number): Block[] {
  return contentParts(message).flatMap((part, j) => {
    if (!isTextPart(part)) {
      throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, `only text parts are supported in '${message.role}' messages`);
    }
    return part.text === "" ? [] : [withCache({ type: "text", text: part.text }, part)];
  });
}

function userBlocks(message: ChatMessage, i: number): Block[] {
  return contentParts(message).flatMap((part, j) => {
    const param = `messages[${i}].content[${j}]`;
    if (isTextPart(part)) return part.text === "" ? [] : [withCache({ type: "text", text: part.text }, part)];
    if (isImagePart(part)) return [withCache(imageBlock(imageUrlOf(part, param, PROVIDER), param), part)];
    if (part.type === "file") return [withCache(documentBlock(part, param), part)];
    throw unsupportedParam(param, PROVIDER, `content part type '${part.type}'`);
  });
}

function assistantBlocks(message: ChatMessage, i: number): Block[] {
  const blocks: Block[] = contentParts(message).flatMap((part, j) => {
    if (isTextPart(part)) return part.text === "" ? [] : [withCache({ type: "text", text: part.text }, part)];
    // A refusal the model produced earlier is replayed as what it said.
    if (part.type === "refusal" && typeof part.refusal === "string") return [{ type: "text", text: part.refusal }];
    throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, `assistant content part type '${part.type}'`);
  });
  (message.tool_calls ?? []).forEach((call, k) => {
    blocks.push({
      type: "tool_use",
      id: call.id,
      name: call.function.name,
      input: parseToolArguments(call.function.arguments, `messages[${i}].tool_calls[${k}].function.arguments`),
    });
  });
  return blocks;
}

function toolResultBlock(message: ChatMessage, i: number): Block {
  if (typeof message.tool_call_id !== "string" || message.tool_call_id === "") {
    throw invalidRequest(`'messages[${i}].tool_call_id' is required for tool messages.`, `messages[${i}].tool_call_id`);
  }
  const content = contentParts(message).flatMap((part, j) => {
    const param = `messages[${i}].content[${j}]`;
    if (isTextPart(part)) return part.text === "" ? [] : [{ type: "text", text: part.text }];
    if (isImagePart(part)) return [imageBlock(part.image_url.url, param)];
    throw unsupportedParam(param, PROVIDER, `tool result content part type '${part.type}'`);
  });
  return { type: "tool_result", tool_use_id: message.tool_call_id, content };
}

function imageBlock(url: string, param: string): Block {
  const dataUrl = parseDataUrl(url, param);
  if (dataUrl) {
    return { type: "image", source: { type: "base64", media_type: dataUrl.mediaType, data: dataUrl.data } };
  }
  if (/^https?:\/\//i.test(url)) return { type: "image", source: { type: "url", url } };
  throw invalidRequest(`'${param}.image_url.url' must be an http(s) or data URL.`, `${param}.image_url.url`, "invalid_image_url");
}

/** OpenAI `file` parts (`file_data` as a data URL) → Anthropic document blocks (PDF or plain text). */
function documentBlock(part: ContentPart, param: string): Block {
  const file = (part as { file?: { file_data?: unknown; file_id?: unknown; filename?: unknown } }).file;
  if (typeof file?.file_data !== "string") {
    throw unsupportedParam(`${param}.file`, PROVIDER, "only inline 'file_data' is supported, not uploaded file ids");
  }
  const dataUrl = parseDataUrl(file.file_data, `${param}.file.file_data`);
  if (!dataUrl) throw invalidRequest(`'${param}.file.file_data' must be a data URL.`, `${param}.file.file_data`);
  const title = typeof file.filename === "string" ? { title: file.filename } : {};
  if (dataUrl.mediaType === "application/pdf") {
    return { type: "document", source: { type: "base64", media_type: "application/pdf", data: dataUrl.data }, ...title };
  }
  if (dataUrl.mediaType === "text/plain") {
    const text = Buffer.from(dataUrl.data, "base64").toString("utf8");
    return { type: "document", source: { type: "text", media_type: "text/plain", data: text }, ...title };
  }
  throw unsupportedParam(`${param}.file`, PROVIDER, `file type '${dataUrl.mediaType}' (PDF and plain text are supported)`);
}

/** Anthropic prompt caching: `cache_control` on a content part is carried to its block. */
function withCache(block: Block, part: ContentPart): Block {
  const cacheControl = (part as { cache_control?: unknown }).cache_control;
  return cacheControl == null ? block : { ...block, cache_control: cacheControl };
}

/** `cache_control` on a whole message marks its last block (LiteLLM's convention). */
function applyMessageCache(message: ChatMessage, blocks: Block[]): Block[] {
  const cacheControl = message.cache_control;
  if (cacheControl == null || blocks.length === 0) return blocks;
  const last = blocks.length - 1;
  return blocks.map((block, k) => (k === last ? { ...block, cache_control: cacheControl } : block));
}

function convertTools(req: ChatCompletionRequest): Record<string, unknown> {
  const tools = req.tools ?? [];
  if (tools.length === 0) {
    if (req.tool_choice === "required" || typeof req.tool_choice === "object") {
      throw invalidRequest("'tool_choice' requires 'tools'.", "tool_choice");
    }
    return {};
  }
  const converted = tools.map((tool, i) => {
    requireFunctionTool(tool, i, PROVIDER);
    const { name, description, parameters, strict } = tool.function;
    return {
      name,
      ...(description ? { description } : {}),
      input_schema: { type: "object", ...(parameters ?? { properties: {} }) },
      ...(strict ? { strict: true } : {}),
    };
  });
  const toolChoice = convertToolChoice(req.tool_choice, req.parallel_tool_calls === false);
  return toolChoice ? { tools: converted, tool_choice: toolChoice } : { tools: converted };
}

function convertToolChoice(choice: ToolChoice | undefined, disableParallel: boolean): Block | undefined {
  const parallel = disableParallel ? { disable_parallel_tool_use: true } : {};
  if (choice == null) return disableParallel ? { type: "auto", ...parallel } : undefined;
  if (choice === "none") return { type: "none" };
  if (choice === "auto") return { type: "auto", ...parallel };
  if (choice === "required") return { type: "any", ...parallel };
  if (typeof choice === "object" && choice.type === "function" && typeof choice.function?.name === "string") {
    return { type: "tool", name: choice.function.name, ...parallel };
  }
  throw invalidRequest("Invalid 'tool_choice'.", "tool_choice");
}

/** json_schema → structured outputs (`output_config.format`); Anthropic has no schema-less JSON mode. */
function convertResponseFormat(req: ChatCompletionRequest): Block | undefined {
  const format = req.response_format;
  if (format == null || format.type === "text") return undefined;
  if (format.type === "json_schema") {
    const schema = format.json_schema?.schema;
    if (schema == null) {
      throw invalidRequest("'response_format.json_schema.schema' is required.", "response_format.json_schema.schema");
    }
    return { type: "json_schema", schema };
  }
  if (format.type === "json_object") {
    throw unsupportedParam(
      "response_format",
      PROVIDER,
      "Anthropic has no schema-less JSON mode; use type 'json_schema' with a schema",
    );
  }
  throw unsupportedParam("response_format", PROVIDER, `type '${(format as { type: string }).type}'`);
}
