// Fake Anthropic Messages API (POST /v1/messages and /v1/messages/count_tokens) speaking the real
// wire format: x-api-key and anthropic-version headers, request validation like the real API's,
// JSON responses, the typed SSE
// event stream (message_start … message_stop, ping, error) and the error JSON
// `{"type":"error","error":{"type","message"}}`. Validated against @anthropic-ai/sdk in
// tests/providers/anthropic.test.ts.

import type { ServerResponse } from "node:http";
import { FakeHttpError, FakeProviderServer, pieces, type RecordedRequest } from "./fake-switches";

export interface AnthropicFakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface AnthropicFakeReply {
  text?: string;
  toolUses?: Array<{ id?: string; name: string; input: Record<string, unknown> }>;
  /** Default: tool_use when toolUses are given, else end_turn. */
  stopReason?: string;
  usage?: Partial<AnthropicFakeUsage>;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** Top-level request fields the real API accepts (it rejects others: "Extra inputs are not permitted"). */
const KNOWN_FIELDS = new Set([
  "model", "messages", "max_tokens", "system", "stream", "temperature", "top_p", "top_k", "stop_sequences",
  "tools", "tool_choice", "metadata", "output_config", "thinking", "service_tier", "container", "mcp_servers",
  "context_management", "inference_geo",
]);

const API_VERSIONS = ["2023-06-01", "2026-10-21"];
/** Removed in API version 2026-10-21 (a 400 at any value). */
const SAMPLING_FIELDS = ["temperature", "top_p", "top_k"];

type Block = { type: string; [k: string]: unknown };

export class AnthropicFake extends FakeProviderServer {
  /** The reply, or a function of the request body. Default: echoes the last user text. */
  reply: AnthropicFakeReply | ((body: any) => AnthropicFakeReply) = echoReply;
  private counter = 0;

  override reset(): void {
    super.reset();
    this.reply = echoReply;
  }

  constructor(readonly apiKey = "sk-ant-test") {
    super();
  }

  protected errorBody(status: number, message: string, type?: string): unknown {
    return { type: "error", error: { type: type ?? ERROR_TYPES[status] ?? "api_error", message } };
  }

  protected async handle(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const path = req.url.split("?")[0];
    if (req.method !== "POST" || (path !== "/v1/messages" && path !== "/v1/messages/count_tokens")) {
      throw new FakeHttpError(404, `Not found: ${req.method} ${req.url}`);
    }
    // API version 2023-06-01 clients send x-api-key; 2026-10-21 SDKs send the key as a bearer token.
    const key = req.headers["x-api-key"] ?? req.headers.authorization?.replace(/^Bearer /, "");
    if (key !== this.apiKey) throw new FakeHttpError(401, "invalid x-api-key");
    const version = req.headers["anthropic-version"];
    if (!version) throw new FakeHttpError(400, "anthropic-version: header is required");
    if (!API_VERSIONS.includes(version as string)) throw new FakeHttpError(400, `anthropic-version: unknown version '${version}'`);
    if (path === "/v1/messages/count_tokens") {
      this.sendJson(res, 200, { input_tokens: countTokens(req.body) });
      return;
    }
    validate(req.body, version as string);

    const reply = typeof this.reply === "function" ? this.reply(req.body) : this.reply;
    const id = `msg_fake${String(++this.counter).padStart(6, "0")}`;
    const content: Block[] = [];
    if (reply.text !== undefined) content.push({ type: "text", text: reply.text });
    (reply.toolUses ?? []).forEach((tool, i) =>
      content.push({ type: "tool_use", id: tool.id ?? `toolu_fake${this.counter}_${i}`, name: tool.name, input: tool.input }),
    );
    const stopReason = reply.stopReason ?? (reply.toolUses?.length ? "tool_use" : "end_turn");
    const usage: AnthropicFakeUsage = {
      input_tokens: 12,
      output_tokens: 7,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
      ...reply.usage,
    };
    const message = {
      id,
      type: "message",
      role: "assistant",
      model: req.body.model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { ...usage, service_tier: "standard" },
    };
    if (req.body.stream === true) {
      await this.streamEvents(res, streamEventsOf(message, usage), sse("error", {
        type: "error",
        error: { type: "overloaded_error", message: "Overloaded" },
      }));
    } else {
      this.sendJson(res, 200, message, { "request-id": `req_${id}` });
    }
  }
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function streamEventsOf(message: { id: string; model: string; content: Block[]; stop_reason: string }, usage: AnthropicFakeUsage): string[] {
  const events = [
    sse("message_start", {
      type: "message_start",
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { ...usage, output_tokens: 1 },
      },
    }),
    sse("ping", { type: "ping" }),
  ];
  message.content.forEach((block, index) => {
    if (block.type === "text") {
      events.push(sse("content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } }));
      for (const text of pieces(block.text as string)) {
        events.push(sse("content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text } }));
      }
    } else {
      const { input, ...start } = block;
      events.push(sse("content_block_start", { type: "content_block_start", index, content_block: { ...start, input: {} } }));
      events.push(sse("content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: "" } }));
      for (const partial_json of pieces(JSON.stringify(input), 5)) {
        events.push(sse("content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json } }));
      }
    }
    events.push(sse("content_block_stop", { type: "content_block_stop", index }));
  });
  events.push(
    sse("message_delta", {
      type: "message_delta",
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
    sse("message_stop", { type: "message_stop" }),
  );
  return events;
}

/** count_tokens: the model and messages are required (max_tokens is not); one token per word. */
function countTokens(body: any): number {
  if (typeof body?.model !== "string") throw new FakeHttpError(400, "model: Field required");
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw new FakeHttpError(400, "messages: Field required");
  const text = JSON.stringify([body.system ?? "", body.messages, body.tools ?? []]);
  return text.split(/\s+/).length;
}

const echoReply = (body: any): AnthropicFakeReply => ({ text: `echo: ${lastUserText(body)}` });

function lastUserText(body: { messages: Array<{ role: string; content: string | Block[] }> }): string {
  const user = [...body.messages].reverse().find((m) => m.role === "user");
  if (!user) return "";
  if (typeof user.content === "string") return user.content;
  return user.content.filter((b) => b.type === "text").map((b) => b.text).join(" ");
}

/** The checks of the real API that a translation bug would trip. */
function validate(body: any, version: string): void {
  const fail = (message: string) => {
    throw new FakeHttpError(400, message);
  };
  if (body === null || typeof body !== "object") fail("body: expected an object");
  for (const key of Object.keys(body)) if (!KNOWN_FIELDS.has(key)) fail(`${key}: Extra inputs are not permitted`);
  if (version >= "2026-10-21") {
    for (const key of SAMPLING_FIELDS) if (key in body) fail(`${key}: not supported in API version ${version}`);
  }
  if (typeof body.model !== "string") fail("model: Field required");
  if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) fail("max_tokens: Field required");
  if (!Array.isArray(body.messages) || body.messages.length === 0) fail("messages: at least one message is required");
  if (body.system !== undefined && typeof body.system !== "string") {
    if (!Array.isArray(body.system) || body.system.some((b: Block) => b.type !== "text" || !b.text)) {
      fail("system: must be a string or a list of non-empty text blocks");
    }
  }
  body.messages.forEach((message: { role: string; content: unknown }, i: number) => {
    if (message.role !== "user" && message.role !== "assistant") fail(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (typeof message.content === "string") {
      if (message.content === "") fail(`messages.${i}: user messages must have non-empty content`);
      return;
    }
    if (!Array.isArray(message.content) || message.content.length === 0) fail(`messages.${i}: content must be non-empty`);
    (message.content as Block[]).forEach((block, j) => {
      if (block.type === "text" && !block.text) fail(`messages.${i}.content.${j}.text: text content blocks must be non-empty`);
      if (block.type === "tool_result" && message.role !== "user") fail(`messages.${i}: tool_result blocks must be in user messages`);
      if (block.type === "tool_use" && message.role !== "assistant") fail(`messages.${i}: tool_use blocks must be in assistant messages`);
    });
    // Every tool_use must be answered by a tool_result in the next message, which must lead with them.
    const toolUseIds = (message.content as Block[]).filter((b) => b.type === "tool_use").map((b) => b.id as string);
    if (toolUseIds.length > 0) {
      const next = body.messages[i + 1] as { content: Block[] | string } | undefined;
      const results = Array.isArray(next?.content)
        ? next.content.filter((b) => b.type === "tool_result").map((b) => b.tool_use_id as string)
        : [];
      const missing = toolUseIds.filter((id) => !results.includes(id));
      if (next && missing.length > 0) {
        fail(`messages.${i + 1}: tool_use ids were found without tool_result blocks immediately after: ${missing.join(", ")}`);
      }
    }
  });
  if (body.tools !== undefined) {
    (body.tools as Array<{ name?: unknown; input_schema?: { type?: unknown } }>).forEach((tool, i) => {
      if (typeof tool.name !== "string") fail(`tools.${i}.name: Field required`);
      if (tool.input_schema?.type !== "object") fail(`tools.${i}.input_schema.type: Input should be 'object'`);
    });
  }
  if (body.tool_choice !== undefined && !["auto", "any", "tool", "none"].includes(body.tool_choice.type)) {
    fail("tool_choice.type: Input tag does not match any of the expected tags");
  }
  if (body.output_config?.format !== undefined && body.output_config.format.type !== "json_schema") {
    fail("output_config.format.type: Input should be 'json_schema'");
  }
}
