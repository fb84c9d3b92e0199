// Cohere adapter: v2 chat request/response translation, the SSE stream decoder and round trips
// through the fake Cohere API.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GatewayError } from "../../lib/gateway/errors";
import type { ChatCompletionRequest } from "../../lib/gateway/openai-types";
import { cohereAdapter } from "../../lib/providers/cohere";
import { toCohereChat } from "../../lib/providers/cohere-messages";
import { UpstreamStreamError, type Target } from "../../lib/providers/types";
import { FakeCohere, fakeCohereVector, TEST_COHERE_KEY } from "../fakes/cohere";
import { assemble, chat, chatStream, ctx, send } from "./round-trip";

const offline: Target = { provider: "cohere", model: "command-a-03-2025", credentials: { apiKey: "k" }, config: {} };

function req(extra: Partial<ChatCompletionRequest>): ChatCompletionRequest {
  return { model: "ep", messages: [{ role: "user", content: "hi" }], ...extra };
}

function rejects(fn: () => unknown, param: string) {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(GatewayError);
  expect(error).toMatchObject({ status: 400, param });
}

describe("cohere request translation", () => {
  it("keeps top_p and the penalties inside Cohere's ranges: p 0.01-0.99, penalties 0-1 (else a 400 naming them)", () => {
    expect(toCohereChat(req({ top_p: 1 }), "command-a-03-2025", false).p).toBe(0.99);
    expect(toCohereChat(req({ top_p: 0 }), "command-a-03-2025", false).p).toBe(0.01);
    expect(toCohereChat(req({ top_p: 0.5 }), "command-a-03-2025", false).p).toBe(0.5);
    rejects(() => toCohereChat(req({ frequency_penalty: -0.5 }), "command-a-03-2025", false), "frequency_penalty");
    rejects(() => toCohereChat(req({ presence_penalty: 1.5 }), "command-a-03-2025", false), "presence_penalty");
    expect(toCohereChat(req({ presence_penalty: 0 }), "command-a-03-2025", false).presence_penalty).toBe(0);
  });

  it("rejects participant names and cache_control (no Cohere equivalent) instead of dropping them", () => {
    rejects(() => toCohereChat(req({ messages: [{ role: "user", content: "hi", name: "alice" }] }), "command-a-03-2025", false), "messages[0].name");
    rejects(
      () => toCohereChat(req({ messages: [{ role: "user", content: "hi", cache_control: { type: "ephemeral" } }] }), "command-a-03-2025", false),
      "messages[0].cache_control",
    );
    const part = { type: "text" as const, text: "hi", cache_control: { type: "ephemeral" } };
    rejects(() => toCohereChat(req({ messages: [{ role: "user", content: [part] }] }), "command-a-03-2025", false), "messages[0].content[0].cache_control");
  });

  it("maps roles, images, tool calls (text → tool_plan), tool results and sampling parameters", () => {
    const body = toCohereChat(
      {
        model: "ep",
        messages: [
          { role: "developer", content: "Be brief." },
          { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "https://x/cat.png", detail: "low" } }] },
          {
            role: "assistant",
            content: "I will look it up.",
            tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":"cat"}' } }],
          },
          { role: "tool", tool_call_id: "c1", content: "A cat." },
          { role: "assistant", content: "It is a cat." },
        ],
        temperature: 0.2,
        top_p: 0.8,
        max_tokens: 99,
        stop: ["\n\n"],
        seed: 42,
        frequency_penalty: 0.1,
        presence_penalty: 0.2,
        response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" } } },
        tools: [{ type: "function", function: { name: "lookup", description: "Search", parameters: { type: "object" }, strict: true } }],
        tool_choice: "required",
      },
      "command-a-03-2025",
      true,
    );
    expect(body).toEqual({
      model: "command-a-03-2025",
      stream: true,
      messages: [
        { role: "system", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "https://x/cat.png", detail: "low" } },
          ],
        },
        {
          role: "assistant",
          tool_plan: "I will look it up.",
          tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":"cat"}' } }],
        },
        { role: "tool", tool_call_id: "c1", content: "A cat." },
        { role: "assistant", content: "It is a cat." },
      ],
      temperature: 0.2,
      p: 0.8,
      max_tokens: 99,
      stop_sequences: ["\n\n"],
      seed: 42,
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
      response_format: { type: "json_object", json_schema: { type: "object" } },
      tools: [{ type: "function", function: { name: "lookup", description: "Search", parameters: { type: "object" } } }],
      tool_choice: "REQUIRED",
      strict_tools: true,
    });
  });

  it("maps tool_choice none/auto and forces a specific function by sending only it", () => {
    const tools = [
      { type: "function" as const, function: { name: "a" } },
      { type: "function" as const, function: { name: "b" } },
    ];
    expect(toCohereChat(req({ tools, tool_choice: "none" }), "m", false).tool_choice).toBe("NONE");
    expect(toCohereChat(req({ tools, tool_choice: "auto" }), "m", false)).not.toHaveProperty("tool_choice");
    const forced = toCohereChat(req({ tools, tool_choice: { type: "function", function: { name: "b" } } }), "m", false);
    expect(forced.tool_choice).toBe("REQUIRED");
    expect(forced.tools?.map((t) => t.function.name)).toEqual(["b"]);
    rejects(() => toCohereChat(req({ tools, tool_choice: { type: "function", function: { name: "zzz" } } }), "m", false), "tool_choice.function.name");
    expect(toCohereChat(req({ response_format: { type: "json_object" } }), "m", false).response_format).toEqual({ type: "json_object" });
  });

  it.each([
    ["n", { n: 3 }],
    ["logprobs", { logprobs: true }],
    ["parallel_tool_calls", { parallel_tool_calls: false }],
    ["reasoning_effort", { reasoning_effort: "high" }],
  ])("rejects %s with a 400 naming it", (param, extra) => {
    rejects(() => toCohereChat(req(extra), "m", false), param);
  });

  it("rejects non-text parts where Cohere takes only text", () => {
    rejects(
      () => toCohereChat(req({ messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }] }] }), "m", false),
      "messages[0].content[0]",
    );
    rejects(() => toCohereChat(req({ messages: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] }), "m", false), "messages[0].content[0]");
  });

  it("builds the request with the bearer key and extracts error messages", async () => {
    const up = await cohereAdapter.chatRequest(req({}), offline, false);
    expect(up.url).toBe("https://api.cohere.com/v2/chat");
    expect(up.headers.authorization).toBe("Bearer k");
    expect(cohereAdapter.errorMessage(400, '{"id":"x","message":"invalid request: bad"}')).toBe("invalid request: bad");
  });
});

describe("cohere response translation", () => {
  it("maps content, tool plan + tool calls, finish reasons and prefers actual tokens over billed", () => {
    const completion = cohereAdapter.chatResponse(
      {
        id: "abc",
        finish_reason: "TOOL_CALL",
        message: {
          role: "assistant",
          tool_plan: "I will search.",
          tool_calls: [{ id: "t1", type: "function", function: { name: "search", arguments: '{"q":"x"}' } }],
        },
        usage: { billed_units: { input_tokens: 5, output_tokens: 3 }, tokens: { input_tokens: 50, output_tokens: 30 } },
      },
      offline,
      ctx,
    );
    expect(completion).toMatchObject({
      id: "abc",
      model: "test-endpoint",
      choices: [
        {
          message: { content: "I will search.", tool_calls: [{ id: "t1", type: "function", function: { name: "search", arguments: '{"q":"x"}' } }] },
          finish_reason: "tool_calls",
        },
      ],
      usage: { prompt_tokens: 50, completion_tokens: 30, total_tokens: 80 },
    });
    const finish = (reason: string) =>
      cohereAdapter.chatResponse({ finish_reason: reason, message: { content: [{ type: "text", text: "x" }] } }, offline, ctx).choices[0].finish_reason;
    expect([finish("COMPLETE"), finish("STOP_SEQUENCE"), finish("MAX_TOKENS")]).toEqual(["stop", "stop", "length"]);
    expect(() => finish("ERROR")).toThrow(GatewayError);
  });
});

const sse = (events: object[]) =>
  new TextEncoder().encode(events.map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`).join(""));

describe("cohere stream decoder", () => {
  const events = [
    { id: "m1", type: "message-start", delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [] } } },
    { type: "tool-plan-delta", delta: { message: { tool_plan: "Plan" } } },
    { type: "tool-call-start", index: 0, delta: { message: { tool_calls: { id: "t1", type: "function", function: { name: "f", arguments: "" } } } } },
    { type: "tool-call-delta", index: 0, delta: { message: { tool_calls: { function: { arguments: '{"a":' } } } } },
    { type: "tool-call-delta", index: 0, delta: { message: { tool_calls: { function: { arguments: "1}" } } } } },
    { type: "tool-call-end", index: 0 },
    { type: "message-end", delta: { finish_reason: "TOOL_CALL", usage: { billed_units: { input_tokens: 1 }, tokens: { input_tokens: 4, output_tokens: 2 } } } },
  ];

  it("decodes tool plan, tool-call deltas, finish reason and usage; byte-split input gives the same result", () => {
    const bytes = sse(events);
    const decoder = cohereAdapter.chatStream(offline, ctx);
    const chunks = [...decoder.push(bytes), ...decoder.end()];
    expect(chunks[0]).toMatchObject({ id: "m1", choices: [{ delta: { role: "assistant" } }] });
    const whole = assemble(chunks);
    expect(whole).toEqual({
      content: "Plan",
      toolCalls: [{ id: "t1", name: "f", arguments: '{"a":1}' }],
      finishReason: "tool_calls",
      usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
    });
    const split = cohereAdapter.chatStream(offline, ctx);
    const pieces = [];
    for (let i = 0; i < bytes.length; i += 3) pieces.push(...split.push(bytes.subarray(i, i + 3)));
    pieces.push(...split.end());
    expect(assemble(pieces)).toEqual(whole);
  });

  it("skips thinking content and a [DONE] terminator", () => {
    const decoder = cohereAdapter.chatStream(offline, ctx);
    const chunks = decoder.push(
      sse([
        events[0],
        { type: "content-start", index: 0, delta: { message: { content: { type: "thinking", thinking: "" } } } },
        { type: "content-delta", index: 0, delta: { message: { content: { thinking: "hmm" } } } },
        { type: "content-start", index: 1, delta: { message: { content: { type: "text", text: "" } } } },
        { type: "content-delta", index: 1, delta: { message: { content: { text: "Answer" } } } },
        { type: "message-end", delta: { finish_reason: "COMPLETE" } },
      ]),
    );
    chunks.push(...decoder.push(new TextEncoder().encode("data: [DONE]\n\n")), ...decoder.end());
    expect(assemble(chunks)).toMatchObject({ content: "Answer", finishReason: "stop" });
  });

  it("throws UpstreamStreamError on a premature end or a finish_reason ERROR", () => {
    const cut = cohereAdapter.chatStream(offline, ctx);
    cut.push(sse(events.slice(0, 3)));
    expect(() => cut.end()).toThrow(UpstreamStreamError);
    const failed = cohereAdapter.chatStream(offline, ctx);
    expect(() => failed.push(sse([events[0], { type: "message-end", delta: { finish_reason: "ERROR", error: "boom" } }]))).toThrow(/ERROR: boom/);
  });
});

describe("cohere adapter through the fake", () => {
  const fake = new FakeCohere();
  let target: Target;
  beforeAll(async () => {
    await fake.start();
    target = { provider: "cohere", model: "command-a-03-2025", credentials: { apiKey: TEST_COHERE_KEY }, config: { baseUrl: fake.url } };
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it("chat round trip", async () => {
    const completion = await chat(cohereAdapter, target, req({ max_tokens: 20 }));
    expect(fake.lastRequest).toMatchObject({ url: "/v2/chat", body: { model: "command-a-03-2025", stream: false, max_tokens: 20 } });
    expect(completion.choices[0]).toMatchObject({ message: { content: "Hello from Cohere." }, finish_reason: "stop" });
    expect(completion.usage).toEqual({ prompt_tokens: 23, completion_tokens: 9, total_tokens: 32 });
  });

  it("streaming round trip with tool calls", async () => {
    fake.reply = { toolPlan: "Let me check the weather.", toolCalls: [{ id: "w1", name: "weather", arguments: { city: "Lima" } }] };
    const chunks = await chatStream(cohereAdapter, target, req({ tools: [{ type: "function", function: { name: "weather" } }] }));
    expect(fake.requests[0].body.stream).toBe(true);
    expect(assemble(chunks)).toEqual({
      content: "Let me check the weather.",
      toolCalls: [{ id: "w1", name: "weather", arguments: '{"city":"Lima"}' }],
      finishReason: "tool_calls",
      usage: { prompt_tokens: 23, completion_tokens: 9, total_tokens: 32 },
    });
  });

  it("a cut stream fails instead of looking complete", async () => {
    fake.switches.endAfterEvents = 4;
    await expect(chatStream(cohereAdapter, target, req({}))).rejects.toBeInstanceOf(UpstreamStreamError);
    fake.switches = { cutAfterEvents: 4 };
    await expect(chatStream(cohereAdapter, target, req({}))).rejects.toThrow();
    fake.switches = { errorAfterEvents: 4 };
    await expect(chatStream(cohereAdapter, target, req({}))).rejects.toThrow(/ERROR: internal model error/);
  });

  it("errors keep status and message; a wrong key is a 401", async () => {
    fake.switches.fail = { status: 429, message: "You are using a Trial key, which is limited to 10 API calls / minute.", times: 1 };
    await expect(chat(cohereAdapter, target, req({}))).rejects.toThrow("upstream 429: You are using a Trial key");
    await expect(chat(cohereAdapter, { ...target, credentials: { apiKey: "wrong" } }, req({}))).rejects.toThrow("upstream 401: invalid api token");
  });

  it("embeddings: batch, input_type, dimensions, base64 and billed usage", async () => {
    const request = { model: "ep", input: ["hello there", "general kenobi"], dimensions: 4, encoding_format: "base64" as const };
    const res = await send(await cohereAdapter.embeddingsRequest!(request, target));
    expect(fake.lastRequest).toMatchObject({
      url: "/v2/embed",
      body: { model: "command-a-03-2025", texts: request.input, input_type: "search_document", embedding_types: ["float"], output_dimension: 4 },
    });
    const out = cohereAdapter.embeddingsResponse!(await res.json(), target, request, ctx);
    expect(out.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
    const decoded = new Float32Array(new Uint8Array(Buffer.from(out.data[1].embedding as string, "base64")).buffer);
    expect(Array.from(decoded)).toEqual(fakeCohereVector("general kenobi", 4).map(Math.fround));

    const query = await cohereAdapter.embeddingsRequest!({ model: "ep", input: "q", input_type: "search_query" }, target);
    expect(JSON.parse(query.body as string)).toMatchObject({ texts: ["q"], input_type: "search_query" });
    expect(() => cohereAdapter.embeddingsRequest!({ model: "ep", input: [[1, 2, 3]] }, target)).toThrow(GatewayError);
  });
});
