// The Anthropic fake is faithful (the official @anthropic-ai/sdk talks to it), and the adapter
// round-trips through it: plain chat, streaming tool calls, a tool round trip, cache usage, errors,
// in-stream errors, truncated streams, latency and hangs.

import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../../lib/gateway/openai-types";
import { anthropicAdapter } from "../../lib/providers/anthropic";
import { type Target, UpstreamStreamError } from "../../lib/providers/types";
import { AnthropicFake } from "../fakes/anthropic";
import { assemble, chat, chatStream, send } from "./round-trip";

const fake = new AnthropicFake("sk-ant-fake");
let target: Target;
let sdk: Anthropic;

beforeAll(async () => {
  await fake.start();
  target = { provider: "anthropic", model: "claude-sonnet-4-5", credentials: { apiKey: "sk-ant-fake" }, config: { baseUrl: fake.url } };
  sdk = new Anthropic({ apiKey: "sk-ant-fake", baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const weatherTool = { name: "get_weather", description: "Weather", input_schema: { type: "object" as const, properties: { city: { type: "string" } } } };

describe("anthropic fake vs the official SDK", () => {
  it("answers messages.create like the API", async () => {
    const message = await sdk.messages.create({ model: "claude-sonnet-4-5", max_tokens: 64, messages: [{ role: "user", content: "ping" }] });
    expect(message.type).toBe("message");
    expect(message.content).toEqual([{ type: "text", text: "echo: ping" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.input_tokens).toBe(12);
    // The SDK speaks API version 2026-10-21 (bearer auth); the adapter defaults to 2023-06-01 (x-api-key).
    expect(fake.lastRequest.headers["anthropic-version"]).toBe("2026-10-21");
  });

  it("streams events the SDK assembles into text and tool_use input", async () => {
    fake.reply = { text: "Let me look that up.", toolUses: [{ name: "get_weather", input: { city: "Paris", days: [1, 2] } }] };
    const stream = sdk.messages.stream({ model: "claude-sonnet-4-5", max_tokens: 64, tools: [weatherTool], messages: [{ role: "user", content: "weather?" }] });
    const types = new Set<string>();
    stream.on("streamEvent", (event) => types.add(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toHaveLength(2);
    expect(message.content[0]).toMatchObject({ type: "text", text: "Let me look that up." });
    expect(message.content[1]).toMatchObject({ type: "tool_use", id: expect.stringMatching(/^toolu_/), name: "get_weather", input: { city: "Paris", days: [1, 2] } });
    expect(message.stop_reason).toBe("tool_use");
    expect([...types]).toEqual(expect.arrayContaining(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"]));
  });

  it("returns errors the SDK reports with status and type", async () => {
    fake.switches.fail = { status: 429, retryAfterSeconds: 3, times: 1 };
    const err = await sdk.messages.create({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe("rate_limit_error");
    expect((err as InstanceType<typeof Anthropic.APIError>).headers?.get("retry-after")).toBe("3");
    const bad = await new Anthropic({ apiKey: "wrong", baseURL: fake.url, maxRetries: 0 }).messages
      .create({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it("validates requests like the API (empty text blocks, unanswered tool_use)", async () => {
    const empty = await sdk.messages.create({ model: "m", max_tokens: 8, messages: [{ role: "user", content: [{ type: "text", text: "" }] }] }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(Anthropic.BadRequestError);
    const unanswered = await sdk.messages
      .create({
        model: "m",
        max_tokens: 8,
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_x", name: "f", input: {} }] },
          { role: "user", content: "b" },
        ],
      })
      .catch((e: unknown) => e);
    expect(String(unanswered)).toContain("tool_use ids were found without tool_result blocks");
  });

  it("sends an error event the SDK raises mid-stream", async () => {
    fake.reply = { text: "a fairly long answer that streams in several pieces" };
    fake.switches.errorAfterEvents = 4;
    const stream = sdk.messages.stream({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "x" }] });
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
  });
});

const req = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: "test-endpoint",
  messages: [{ role: "user", content: "hello" }],
  ...extra,
});

describe("anthropic adapter through the fake", () => {
  it("round-trips a plain chat", async () => {
    const completion = await chat(anthropicAdapter, target, req({ messages: [{ role: "system", content: "Be kind." }, { role: "user", content: "hello" }] }));
    expect(completion.choices[0].message.content).toBe("echo: hello");
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 });
    expect(fake.lastRequest.body.system).toEqual([{ type: "text", text: "Be kind." }]);
    expect(fake.lastRequest.headers).toMatchObject({ "x-api-key": "sk-ant-fake", "anthropic-version": "2023-06-01" });
  });

  it("keeps temperature on API version 2023-06-01 and refuses it on 2026-10-21 before the upstream would", async () => {
    await chat(anthropicAdapter, target, req({ temperature: 0.3 }));
    expect(fake.lastRequest.body.temperature).toBe(0.3);
    const v2026: Target = { ...target, config: { ...target.config, apiVersion: "2026-10-21" } };
    await expect(chat(anthropicAdapter, v2026, req({ temperature: 0.3 }))).rejects.toMatchObject({ status: 400, param: "temperature" });
    expect((await chat(anthropicAdapter, v2026, req())).choices[0].message.content).toBe("echo: hello");
    expect(fake.lastRequest.headers["anthropic-version"]).toBe("2026-10-21");
  });

  it("streams tool calls and reports cache usage in the final chunk", async () => {
    fake.reply = {
      text: "Checking.",
      toolUses: [{ name: "get_weather", input: { city: "Paris" } }, { name: "get_time", input: { tz: "Europe/Paris" } }],
      usage: { input_tokens: 5, cache_read_input_tokens: 1000, cache_creation_input_tokens: 20, output_tokens: 33 },
    };
    const tools: ChatCompletionRequest["tools"] = [
      { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
      { type: "function", function: { name: "get_time", parameters: { type: "object", properties: { tz: { type: "string" } } } } },
    ];
    const result = assemble(await chatStream(anthropicAdapter, target, req({ tools })));
    expect(result.content).toBe("Checking.");
    expect(result.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_time", { tz: "Europe/Paris" }],
    ]);
    expect(result.finishReason).toBe("tool_calls");
    expect(result.usage).toEqual({
      prompt_tokens: 1025,
      completion_tokens: 33,
      total_tokens: 1058,
      prompt_tokens_details: { cached_tokens: 1000 },
      cache_creation_input_tokens: 20,
    });
  });

  it("completes a tool round trip the fake accepts", async () => {
    fake.reply = { toolUses: [{ name: "get_weather", input: { city: "Paris" } }] };
    const tools: ChatCompletionRequest["tools"] = [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }];
    const first = await chat(anthropicAdapter, target, req({ tools }));
    const call = first.choices[0].message.tool_calls?.[0];
    expect(call).toMatchObject({ type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } });
    fake.reply = (body) => ({ text: `got ${JSON.stringify(body.messages[2].content[0].content)}` });
    const second = await chat(anthropicAdapter, target, req({
      tools,
      messages: [
        { role: "user", content: "hello" },
        first.choices[0].message,
        { role: "tool", tool_call_id: call?.id as string, content: "18C and sunny" },
      ],
    }));
    expect(second.choices[0].message.content).toBe('got [{"type":"text","text":"18C and sunny"}]');
  });

  it("surfaces upstream errors through errorMessage", async () => {
    fake.switches.fail = { status: 529 };
    const res = await send(await anthropicAdapter.chatRequest(req(), target, false));
    expect(res.status).toBe(529);
    expect(anthropicAdapter.errorMessage(res.status, await res.text())).toBe("overloaded_error: Injected failure 529");
  });

  it("turns an in-stream error event into UpstreamStreamError", async () => {
    fake.switches.errorAfterEvents = 3;
    await expect(chatStream(anthropicAdapter, target, req())).rejects.toThrow(UpstreamStreamError);
  });

  it("never lets a truncated stream look complete", async () => {
    fake.reply = { text: "this answer will be cut off before message_stop" };
    fake.switches.endAfterEvents = 5; // clean close, no message_delta/message_stop
    await expect(chatStream(anthropicAdapter, target, req())).rejects.toThrow(/before message_stop/);
    fake.switches = { cutAfterEvents: 5 }; // connection destroyed
    await expect(chatStream(anthropicAdapter, target, req())).rejects.toThrow();
  });

  it("honours the latency and hang switches", async () => {
    fake.switches.latencyMs = 150;
    const started = performance.now();
    await chat(anthropicAdapter, target, req());
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    fake.switches = { hang: true };
    const upstream = await anthropicAdapter.chatRequest(req(), target, false);
    await expect(send(upstream, AbortSignal.timeout(200))).rejects.toThrow(/abort|timeout/i);
  });
});
