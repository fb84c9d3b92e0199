// zod schemas for the unified API's inputs. Loose objects: fields Gatehouse does not interpret are
// kept and passed on (providers reject the ones they cannot honour).

import { z } from "zod";
import { invalidRequest } from "./errors";
import type { ChatCompletionRequest, EmbeddingsRequest } from "./openai-types";

const contentPart = z.looseObject({ type: z.string().min(1) });

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z.array(toolCall).optional(),
  tool_call_id: z.string().optional(),
});

const tool = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(["none", "auto", "required"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string().min(1) }) }),
]);

const responseFormat = z.union([
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({ name: z.string().min(1), schema: z.record(z.string(), z.unknown()).optional() }),
  }),
]);

const positiveInt = z.int().positive();

export const chatRequestSchema = z.looseObject({
  // Optional here: /mlflow/invocations takes the endpoint from the path (the unified route checks it).
  model: z.string().min(1).optional(),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: positiveInt.nullish(),
  max_completion_tokens: positiveInt.nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  seed: z.int().nullish(),
  n: positiveInt.nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  response_format: responseFormat.optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  parallel_tool_calls: z.boolean().optional(),
  user: z.string().optional(),
});

export const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1).optional(),
  input: z.union(
    [z.string(), z.array(z.string()).min(1), z.array(z.int().min(0)).min(1), z.array(z.array(z.int().min(0)).min(1)).min(1)],
    { error: "expected a string, a non-empty array of strings, or token ids (an array of integers or of integer arrays)" },
  ),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: positiveInt.optional(),
  user: z.string().optional(),
});

/** "messages[0].content" from a zod issue path. */
function paramOf(path: readonly PropertyKey[]): string | null {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out || null;
}

function validate<T>(schema: z.ZodType, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data as T;
  const issue = result.error.issues[0];
  const param = paramOf(issue.path);
  throw invalidRequest(param ? `Invalid '${param}': ${issue.message}` : issue.message, param, "invalid_request");
}

export function parseChatRequest(body: unknown): ChatCompletionRequest {
  return validate<ChatCompletionRequest>(chatRequestSchema, body);
}

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  return validate<EmbeddingsRequest>(embeddingsRequestSchema, body);
}
