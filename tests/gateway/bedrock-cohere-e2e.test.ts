// Bedrock and Cohere end to end: the official OpenAI SDK → the gateway (production server) → the
// fake Bedrock (SigV4 verified, binary event stream) and fake Cohere (v2 SSE) → back.

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureGateway } from "../../lib/gateway/settings";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { FakeBedrock, fakeVector, TEST_AWS_CREDENTIALS } from "../fakes/bedrock";
import { FakeCohere, fakeCohereVector, TEST_COHERE_KEY } from "../fakes/cohere";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

const CLAUDE = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0";
const WEATHER_TOOL = {
  type: "function" as const,
  function: { name: "weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
};

let gw: TestGateway;
let bedrock: FakeBedrock;
let cohere: FakeCohere;
let client: OpenAI;
const traces: GatewayTraceRecord[] = [];

function bedrockTarget(model: string, opts: Parameters<typeof target>[3] = {}) {
  return { ...target("bedrock", model, bedrock.url, opts), credentials: { ...TEST_AWS_CREDENTIALS } };
}
const cohereTarget = (model: string, opts: Parameters<typeof target>[3] = {}) =>
  target("cohere", model, cohere.url, { apiKey: TEST_COHERE_KEY, ...opts });

beforeAll(async () => {
  [bedrock, cohere] = await Promise.all([new FakeBedrock().start(), new FakeCohere().start()]);
  gw = await startGateway();
  client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
  setTraceSink((r) => traces.push(r));
});

afterAll(async () => {
  setTraceSink(null);
  await gw.close();
  await Promise.all([bedrock.close(), cohere.close()]);
});

beforeEach(() => {
  bedrock.reset();
  cohere.reset();
  traces.length = 0;
  configureGateway({ firstByteTimeoutMs: 15_000 });
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("claude", [bedrockTarget(CLAUDE)]),
      endpoint("command", [cohereTarget("command-a-03-2025")]),
      endpoint("claude-or-command", [bedrockTarget(CLAUDE), cohereTarget("command-a-03-2025", { fallbackOrder: 0 })], { timeoutMs: 2_000 }),
      endpoint("titan", [bedrockTarget("amazon.titan-embed-text-v2:0")], { kind: "embeddings" }),
      endpoint("bedrock-cohere-embed", [bedrockTarget("cohere.embed-english-v3")], { kind: "embeddings" }),
      endpoint("cohere-embed", [cohereTarget("embed-v4.0")], { kind: "embeddings" }),
    ],
  );
});

async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  let content = "";
  const tools: Array<{ id?: string; name: string; arguments: string }> = [];
  let finish: string | null = null;
  let usage: OpenAI.CompletionUsage | null | undefined = null;
  for await (const chunk of stream) {
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    content += choice.delta.content ?? "";
    for (const call of choice.delta.tool_calls ?? []) {
      const slot = (tools[call.index] ??= { name: "", arguments: "" });
      if (call.id) slot.id = call.id;
      slot.name += call.function?.name ?? "";
      slot.arguments += call.function?.arguments ?? "";
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  return { content, tools, finish, usage };
}

describe("Bedrock through the gateway", () => {
  it("plain chat: SigV4-signed Converse call, endpoint name as model, usage", async () => {
    const completion = await client.chat.completions.create({
      model: "claude",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Summarize this support ticket..." },
      ],
      max_tokens: 64,
    });
    expect(completion.model).toBe("claude");
    expect(completion.choices[0]).toMatchObject({ message: { role: "assistant", content: "Hello from Bedrock." }, finish_reason: "stop" });
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    expect(bedrock.lastRequest).toMatchObject({ action: "converse", modelId: CLAUDE, auth: "sigv4" });
    expect(bedrock.lastRequest.body).toMatchObject({ system: [{ text: "You are terse." }], inferenceConfig: { maxTokens: 64 } });
    expect(traces[0]).toMatchObject({ provider: "bedrock", model: CLAUDE, status: "ok", usage: { input: 11, output: 7 } });
  });

  it("streams text and tool-call deltas with usage, and takes the tool result back", async () => {
    bedrock.reply = { text: "Checking.", toolUses: [{ toolUseId: "tooluse_1", name: "weather", input: { city: "Oslo" } }] };
    bedrock.streamPieceBytes = 7;
    const stream = await client.chat.completions.create({
      model: "claude",
      messages: [{ role: "user", content: "Weather in Oslo?" }],
      tools: [WEATHER_TOOL],
      stream: true,
      stream_options: { include_usage: true },
    });
    const out = await collect(stream);
    expect(out).toEqual({
      content: "Checking.",
      tools: [{ id: "tooluse_1", name: "weather", arguments: '{"city":"Oslo"}' }],
      finish: "tool_calls",
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    });
    expect(bedrock.lastRequest.action).toBe("converse-stream");

    bedrock.reply = { text: "It is 12C in Oslo." };
    const answer = await client.chat.completions.create({
      model: "claude",
      messages: [
        { role: "user", content: "Weather in Oslo?" },
        { role: "assistant", content: "Checking.", tool_calls: [{ id: "tooluse_1", type: "function", function: { name: "weather", arguments: out.tools[0].arguments } }] },
        { role: "tool", tool_call_id: "tooluse_1", content: "12C" },
      ],
      tools: [WEATHER_TOOL],
    });
    expect(answer.choices[0].message.content).toBe("It is 12C in Oslo.");
    expect(bedrock.lastRequest.body.messages[1].content[1]).toEqual({ toolUse: { toolUseId: "tooluse_1", name: "weather", input: { city: "Oslo" } } });
    expect(bedrock.lastRequest.body.messages[2]).toEqual({ role: "user", content: [{ toolResult: { toolUseId: "tooluse_1", content: [{ text: "12C" }] } }] });
  });

  it("rejects a parameter Bedrock cannot honour with a 400 naming it", async () => {
    await expect(
      client.chat.completions.create({ model: "claude", messages: [{ role: "user", content: "hi" }], seed: 42 }),
    ).rejects.toMatchObject({ status: 400, code: "unsupported_parameter", param: "seed" });
    expect(bedrock.requests).toHaveLength(0);
  });

  it("a stream cut after its first bytes makes the SDK throw; an exception event too", async () => {
    bedrock.switches = { cutAfterEvents: 3, eventDelayMs: 20 };
    const cut = await client.chat.completions.create({ model: "claude", messages: [{ role: "user", content: "hi" }], stream: true });
    await expect(collect(cut)).rejects.toThrow(/Upstream stream failed after it started/);

    bedrock.switches = { errorAfterEvents: 2, eventDelayMs: 20 };
    bedrock.streamException = { type: "throttlingException", message: "Too many tokens" };
    const failed = await client.chat.completions.create({ model: "claude", messages: [{ role: "user", content: "hi" }], stream: true });
    await expect(collect(failed)).rejects.toThrow(/throttlingException: Too many tokens/);
    expect(traces.map((t) => t.status)).toEqual(["error", "error"]);
  });

  it("falls over to Cohere on throttling, a hang, or a stream cut before the first byte", async () => {
    bedrock.switches.fail = { status: 429, message: "Too many requests, please wait before trying again." };
    const completion = await client.chat.completions.create({ model: "claude-or-command", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0].message.content).toBe("Hello from Cohere.");
    expect(traces[0].attempts.map((a) => [a.provider, a.httpStatus])).toEqual([["bedrock", 429], ["cohere", 200]]);

    bedrock.switches = { hang: true };
    configureGateway({ firstByteTimeoutMs: 300 });
    const hung = await client.chat.completions.create({ model: "claude-or-command", messages: [{ role: "user", content: "hi" }], stream: true });
    expect((await collect(hung)).content).toBe("Hello from Cohere.");

    bedrock.switches = { cutAfterEvents: 0 };
    const cut = await client.chat.completions.create({ model: "claude-or-command", messages: [{ role: "user", content: "hi" }], stream: true });
    expect((await collect(cut)).content).toBe("Hello from Cohere.");
    expect(traces[2].attempts.map((a) => a.provider)).toEqual(["bedrock", "cohere"]);
  });

  it("embeddings: Titan (single input, base64 as the SDK asks by default) and Cohere on Bedrock (batch, floats)", async () => {
    const titan = await client.embeddings.create({ model: "titan", input: "hello world", dimensions: 4 });
    expect(titan.data[0].embedding).toEqual(fakeVector("hello world", 4).map(Math.fround));
    expect(titan.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    expect(bedrock.lastRequest).toMatchObject({ action: "invoke", modelId: "amazon.titan-embed-text-v2:0", body: { inputText: "hello world", dimensions: 4 } });

    await expect(client.embeddings.create({ model: "titan", input: ["a", "b"] })).rejects.toMatchObject({ status: 400, param: "input" });

    const batch = await client.embeddings.create({ model: "bedrock-cohere-embed", input: ["a", "b", "c"], encoding_format: "float" });
    expect(batch.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(batch.data[2].embedding).toEqual(fakeVector("c", 8));
  });
});

describe("Cohere through the gateway", () => {
  it("plain chat", async () => {
    const completion = await client.chat.completions.create({
      model: "command",
      messages: [{ role: "user", content: "Summarize this support ticket..." }],
      temperature: 0.2,
      seed: 7,
    });
    expect(completion).toMatchObject({
      model: "command",
      choices: [{ message: { content: "Hello from Cohere." }, finish_reason: "stop" }],
      usage: { prompt_tokens: 23, completion_tokens: 9, total_tokens: 32 },
    });
    expect(cohere.lastRequest.body).toMatchObject({ model: "command-a-03-2025", temperature: 0.2, seed: 7, stream: false });
  });

  it("streams a tool plan and tool-call deltas with usage", async () => {
    cohere.reply = { toolPlan: "I will look up the weather.", toolCalls: [{ id: "weather_abc", name: "weather", arguments: { city: "Lima" } }] };
    const stream = await client.chat.completions.create({
      model: "command",
      messages: [{ role: "user", content: "Weather in Lima?" }],
      tools: [WEATHER_TOOL],
      tool_choice: "required",
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(await collect(stream)).toEqual({
      content: "I will look up the weather.",
      tools: [{ id: "weather_abc", name: "weather", arguments: '{"city":"Lima"}' }],
      finish: "tool_calls",
      usage: { prompt_tokens: 23, completion_tokens: 9, total_tokens: 32 },
    });
    expect(cohere.lastRequest.body).toMatchObject({ stream: true, tool_choice: "REQUIRED" });
  });

  it("reports Cohere's cached prompt tokens as cached_tokens and in the trace's cacheRead, plain and streamed", async () => {
    cohere.reply = { text: "From the cache.", tokens: { input_tokens: 1200, output_tokens: 4 }, cachedTokens: 1024 };
    const plain = await client.chat.completions.create({ model: "command", messages: [{ role: "user", content: "again" }] });
    expect(plain.usage).toMatchObject({ prompt_tokens: 1200, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 1024 } });
    const streamed = await collect(
      await client.chat.completions.create({
        model: "command",
        messages: [{ role: "user", content: "again" }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(streamed.content).toBe("From the cache.");
    expect(streamed.usage).toMatchObject({ prompt_tokens: 1200, prompt_tokens_details: { cached_tokens: 1024 } });
    await expect.poll(() => traces.length).toBe(2);
    const expected = { input: 1200, output: 4, cacheRead: 1024, cacheCreation: 0, total: 1204 };
    expect(traces.map((t) => [t.provider, t.streaming, t.usage])).toEqual([
      ["cohere", false, expected],
      ["cohere", true, expected],
    ]);
  });

  it("a stream cut after its first bytes makes the SDK throw", async () => {
    cohere.switches = { cutAfterEvents: 3, eventDelayMs: 20 };
    const stream = await client.chat.completions.create({ model: "command", messages: [{ role: "user", content: "hi" }], stream: true });
    await expect(collect(stream)).rejects.toThrow(/Upstream stream failed after it started/);
    expect(traces[0]).toMatchObject({ status: "error", streaming: true, errorType: "stream_interrupted" });
  });

  it("embeddings (the SDK's default base64 and floats) with billed usage", async () => {
    const res = await client.embeddings.create({ model: "cohere-embed", input: ["hello there", "general kenobi"] });
    expect(res.data[1].embedding).toEqual(fakeCohereVector("general kenobi", 8).map(Math.fround));
    expect(res.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
    expect(cohere.lastRequest.body).toEqual({
      model: "embed-v4.0",
      texts: ["hello there", "general kenobi"],
      input_type: "search_document",
      embedding_types: ["float"],
    });
  });
});
