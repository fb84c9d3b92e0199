// The gateway through the Vercel AI SDK (`ai` + `@ai-sdk/openai-compatible`): text, streaming with
// usage, a tool-calling loop, embeddings, and a mid-stream cut surfacing as an error.

import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { embedMany, generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding, OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

let gw: TestGateway;
let fake: OpenAiFake;
let gatehouse: ReturnType<typeof createOpenAICompatible>;

beforeAll(async () => {
  fake = await new OpenAiFake().start();
  gw = await startGateway();
  gatehouse = createOpenAICompatible({ name: "gatehouse", baseURL: gw.baseURL, apiKey: TEAM_TOKEN, includeUsage: true });
});

afterAll(async () => {
  await gw.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("assistant", [target("openai", "gpt-4o", fake.baseUrl)]),
      endpoint("vectors", [target("openai", "text-embedding-3-small", fake.baseUrl)], { kind: "embeddings" }),
    ],
  );
});

describe("Vercel AI SDK", () => {
  it("generates text", async () => {
    const { text, usage } = await generateText({ model: gatehouse.chatModel("assistant"), prompt: "hello", maxRetries: 0 });
    expect(text).toBe("echo: hello");
    expect(usage.inputTokens).toBe(11);
    expect(usage.outputTokens).toBe(5);
  });

  it("streams text with usage", async () => {
    const result = streamText({ model: gatehouse.chatModel("assistant"), prompt: "streaming works", maxRetries: 0 });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe("echo: streaming works");
    expect((await result.usage).totalTokens).toBe(16);
    expect(fake.lastRequest.body.stream_options).toEqual({ include_usage: true });
  });

  it("runs a tool-calling loop", async () => {
    fake.reply = (body) =>
      body.messages.some((m: { role: string }) => m.role === "tool")
        ? { text: "Paris: 18C" }
        : { toolCalls: [{ id: "call_w", name: "weather", arguments: '{"city":"Paris"}' }] };
    const cities: string[] = [];
    const { text, steps } = await generateText({
      model: gatehouse.chatModel("assistant"),
      prompt: "Weather in Paris?",
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      tools: {
        weather: tool({
          description: "Current weather",
          inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }),
          execute: async ({ city }) => {
            cities.push(city);
            return "18C";
          },
        }),
      },
    });
    expect(cities).toEqual(["Paris"]);
    expect(steps).toHaveLength(2);
    expect(text).toBe("Paris: 18C");
    const toolMessage = fake.lastRequest.body.messages.find((m: { role: string }) => m.role === "tool");
    expect(toolMessage).toMatchObject({ role: "tool", tool_call_id: "call_w" });
  });

  it("embeds many values", async () => {
    const { embeddings } = await embedMany({ model: gatehouse.embeddingModel("vectors"), values: ["a", "b", "c"], maxRetries: 0 });
    expect(embeddings).toEqual([fakeEmbedding(0), fakeEmbedding(1), fakeEmbedding(2)]);
  });

  it("surfaces a stream cut after the first bytes as an error", async () => {
    fake.switches.cutAfterEvents = 3;
    fake.switches.eventDelayMs = 20;
    const errors: unknown[] = [];
    const result = streamText({
      model: gatehouse.chatModel("assistant"),
      prompt: "a long answer",
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    const parts: string[] = [];
    for await (const part of result.fullStream) parts.push(part.type);
    expect(parts).toContain("error");
    expect(String((errors[0] as { message?: string })?.message ?? errors[0])).toMatch(/Upstream stream failed after it started/);
  });
});
