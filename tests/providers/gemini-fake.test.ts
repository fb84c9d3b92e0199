// The Gemini fake is faithful (the official @google/genai SDK talks to it), and the adapter
// round-trips through it: plain chat, streaming tool calls, a tool round trip with Gemini 3 thought
// signatures, n>1, embeddings, errors, in-stream errors and truncated streams.

import { ApiError, GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../../lib/gateway/openai-types";
import { geminiAdapter } from "../../lib/providers/gemini";
import { type Target, UpstreamStreamError } from "../../lib/providers/types";
import { GeminiFake, vectorOf } from "../fakes/gemini";
import { assemble, chat, chatStream, ctx, send } from "./round-trip";

const fake = new GeminiFake("gemini-fake-key");
let target: Target;
let sdk: GoogleGenAI;

beforeAll(async () => {
  await fake.start();
  target = { provider: "gemini", model: "gemini-2.5-flash", credentials: { apiKey: "gemini-fake-key" }, config: { baseUrl: fake.url } };
  sdk = new GoogleGenAI({ apiKey: "gemini-fake-key", httpOptions: { baseUrl: fake.url } });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const weather = { name: "get_weather", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } } } };

describe("gemini fake vs the official SDK", () => {
  it("answers generateContent like the API", async () => {
    const response = await sdk.models.generateContent({ model: "gemini-2.5-flash", contents: "ping", config: { systemInstruction: "be brief", temperature: 0.1 } });
    expect(response.text).toBe("echo: ping");
    expect(response.candidates?.[0].finishReason).toBe("STOP");
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 11, candidatesTokenCount: 6, totalTokenCount: 17 });
    expect(fake.lastRequest.headers["x-goog-api-key"]).toBe("gemini-fake-key");
    expect(fake.lastRequest.body.generationConfig).toEqual({ temperature: 0.1 });
  });

  it("streams SSE the SDK assembles, including function calls", async () => {
    fake.reply = { text: "Looking up the weather now.", functionCalls: [{ name: "get_weather", args: { city: "Paris" } }] };
    let text = "";
    const calls: unknown[] = [];
    let finish: string | undefined;
    const stream = await sdk.models.generateContentStream({ model: "gemini-2.5-flash", contents: "weather?", config: { tools: [{ functionDeclarations: [weather] }] } });
    for await (const chunk of stream) {
      text += chunk.text ?? "";
      calls.push(...(chunk.functionCalls ?? []));
      finish = chunk.candidates?.[0].finishReason ?? finish;
    }
    expect(text).toBe("Looking up the weather now.");
    expect(calls).toEqual([expect.objectContaining({ name: "get_weather", args: { city: "Paris" } })]);
    expect(finish).toBe("STOP");
    expect(fake.lastRequest.url).toContain(":streamGenerateContent?alt=sse");
  });

  it("embeds through batchEmbedContents", async () => {
    const response = await sdk.models.embedContent({ model: "gemini-embedding-001", contents: ["alpha", "beta"], config: { outputDimensionality: 4 } });
    expect(response.embeddings?.map((e) => e.values)).toEqual([vectorOf("alpha", 4), vectorOf("beta", 4)]);
  });

  it("returns errors the SDK reports as ApiError with the status", async () => {
    fake.switches.fail = { status: 429, message: "Resource has been exhausted (e.g. check quota).", times: 1 };
    const err = await sdk.models.generateContent({ model: "gemini-2.5-flash", contents: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).message).toContain("RESOURCE_EXHAUSTED");
    const badKey = await new GoogleGenAI({ apiKey: "nope", httpOptions: { baseUrl: fake.url } }).models
      .generateContent({ model: "gemini-2.5-flash", contents: "x" })
      .catch((e: unknown) => e);
    expect((badKey as ApiError).message).toContain("API key not valid");
  });

  it("requires replayed Gemini 3 function calls to keep their thought signature", async () => {
    fake.thoughtSignatures = true;
    fake.reply = { functionCalls: [{ name: "get_weather", args: { city: "Paris" } }] };
    const config = { tools: [{ functionDeclarations: [weather] }] };
    const first = await sdk.models.generateContent({ model: "gemini-3-pro", contents: "weather?", config });
    const modelTurn = first.candidates?.[0].content;
    expect(modelTurn?.parts?.[0].thoughtSignature).toBeTruthy();
    const answer = { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { output: "18C" } } }] };
    fake.reply = { text: "It is 18C." };
    const ok = await sdk.models.generateContent({ model: "gemini-3-pro", contents: [{ role: "user", parts: [{ text: "weather?" }] }, modelTurn!, answer], config });
    expect(ok.text).toBe("It is 18C.");
    const unsigned = { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }] };
    const err = await sdk.models.generateContent({ model: "gemini-3-pro", contents: [{ role: "user", parts: [{ text: "weather?" }] }, unsigned, answer], config }).catch((e: unknown) => e);
    expect((err as ApiError).message).toContain("thought_signature");
  });

  it("sends an in-stream error the SDK raises", async () => {
    fake.reply = { text: "a long answer that arrives in several stream events" };
    fake.switches.errorAfterEvents = 2;
    const consume = async () => {
      for await (const _chunk of await sdk.models.generateContentStream({ model: "gemini-2.5-flash", contents: "x" })) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow(/internal error/i);
  });
});

const req = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: "test-endpoint",
  messages: [{ role: "user", content: "hello" }],
  ...extra,
});

const tools: ChatCompletionRequest["tools"] = [
  { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, additionalProperties: false } } },
];

describe("gemini adapter through the fake", () => {
  it("round-trips a plain chat with a system prompt", async () => {
    const completion = await chat(geminiAdapter, target, req({ messages: [{ role: "system", content: "Be kind." }, { role: "user", content: "hello" }] }));
    expect(completion.choices[0].message.content).toBe("echo: hello");
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 6, total_tokens: 17 });
    expect(fake.lastRequest.body.systemInstruction).toEqual({ parts: [{ text: "Be kind." }] });
  });

  it("streams tool calls and reports thinking and cached tokens in the final chunk", async () => {
    fake.reply = {
      text: "Checking the weather.",
      functionCalls: [{ name: "get_weather", args: { city: "Paris" } }, { name: "get_weather", args: { city: "Rome" } }],
      usage: { promptTokenCount: 500, cachedContentTokenCount: 400, candidatesTokenCount: 20, thoughtsTokenCount: 30 },
    };
    const result = assemble(await chatStream(geminiAdapter, target, req({ tools })));
    expect(result.content).toBe("Checking the weather.");
    expect(result.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Rome" }],
    ]);
    expect(new Set(result.toolCalls.map((c) => c.id)).size).toBe(2);
    expect(result.finishReason).toBe("tool_calls");
    expect(result.usage).toEqual({
      prompt_tokens: 500,
      completion_tokens: 50,
      total_tokens: 550,
      prompt_tokens_details: { cached_tokens: 400 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
  });

  it("completes a tool round trip, carrying Gemini 3 thought signatures in the tool-call id", async () => {
    fake.thoughtSignatures = true;
    fake.reply = { functionCalls: [{ name: "get_weather", args: { city: "Paris" } }, { name: "get_weather", args: { city: "Rome" } }] };
    const first = await chat(geminiAdapter, { ...target, model: "gemini-3-pro" }, req({ tools }));
    const calls = first.choices[0].message.tool_calls ?? [];
    expect(calls).toHaveLength(2);
    expect(calls[0].id).toMatch(/^[A-Za-z0-9_-]+$/);
    fake.reply = (body) => ({ text: `answers: ${JSON.stringify(body.contents[2].parts.map((p: { functionResponse: unknown }) => p.functionResponse))}` });
    const second = await chat(geminiAdapter, { ...target, model: "gemini-3-pro" }, req({
      tools,
      messages: [
        { role: "user", content: "hello" },
        first.choices[0].message,
        { role: "tool", tool_call_id: calls[0].id, content: "18C" },
        { role: "tool", tool_call_id: calls[1].id, content: '{"temp":24}' },
      ],
    }));
    expect(second.choices[0].message.content).toBe(
      'answers: [{"name":"get_weather","response":{"output":"18C"}},{"name":"get_weather","response":{"output":{"temp":24}}}]',
    );
  });

  it("returns n candidates as choices, streamed and not", async () => {
    const completion = await chat(geminiAdapter, target, req({ n: 2 }));
    expect(completion.choices.map((c) => c.message.content)).toEqual(["echo: hello", "echo: hello (candidate 1)"]);
    const chunks = await chatStream(geminiAdapter, target, req({ n: 2 }));
    expect([assemble(chunks, 0).content, assemble(chunks, 1).content]).toEqual(["echo: hello", "echo: hello (candidate 1)"]);
    expect([assemble(chunks, 0).finishReason, assemble(chunks, 1).finishReason]).toEqual(["stop", "stop"]);
  });

  it("embeds strings as floats or base64", async () => {
    const request = { model: "test-endpoint", input: ["alpha", "beta"], dimensions: 3 };
    const embTarget = { ...target, model: "gemini-embedding-001" };
    const res = await send(await geminiAdapter.embeddingsRequest!(request, embTarget));
    const body = await res.json();
    expect(geminiAdapter.embeddingsResponse!(body, embTarget, request, ctx).data.map((d) => d.embedding)).toEqual([
      vectorOf("alpha", 3),
      vectorOf("beta", 3),
    ]);
    const b64 = geminiAdapter.embeddingsResponse!(body, embTarget, { ...request, encoding_format: "base64" }, ctx);
    const floats = new Float32Array(Uint8Array.from(Buffer.from(b64.data[1].embedding as string, "base64")).buffer);
    expect([...floats].map((v) => Math.round(v * 1e5) / 1e5)).toEqual(vectorOf("beta", 3).map((v) => Math.round(v * 1e5) / 1e5));
  });

  it("reports a blocked prompt as content_filter", async () => {
    fake.reply = { blockReason: "PROHIBITED_CONTENT" };
    expect((await chat(geminiAdapter, target, req())).choices[0].finish_reason).toBe("content_filter");
    expect(assemble(await chatStream(geminiAdapter, target, req())).finishReason).toBe("content_filter");
  });

  it("surfaces upstream errors through errorMessage", async () => {
    fake.switches.fail = { status: 503, message: "The model is overloaded. Please try again later." };
    const res = await send(await geminiAdapter.chatRequest(req(), target, false));
    expect(res.status).toBe(503);
    expect(geminiAdapter.errorMessage(res.status, await res.text())).toBe("UNAVAILABLE: The model is overloaded. Please try again later.");
  });

  it("turns an in-stream error into UpstreamStreamError and never lets a truncated stream look complete", async () => {
    fake.reply = { text: "an answer long enough to arrive in several events" };
    fake.switches.errorAfterEvents = 2;
    await expect(chatStream(geminiAdapter, target, req())).rejects.toThrow(UpstreamStreamError);
    fake.switches = { endAfterEvents: 3 }; // clean close before the finishReason event
    await expect(chatStream(geminiAdapter, target, req())).rejects.toThrow(/before a finishReason/);
    fake.switches = { cutAfterEvents: 3 }; // connection destroyed
    await expect(chatStream(geminiAdapter, target, req())).rejects.toThrow();
  });
});
