// Anthropic adapter: request building, response translation, stream decoding and error messages.

import { describe, expect, it } from "vitest";
import { GatewayError } from "../../lib/gateway/errors";
import type { ChatCompletionChunk, ChatCompletionRequest } from "../../lib/gateway/openai-types";
import { anthropicAdapter } from "../../lib/providers/anthropic";
import { type Target, type TranslateContext, UpstreamStreamError } from "../../lib/providers/types";

const target: Target = { provider: "anthropic", model: "claude-sonnet-4-5", credentials: { apiKey: "sk-ant-test" }, config: {} };
const ctx: TranslateContext = { requestId: "req_1", created: 1_700_000_000, endpointName: "claude-endpoint" };

function build(req: Partial<ChatCompletionRequest>, t: Target = target, stream = false) {
  const upstream = anthropicAdapter.chatRequest({ model: "claude-endpoint", messages: [], ...req }, t, stream);
  if (upstream instanceof Promise) throw new Error("anthropic builds synchronously");
  return { upstream, body: JSON.parse(upstream.body as string) };
}

function rejects(req: Partial<ChatCompletionRequest>): GatewayError {
  try {
    build(req);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error("expected the request to be rejected");
}

const user = (content: ChatCompletionRequest["messages"][number]["content"]) => ({ role: "user" as const, content });

describe("anthropic request", () => {
  it("targets /v1/messages with the API key and version headers", () => {
    const { upstream, body } = build({ messages: [user("hi")] });
    expect(upstream.url).toBe("https://api.anthropic.com/v1/messages");
    expect(upstream.headers).toMatchObject({ "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01" });
    expect(body).toEqual({ model: "claude-sonnet-4-5", max_tokens: 4096, messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
    const custom = build({ messages: [user("hi")] }, { ...target, config: { baseUrl: "http://127.0.0.1:9/anthropic/" } }, true);
    expect(custom.upstream.url).toBe("http://127.0.0.1:9/anthropic/v1/messages");
    expect(custom.body.stream).toBe(true);
  });

  it("hoists system and developer messages and merges consecutive same-role turns", () => {
    const { body } = build({
      messages: [
        { role: "system", content: "Be terse." },
        user("one"),
        { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
        user("two"),
        { role: "assistant", content: "deux" },
        { role: "assistant", content: "" },
      ],
    });
    expect(body.system).toEqual([{ type: "text", text: "Be terse." }, { type: "text", text: "Answer in French." }]);
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "one" }, { type: "text", text: "two" }] },
      { role: "assistant", content: [{ type: "text", text: "deux" }] },
    ]);
  });

  it("maps sampling parameters, stop sequences, max tokens and user", () => {
    const { body } = build({
      messages: [user("hi")],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 50,
      max_completion_tokens: 50,
      stop: "END",
      user: "u-42",
      n: 1,
      presence_penalty: 0,
      parallel_tool_calls: true,
    });
    expect(body).toMatchObject({ temperature: 0.2, top_p: 0.9, max_tokens: 50, stop_sequences: ["END"], metadata: { user_id: "u-42" } });
    expect(build({ messages: [user("hi")], max_tokens: 7, stop: ["a", "b"] }).body).toMatchObject({ max_tokens: 7, stop_sequences: ["a", "b"] });
    // Two different limits: a 400, not a silent pick of one.
    expect(() => build({ messages: [user("hi")], max_tokens: 100, max_completion_tokens: 50 })).toThrow(
      expect.objectContaining({ status: 400, param: "max_completion_tokens" }),
    );
  });

  it("rejects what Anthropic cannot be told instead of dropping it: participant names, an image detail other than auto", () => {
    expect(() => build({ messages: [{ role: "user", content: "hi", name: "alice" }] })).toThrow(
      expect.objectContaining({ status: 400, code: "unsupported_parameter", param: "messages[0].name" }),
    );
    const image = (detail: string) => user([{ type: "image_url", image_url: { url: "https://example.com/cat.jpg", detail } }]);
    expect(() => build({ messages: [image("low")] })).toThrow(
      expect.objectContaining({ status: 400, param: "messages[0].content[0].image_url.detail" }),
    );
    expect(build({ messages: [image("auto")] }).body.messages[0].content[0]).toMatchObject({ type: "image", source: { type: "url" } });
  });

  it("translates image parts (data URL → base64 source, http URL → url source) and PDF files", () => {
    const { body } = build({
      messages: [
        user([
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          { type: "image_url", image_url: { url: "https://example.com/cat.jpg", detail: "auto" } },
          { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0=", filename: "a.pdf" } },
        ]),
      ],
    });
    expect(body.messages[0].content).toEqual([
      { type: "text", text: "What is this?" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
      { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" }, title: "a.pdf" },
    ]);
  });

  it("carries cache_control to Anthropic blocks for prompt caching", () => {
    const { body } = build({
      messages: [
        { role: "system", content: [{ type: "text", text: "long context", cache_control: { type: "ephemeral" } }] },
        { role: "user", content: "question", cache_control: { type: "ephemeral" } },
      ],
    });
    expect(body.system).toEqual([{ type: "text", text: "long context", cache_control: { type: "ephemeral" } }]);
    expect(body.messages[0].content).toEqual([{ type: "text", text: "question", cache_control: { type: "ephemeral" } }]);
  });

  it("maps tools, tool_choice and parallel_tool_calls", () => {
    const tools: ChatCompletionRequest["tools"] = [
      { type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: true } },
      { type: "function", function: { name: "now" } },
    ];
    const { body } = build({ messages: [user("hi")], tools, tool_choice: "required", parallel_tool_calls: false });
    expect(body.tools).toEqual([
      { name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: true },
      { name: "now", input_schema: { type: "object", properties: {} } },
    ]);
    expect(body.tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
    const choice = (tool_choice: ChatCompletionRequest["tool_choice"]) => build({ messages: [user("hi")], tools, tool_choice }).body.tool_choice;
    expect(choice("auto")).toEqual({ type: "auto" });
    expect(choice("none")).toEqual({ type: "none" });
    expect(choice({ type: "function", function: { name: "now" } })).toEqual({ type: "tool", name: "now" });
    expect(choice(undefined)).toBeUndefined();
    expect(rejects({ messages: [user("hi")], tool_choice: "required" }).param).toBe("tool_choice");
  });

  it("turns assistant tool_calls into tool_use and groups tool results into one user turn", () => {
    const { body } = build({
      messages: [
        user("weather in Paris and Rome?"),
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
            { id: "toolu_2", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: "tool", tool_call_id: "toolu_1", content: "18C" },
        { role: "tool", tool_call_id: "toolu_2", content: [{ type: "text", text: "24C" }] },
        user("thanks"),
      ],
    });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "weather in Paris and Rome?" }] },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Rome" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "18C" }] },
          { type: "tool_result", tool_use_id: "toolu_2", content: [{ type: "text", text: "24C" }] },
          { type: "text", text: "thanks" },
        ],
      },
    ]);
    const bad = rejects({ messages: [{ role: "assistant", tool_calls: [{ id: "x", type: "function", function: { name: "f", arguments: "{oops" } }] }] });
    expect(bad.param).toBe("messages[0].tool_calls[0].function.arguments");
  });

  it("maps json_schema to structured outputs and refuses json_object by name", () => {
    const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false };
    const { body } = build({ messages: [user("hi")], response_format: { type: "json_schema", json_schema: { name: "x", schema, strict: true } } });
    expect(body.output_config).toEqual({ format: { type: "json_schema", schema } });
    const err = rejects({ messages: [user("hi")], response_format: { type: "json_object" } });
    expect(err).toMatchObject({ status: 400, code: "unsupported_parameter", param: "response_format" });
    expect(build({ messages: [user("hi")], response_format: { type: "text" } }).body.output_config).toBeUndefined();
  });

  it.each([
    ["seed", { seed: 1 }],
    ["n", { n: 2 }],
    ["presence_penalty", { presence_penalty: 0.5 }],
    ["frequency_penalty", { frequency_penalty: 1 }],
    ["logprobs", { logprobs: true }],
    ["top_logprobs", { top_logprobs: 2 }],
    ["logit_bias", { logit_bias: { "50256": -100 } }],
    ["reasoning_effort", { reasoning_effort: "high" }],
  ])("rejects %s with a 400 naming it", (param, extra) => {
    const err = rejects({ messages: [user("hi")], ...extra });
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error", code: "unsupported_parameter", param });
    expect(err.message).toContain(`'${param}'`);
  });

  it("rejects what has no Anthropic equivalent inside messages", () => {
    expect(rejects({ messages: [{ role: "user", content: "hi", name: "alice" }] }).param).toBe("messages[0].name");
    expect(rejects({ messages: [user([{ type: "input_audio", input_audio: { data: "AAAA", format: "wav" } }])] }).param).toBe("messages[0].content[0]");
    expect(rejects({ messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: "https://x/y.png" } }] }] }).param).toBe("messages[0].content[0]");
    expect(rejects({ messages: [{ role: "tool", content: "x" }] }).param).toBe("messages[0].tool_call_id");
  });

  it("refuses to build without an API key", () => {
    expect(() => build({ messages: [user("hi")] }, { ...target, credentials: {} })).toThrow(/no API key/);
  });
});

describe("anthropic response", () => {
  it("joins text, maps tool_use to tool_calls and counts cached tokens inside prompt_tokens", () => {
    const completion = anthropicAdapter.chatResponse(
      {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-sonnet-4-5",
        content: [
          { type: "text", text: "Let me check. " },
          { type: "text", text: "One moment." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
        ],
        stop_reason: "tool_use",
        usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 5 },
      },
      target,
      ctx,
    );
    expect(completion).toEqual({
      id: "msg_1",
      object: "chat.completion",
      created: ctx.created,
      model: "claude-endpoint",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Let me check. One moment.",
            tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
            refusal: null,
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 115, completion_tokens: 20, total_tokens: 135, prompt_tokens_details: { cached_tokens: 100 }, cache_creation_input_tokens: 5 },
    });
  });

  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["tool_use", "tool_calls"],
    ["refusal", "content_filter"],
  ])("maps stop_reason %s to finish_reason %s", (stopReason, finishReason) => {
    const body = { id: "m", type: "message", content: [{ type: "text", text: "x" }], stop_reason: stopReason, usage: { input_tokens: 1, output_tokens: 1 } };
    expect(anthropicAdapter.chatResponse(body, target, ctx).choices[0].finish_reason).toBe(finishReason);
  });

  it("rejects a body that is not a message", () => {
    expect(() => anthropicAdapter.chatResponse({ hello: "world" }, target, ctx)).toThrow(GatewayError);
  });

  it("extracts the message from Anthropic error JSON", () => {
    const body = JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    expect(anthropicAdapter.errorMessage(529, body)).toBe("overloaded_error: Overloaded");
    expect(anthropicAdapter.errorMessage(502, "<html>bad gateway</html>")).toBe("<html>bad gateway</html>");
    expect(anthropicAdapter.errorMessage(500, "")).toBe("HTTP 500 with an empty body");
  });
});

const ev = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const STREAM = [
  ev("message_start", { type: "message_start", message: { id: "msg_s", type: "message", role: "assistant", content: [], model: "m", stop_reason: null, usage: { input_tokens: 30, output_tokens: 1, cache_read_input_tokens: 200, cache_creation_input_tokens: 0 } } }),
  ev("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
  ev("ping", { type: "ping" }),
  ev("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Checking " } }),
  ev("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "weather…" } }),
  ev("content_block_stop", { type: "content_block_stop", index: 0 }),
  ev("content_block_start", { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_a", name: "get_weather", input: {} } }),
  ev("content_block_delta", { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"city":' } }),
  ev("content_block_delta", { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '"Paris"}' } }),
  ev("content_block_stop", { type: "content_block_stop", index: 1 }),
  ev("content_block_start", { type: "content_block_start", index: 2, content_block: { type: "tool_use", id: "toolu_b", name: "now", input: {} } }),
  ev("content_block_stop", { type: "content_block_stop", index: 2 }),
  ev("message_delta", { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 42 } }),
  ev("message_stop", { type: "message_stop" }),
].join("");

/** Feeds `text` in `size`-byte slices (splitting events and UTF-8 sequences) and ends the stream. */
function decode(text: string, size = 7): ChatCompletionChunk[] {
  const decoder = anthropicAdapter.chatStream(target, ctx);
  const bytes = new TextEncoder().encode(text);
  const chunks: ChatCompletionChunk[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(...decoder.push(bytes.subarray(i, i + size)));
  chunks.push(...decoder.end());
  return chunks;
}

describe("anthropic stream", () => {
  it("turns events into OpenAI chunks with tool-call indexes, finish reason and usage", () => {
    const chunks = decode(STREAM);
    expect(chunks.every((c) => c.id === "msg_s" && c.model === "claude-endpoint" && c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    const text = chunks.map((c) => c.choices[0].delta.content ?? "").join("");
    expect(text).toBe("Checking weather…");
    const calls = chunks.flatMap((c) => c.choices[0].delta.tool_calls ?? []);
    expect(calls).toEqual([
      { index: 0, id: "toolu_a", type: "function", function: { name: "get_weather", arguments: "" } },
      { index: 0, function: { arguments: '{"city":' } },
      { index: 0, function: { arguments: '"Paris"}' } },
      { index: 1, id: "toolu_b", type: "function", function: { name: "now", arguments: "" } },
    ]);
    const last = chunks[chunks.length - 1];
    expect(last.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: "tool_calls" });
    expect(last.usage).toEqual({ prompt_tokens: 230, completion_tokens: 42, total_tokens: 272, prompt_tokens_details: { cached_tokens: 200 }, cache_creation_input_tokens: 0 });
    expect(chunks.slice(0, -1).every((c) => c.usage === undefined && c.choices[0].finish_reason === null)).toBe(true);
  });

  it("gives the same result however the bytes are split", () => {
    expect(decode(STREAM, 1)).toEqual(decode(STREAM, 4096));
  });

  it("throws UpstreamStreamError on an error event", () => {
    const text = STREAM.slice(0, STREAM.indexOf("event: content_block_stop")) + ev("error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    expect(() => decode(text)).toThrow(UpstreamStreamError);
    expect(() => decode(text)).toThrow(/Overloaded/);
  });

  it("throws from end() when the stream stops before message_stop", () => {
    const cut = STREAM.slice(0, STREAM.indexOf("event: message_delta"));
    const decoder = anthropicAdapter.chatStream(target, ctx);
    expect(decoder.push(new TextEncoder().encode(cut)).length).toBeGreaterThan(0);
    expect(() => decoder.end()).toThrow(UpstreamStreamError);
    expect(() => decode(cut.slice(0, -30))).toThrow(UpstreamStreamError);
  });
});
