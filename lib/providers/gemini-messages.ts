// OpenAI chat request → Gemini generateContent request body.
// https://ai.google.dev/api/generate-content

import { invalidRequest, unsupportedParam } from "../gateway/errors";
import type { ChatCompletionRequest, ChatMessage, ContentPart, ToolChoice } from "../gateway/openai-types";
import { thoughtSignatureOf } from "./gemini-tool-ids";
import {
  appendTurn,
  BASIC_CHAT_PARAMS,
  contentParts,
  isImagePart,
  isTextPart,
  imageUrlOf,
  maxTokensOf,
  rejectCacheControl,
  rejectParticipantName,
  parseDataUrl,
  parseToolArguments,
  rejectUnsupportedParams,
  requireFunctionTool,
  stopSequencesOf,
  textOnlyContent,
} from "./request-helpers";

const PROVIDER = "gemini";
const IMPLICIT_CACHE = "Gemini caches implicitly";

const SUPPORTED_PARAMS: ReadonlySet<string> = new Set([
  ...BASIC_CHAT_PARAMS,
  "seed",
  "n",
  "presence_penalty",
  "frequency_penalty",
  "response_format",
  "tools",
  "tool_choice",
]);

type Part = Record<string, unknown>;

interface GeminiContent {
  role: "user" | "model";
  parts: Part[];
}

export function buildGeminiBody(req: ChatCompletionRequest): Record<string, unknown> {
  rejectUnsupportedParams(req, SUPPORTED_PARAMS, PROVIDER);
  const { system, contents } = convertMessages(req.messages);
  const body: Record<string, unknown> = { contents };
  if (system.length > 0) body.systemInstruction = { parts: system };
  Object.assign(body, convertTools(req));
  const generationConfig = convertGenerationConfig(req);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}

function convertMessages(input: ChatMessage[]): { system: Part[]; contents: GeminiContent[] } {
  const system: Part[] = [];
  const contents: GeminiContent[] = [];
  /** Tool call id → function name, to name the functionResponse of a tool message. */
  const toolNames = new Map<string, string>();

  input.forEach((message, i) => {
    rejectParticipantName(message, i, PROVIDER, "Gemini");
    rejectCacheControl(message, `messages[${i}]`, PROVIDER, IMPLICIT_CACHE);
    switch (message.role) {
      case "system":
      case "developer": {
        const text = textOnlyContent(message, i, PROVIDER);
        if (text !== "") system.push({ text });
        break;
      }
      case "user":
        appendTurn(contents, "parts", "user", userParts(message, i));
        break;
      case "assistant":
        appendTurn(contents, "parts", "model", modelParts(message, i, toolNames));
        break;
      case "tool":
        appendTurn(contents, "parts", "user", [functionResponsePart(message, i, toolNames)]);
        break;
      default:
        throw invalidRequest(`Unknown role '${String(message.role)}' in 'messages[${i}]'.`, `messages[${i}].role`);
    }
  });
  return { system, contents };
}

function userParts(message: ChatMessage, i: number): Part[] {
  return contentParts(message).flatMap((part, j) => {
    const param = `messages[${i}].content[${j}]`;
    rejectPartCache(part, param);
    if (isTextPart(part)) return part.text === "" ? [] : [{ text: part.text }];
    if (isImagePart(part)) return [mediaPart(imageUrlOf(part, param, PROVIDER), `${param}.image_url.url`)];
    if (part.type === "input_audio") return [audioPart(part, param)];
    if (part.type === "file") return [filePart(part, param)];
    throw unsupportedParam(param, PROVIDER, `content part type '${part.type}'`);
  });
}

function modelParts(message: ChatMessage, i: number, toolNames: Map<string, string>): Part[] {
  const parts: Part[] = contentParts(message).flatMap((part, j) => {
    rejectPartCache(part, `messages[${i}].content[${j}]`);
    if (isTextPart(part)) return part.text === "" ? [] : [{ text: part.text }];
    // A refusal the model produced earlier is replayed as what it said.
    if (part.type === "refusal" && typeof part.refusal === "string") return [{ text: part.refusal }];
    throw unsupportedParam(`messages[${i}].content[${j}]`, PROVIDER, `assistant content part type '${part.type}'`);
  });
  (message.tool_calls ?? []).forEach((call, k) => {
    toolNames.set(call.id, call.function.name);
    const args = parseToolArguments(call.function.arguments, `messages[${i}].tool_calls[${k}].function.arguments`);
    const part: Part = { functionCall: { name: call.function.name, args } };
    // Gemini 3 rejects a replayed function call without the thought signature it was issued with.
    const signature = thoughtSignatureOf(call.id);
    if (signature) part.thoughtSignature = signature;
    parts.push(part);
  });
  return parts;
}

function functionResponsePart(message: ChatMessage, i: number, toolNames: Map<string, string>): Part {
  const id = message.tool_call_id;
  if (typeof id !== "string" || id === "") {
    throw invalidRequest(`'messages[${i}].tool_call_id' is required for tool messages.`, `messages[${i}].tool_call_id`);
  }
  const name = toolNames.get(id) ?? (typeof message.name === "string" ? message.name : undefined);
  if (name === undefined) {
    throw invalidRequest(
      `'messages[${i}].tool_call_id' ('${id}') matches no earlier assistant tool call; Gemini needs the function name.`,
      `messages[${i}].tool_call_id`,
      "unknown_tool_call_id",
    );
  }
  const text = textOnlyContent(message, i, PROVIDER);
  // Gemini wants a JSON object; its documented convention puts the function's result under "output".
  return { functionResponse: { name, response: { output: parseJsonOrText(text) } } };
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** data: URLs → inlineData; http(s) URLs → fileData (Gemini fetches them). */
function mediaPart(url: string, param: string): Part {
  const dataUrl = parseDataUrl(url, param);
  if (dataUrl) return { inlineData: { mimeType: dataUrl.mediaType, data: dataUrl.data } };
  if (/^https?:\/\//i.test(url)) return { fileData: { mimeType: imageMimeTypeOf(url), fileUri: url } };
  throw invalidRequest(`'${param}' must be an http(s) or data URL.`, param, "invalid_image_url");
}

const IMAGE_MIME_BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  heif: "image/heif",
};

/** fileData requires a MIME type; an OpenAI image_url carries none, so infer it from the path. */
function imageMimeTypeOf(url: string): string {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  const extension = path.split(".").pop()?.toLowerCase() ?? "";
  return IMAGE_MIME_BY_EXTENSION[extension] ?? "image/jpeg";
}

function audioPart(part: ContentPart, param: string): Part {
  const audio = (part as { input_audio?: { data?: unknown; format?: unknown } }).input_audio;
  if (typeof audio?.data !== "string" || (audio.format !== "wav" && audio.format !== "mp3")) {
    throw invalidRequest(`'${param}.input_audio' needs base64 'data' and a 'format' of wav or mp3.`, `${param}.input_audio`);
  }
  return { inlineData: { mimeType: `audio/${audio.format}`, data: audio.data } };
}

function filePart(part: ContentPart, param: string): Part {
  const file = (part as { file?: { file_data?: unknown } }).file;
  if (typeof file?.file_data !== "string") {
    throw unsupportedParam(`${param}.file`, PROVIDER, "only inline 'file_data' is supported, not uploaded file ids");
  }
  const dataUrl = parseDataUrl(file.file_data, `${param}.file.file_data`);
  if (!dataUrl) throw invalidRequest(`'${param}.file.file_data' must be a data URL.`, `${param}.file.file_data`);
  return { inlineData: { mimeType: dataUrl.mediaType, data: dataUrl.data } };
}

function rejectPartCache(part: ContentPart, param: string): void {
  rejectCacheControl(part, param, PROVIDER, IMPLICIT_CACHE);
}

function convertTools(req: ChatCompletionRequest): Record<string, unknown> {
  const tools = req.tools ?? [];
  if (tools.length === 0) {
    if (req.tool_choice === "required" || typeof req.tool_choice === "object") {
      throw invalidRequest("'tool_choice' requires 'tools'.", "tool_choice");
    }
    return {};
  }
  const declarations = tools.map((tool, i) => {
    requireFunctionTool(tool, i, PROVIDER);
    const { name, description, parameters } = tool.function;
    return {
      name,
      ...(description ? { description } : {}),
      ...(parameters ? { parametersJsonSchema: forGemini(parameters) } : {}),
    };
  });
  const strict = tools.some((tool) => tool.function.strict === true);
  return {
    tools: [{ functionDeclarations: declarations }],
    toolConfig: { functionCallingConfig: functionCallingConfig(req.tool_choice, strict) },
  };
}

/** OpenAI `strict` function schemas map to Gemini's VALIDATED mode (schema-adherent calls or
 * text); `required` and a named function map to ANY, which is schema-constrained already. */
function functionCallingConfig(choice: ToolChoice | undefined, strict: boolean): Record<string, unknown> {
  if (choice == null || choice === "auto") return { mode: strict ? "VALIDATED" : "AUTO" };
  if (choice === "none") return { mode: "NONE" };
  if (choice === "required") return { mode: "ANY" };
  if (typeof choice === "object" && choice.type === "function" && typeof choice.function?.name === "string") {
    return { mode: "ANY", allowedFunctionNames: [choice.function.name] };
  }
  throw invalidRequest("Invalid 'tool_choice'.", "tool_choice");
}

/** `parametersJsonSchema` / `responseJsonSchema` take JSON Schema as-is (additionalProperties,
 * anyOf, $ref, ...), unlike the OpenAPI-subset `parameters`/`responseSchema`. The `$schema` dialect
 * keyword (added by zod-to-json-schema and friends) is reported rejected by the endpoint and says
 * nothing about the shape, so it is removed. */
function forGemini(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function convertGenerationConfig(req: ChatCompletionRequest): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (req.temperature != null) config.temperature = req.temperature;
  if (req.top_p != null) config.topP = req.top_p;
  const maxTokens = maxTokensOf(req);
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  const stop = stopSequencesOf(req);
  if (stop) config.stopSequences = stop;
  if (req.seed != null) config.seed = req.seed;
  if (req.n != null && req.n !== 1) config.candidateCount = req.n;
  if (req.presence_penalty != null && req.presence_penalty !== 0) config.presencePenalty = req.presence_penalty;
  if (req.frequency_penalty != null && req.frequency_penalty !== 0) config.frequencyPenalty = req.frequency_penalty;
  const format = req.response_format;
  if (format?.type === "json_object") config.responseMimeType = "application/json";
  else if (format?.type === "json_schema") {
    const schema = format.json_schema?.schema;
    if (schema == null) {
      throw invalidRequest("'response_format.json_schema.schema' is required.", "response_format.json_schema.schema");
    }
    config.responseMimeType = "application/json";
    config.responseJsonSchema = forGemini(schema);
  } else if (format != null && format.type !== "text") {
    throw unsupportedParam("response_format", PROVIDER, `type '${(format as { type: string }).type}'`);
  }
  return config;
}
