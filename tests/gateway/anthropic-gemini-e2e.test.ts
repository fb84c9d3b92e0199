// Anthropic and Gemini end to end: the official OpenAI SDK → the gateway (production server) → the
// fake Anthropic Messages API and fake Gemini API (real wire formats) → back. Plain chat, streamed
// tool calls, tool round trips, usage with cache tokens, embeddings, unsupported parameters,
// cross-provider fallback and mid-stream failures.

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { AnthropicFake } from "../fakes/anthropic";
import { GeminiFake, vectorOf } from "../fakes/gemini";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

const WEATHER_TOOL = {
  type: "function" as const,
  function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

let gw: TestGateway;
let anthropic: AnthropicFake;
let gemini: GeminiFake;
let client: OpenAI;
const traces: GatewayTraceRecord[] = [];

beforeAll(async () => {
  [anthropic, gemini] = await Promise.all([new AnthropicFake("sk-ant-e2e").start(), new GeminiFake("gemini-e2e").start()]);
  gw = await startGateway();
  client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
  setTraceSink((r) => traces.push(r));
});

afterAll(async () => {
  setTraceSink(null);
  await gw.close();
  await Promise.all([anthropic.close(), gemini.close()]);
});

beforeEach(() => {
  anthropic.reset();
  gemini.reset();
  traces.length = 0;
  const claude = () => target("anthropic", "claude-sonnet-4-5", anthropic.url, { apiKey: "sk-ant-e2e" });
  const flash = (opts: Parameters<typeof target>[3] = {}) => target("gemini", "gemini-2.5-flash", gemini.url, { apiKey: "gemini-e2e", ...opts });
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("claude", [claude()]),
      endpoint("flash", [flash()]),
      // 529 is Anthropic's "overloaded" status (not in the core's default fallback list).
      endpoint("claude-then-flash", [claude(), flash({ fallbackOrder: 0 })], { fallbackOn: [408, 409, 429, 500, 502, 503, 504, 529] }),
      endpoint("gemini-embed", [target("gemini", "gemini-embedding-001", gemini.url, { apiKey: "gemini-e2e" })], { kind: "embeddings" }),
    ],
  );
});

describe("anthropic through the gateway", () => {
  it("answers a plain chat with the system prompt hoisted", async () => {
    const completion = await client.chat.completions.create({
      model: "claude",
      messages: [
        { role: "system", content: "You summarise support tickets." },
        { role: "user", content: "Summarize this support ticket..." },
      ],
    });
    expect(completion.model).toBe("claude");
    expect(completion.choices[0].message.content).toBe("echo: Summarize this support ticket...");
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(anthropic.lastRequest.body).toMatchObject({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      system: [{ type: "text", text: "You summarise support tickets." }],
    });
    expect(traces[0]).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-5", status: "ok" });
  });

  it("streams text and tool calls the SDK assembles, with cache usage in the usage chunk", async () => {
    anthropic.reply = {
      text: "Let me check.",
      toolUses: [{ name: "get_weather", input: { city: "Paris" } }, { name: "get_weather", input: { city: "Rome" } }],
      usage: { input_tokens: 10, cache_read_input_tokens: 2000, cache_creation_input_tokens: 300, output_tokens: 40 },
    };
    const stream = client.chat.completions.stream({
      model: "claude",
      messages: [{ role: "user", content: "Weather in Paris and Rome?" }],
      tools: [WEATHER_TOOL],
      stream_options: { include_usage: true },
    });
    const final = await stream.finalChatCompletion();
    const message = final.choices[0].message;
    expect(message.content).toBe("Let me check.");
    expect(message.tool_calls?.map((c) => c.type === "function" && [c.function.name, JSON.parse(c.function.arguments)])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Rome" }],
    ]);
    expect(final.choices[0].finish_reason).toBe("tool_calls");
    expect(final.usage).toMatchObject({ prompt_tokens: 2310, completion_tokens: 40, total_tokens: 2350, prompt_tokens_details: { cached_tokens: 2000 } });
    expect(traces[0].usage).toEqual({ input: 2310, output: 40, cacheRead: 2000, cacheCreation: 300, total: 2350 });
  });

  it("completes a tool round trip", async () => {
    anthropic.reply = { toolUses: [{ name: "get_weather", input: { city: "Paris" } }] };
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris?" }];
    const first = await client.chat.completions.create({ model: "claude", messages, tools: [WEATHER_TOOL] });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe("tool_calls");
    anthropic.reply = (body) => ({ text: `It is ${body.messages[2].content[0].content[0].text}.` });
    messages.push(first.choices[0].message, { role: "tool", tool_call_id: call!.id, content: "18C" });
    const second = await client.chat.completions.create({ model: "claude", messages, tools: [WEATHER_TOOL] });
    expect(second.choices[0].message.content).toBe("It is 18C.");
    expect(anthropic.lastRequest.body.messages[2].content[0]).toMatchObject({ type: "tool_result", tool_use_id: call!.id });
  });

  it("reports cache tokens in non-streamed usage", async () => {
    anthropic.reply = { text: "cached", usage: { input_tokens: 3, cache_read_input_tokens: 1500, cache_creation_input_tokens: 0, output_tokens: 2 } };
    const completion = await client.chat.completions.create({ model: "claude", messages: [{ role: "user", content: "again" }] });
    expect(completion.usage).toMatchObject({ prompt_tokens: 1503, completion_tokens: 2, total_tokens: 1505, prompt_tokens_details: { cached_tokens: 1500 } });
    expect(traces[0].usage).toMatchObject({ cacheRead: 1500, cacheCreation: 0 });
  });

  it("answers 400 naming a parameter Anthropic cannot honour", async () => {
    const err = await client.chat.completions.create({ model: "claude", messages: [{ role: "user", content: "x" }], seed: 42 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("seed");
    expect(anthropic.requests).toHaveLength(0);
  });

  it("makes the SDK throw when the upstream stream is cut or ends early", async () => {
    anthropic.reply = { text: "a long answer that will not arrive in full because the stream breaks" };
    for (const switches of [{ cutAfterEvents: 5 }, { endAfterEvents: 5 }, { errorAfterEvents: 5 }]) {
      anthropic.switches = switches;
      const consume = async () => {
        let text = "";
        const stream = await client.chat.completions.create({ model: "claude", messages: [{ role: "user", content: "x" }], stream: true });
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
        return text;
      };
      await expect(consume()).rejects.toThrow();
    }
    expect(traces.map((t) => t.status)).toEqual(["error", "error", "error"]);
  });

  it("falls over from an overloaded Anthropic to Gemini", async () => {
    anthropic.switches.fail = { status: 529 };
    const completion = await client.chat.completions.create({ model: "claude-then-flash", messages: [{ role: "user", content: "hello" }] });
    expect(completion.choices[0].message.content).toBe("echo: hello");
    expect(traces[0].attempts.map((a) => [a.provider, a.status])).toEqual([
      ["anthropic", "error"],
      ["gemini", "ok"],
    ]);
    expect(traces[0].attempts[0].error).toContain("overloaded_error");
  });
});

describe("gemini through the gateway", () => {
  it("answers a plain chat", async () => {
    const completion = await client.chat.completions.create({
      model: "flash",
      messages: [
        { role: "developer", content: "Be brief." },
        { role: "user", content: "Summarize this support ticket..." },
      ],
      temperature: 0.2,
      max_completion_tokens: 100,
    });
    expect(completion.model).toBe("flash");
    expect(completion.choices[0].message.content).toBe("echo: Summarize this support ticket...");
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 6, total_tokens: 17 });
    expect(gemini.lastRequest.body).toMatchObject({
      systemInstruction: { parts: [{ text: "Be brief." }] },
      generationConfig: { temperature: 0.2, maxOutputTokens: 100 },
    });
  });

  it("streams tool calls and completes the round trip with thought signatures", async () => {
    gemini.thoughtSignatures = true;
    gemini.reply = { text: "Checking.", functionCalls: [{ name: "get_weather", args: { city: "Paris" } }] };
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris?" }];
    const stream = client.chat.completions.stream({ model: "flash", messages, tools: [WEATHER_TOOL], stream_options: { include_usage: true } });
    const first = await stream.finalChatCompletion();
    const call = first.choices[0].message.tool_calls?.[0];
    expect(call?.type === "function" && [call.function.name, JSON.parse(call.function.arguments)]).toEqual(["get_weather", { city: "Paris" }]);
    expect(first.choices[0].finish_reason).toBe("tool_calls");
    expect(first.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 6 });

    gemini.reply = { text: "It is 18C in Paris." };
    messages.push(first.choices[0].message, { role: "tool", tool_call_id: call!.id, content: "18C" });
    const second = await client.chat.completions.create({ model: "flash", messages, tools: [WEATHER_TOOL] });
    expect(second.choices[0].message.content).toBe("It is 18C in Paris.");
    const modelTurn = gemini.lastRequest.body.contents[1];
    expect(modelTurn.parts.find((p: { functionCall?: unknown }) => p.functionCall).thoughtSignature).toBeTruthy();
  });

  it("embeds through batchEmbedContents (the SDK's default base64 encoding included)", async () => {
    const res = await client.embeddings.create({ model: "gemini-embed", input: ["alpha", "beta"], dimensions: 4 });
    expect(res.model).toBe("gemini-embed");
    expect(res.data.map((d) => d.embedding.map((v) => Math.round(v * 1e5)))).toEqual(
      [vectorOf("alpha", 4), vectorOf("beta", 4)].map((v) => v.map((x) => Math.round(x * 1e5))),
    );
    const floats = await client.embeddings.create({ model: "gemini-embed", input: "alpha", encoding_format: "float" });
    expect(floats.data[0].embedding).toEqual(vectorOf("alpha", 8));
    expect(gemini.lastRequest.url).toBe("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    // Gemini reports no token count for embeddings: the client gets OpenAI's required zeros, the
    // trace unknown usage (so its cost is unknown, never a false 0).
    expect(floats.usage).toEqual({ prompt_tokens: 0, total_tokens: 0 });
    const trace = traces.at(-1) as GatewayTraceRecord;
    expect(trace).toMatchObject({ operation: "embeddings", status: "ok", usage: null });
  });

  it("reports CONTINUATION (the per-request decode limit was reached) as length, plain and streamed", async () => {
    gemini.reply = { text: "the first part of a long answer", finishReason: "CONTINUATION" };
    const plain = await client.chat.completions.create({ model: "flash", messages: [{ role: "user", content: "long" }] });
    expect(plain.choices[0]).toMatchObject({ message: { content: "the first part of a long answer" }, finish_reason: "length" });

    const stream = await client.chat.completions.create({ model: "flash", messages: [{ role: "user", content: "long" }], stream: true });
    let text = "";
    const finishes: string[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
    }
    expect(text).toBe("the first part of a long answer");
    expect(finishes).toEqual(["length"]);
    await expect.poll(() => traces.length).toBe(2);
    expect(traces.map((t) => t.status)).toEqual(["ok", "ok"]);
  });

  it("makes the SDK throw when the upstream stream ends without a finishReason", async () => {
    gemini.reply = { text: "a long answer that will be truncated before it finishes" };
    gemini.switches.endAfterEvents = 3;
    const consume = async () => {
      const stream = await client.chat.completions.create({ model: "flash", messages: [{ role: "user", content: "x" }], stream: true });
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow(/finishReason/);
    expect(traces[0].status).toBe("error");
  });
});
