// Gemini adapter: request building, response translation, stream decoding, embeddings and errors.

import { describe, expect, it } from "vitest";
import { GatewayError } from "../../lib/gateway/errors";
import type { ChatCompletionChunk, ChatCompletionRequest, EmbeddingsRequest } from "../../lib/gateway/openai-types";
import { geminiAdapter } from "../../lib/providers/gemini";
import { type Target, type TranslateContext, UpstreamStreamError } from "../../lib/providers/types";

const target: Target = { provider: "gemini", model: "gemini-2.5-flash", credentials: { apiKey: "g-key" }, config: {} };
const ctx: TranslateContext = { requestId: "req_1", created: 1_700_000_000, endpointName: "gemini-endpoint" };

function build(req: Partial<ChatCompletionRequest>, t: Target = target, stream = false) {
  const upstream = geminiAdapter.chatRequest({ model: "gemini-endpoint", messages: [], ...req }, t, stream);
  if (upstream instanceof Promise) throw new Error("gemini builds synchronously");
  return { upstream, body: JSON.parse(upstream.body as string) };
}

function rejects(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error("expected the request to be rejected");
}

const user = (content: ChatCompletionRequest["messages"][number]["content"]) => ({ role: "user" as const, content });

describe("gemini request", () => {
  it("targets generateContent / streamGenerateContent?alt=sse with x-goog-api-key", () => {
    const { upstream, body } = build({ messages: [user("hi")] });
    expect(upstream.url).toBe("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
    expect(upstream.headers["x-goog-api-key"]).toBe("g-key");
    expect(body).toEqual({ contents: [{ role: "user", parts: [{ text: "hi" }] }] });
    const streamed = build({ messages: [user("hi")] }, { ...target, model: "tunedModels/my-tune", config: { baseUrl: "http://127.0.0.1:9/" } }, true);
    expect(streamed.upstream.url).toBe("http://127.0.0.1:9/v1beta/tunedModels/my-tune:streamGenerateContent?alt=sse");
    const v1 = build({ messages: [user("hi")] }, { ...target, config: { apiVersion: "v1" } });
    expect(v1.upstream.url).toBe("https://generativelanguage.googleapis.com/v1/models/gemini-2.5-flash:generateContent");
  });

  it("moves system and developer messages to systemInstruction and merges same-role turns", () => {
    const { body } = build({
      messages: [
        { role: "system", content: "Be terse." },
        { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
        user("one"),
        user("two"),
        { role: "assistant", content: "deux" },
      ],
    });
    expect(body.systemInstruction).toEqual({ parts: [{ text: "Be terse." }, { text: "Answer in French." }] });
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "one" }, { text: "two" }] },
      { role: "model", parts: [{ text: "deux" }] },
    ]);
  });

  it("maps generation parameters and response formats", () => {
    const schema = { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { a: { type: "string" } }, additionalProperties: false };
    const { body } = build({
      messages: [user("hi")],
      temperature: 0.4,
      top_p: 0.8,
      max_completion_tokens: 99,
      stop: "END",
      seed: 7,
      n: 2,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      response_format: { type: "json_schema", json_schema: { name: "x", schema } },
    });
    expect(body.generationConfig).toEqual({
      temperature: 0.4,
      topP: 0.8,
      maxOutputTokens: 99,
      stopSequences: ["END"],
      seed: 7,
      candidateCount: 2,
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
      responseMimeType: "application/json",
      responseJsonSchema: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
    });
    expect(build({ messages: [user("hi")], response_format: { type: "json_object" } }).body.generationConfig).toEqual({ responseMimeType: "application/json" });
    expect(build({ messages: [user("hi")], n: 1, presence_penalty: 0 }).body.generationConfig).toBeUndefined();
  });

  it("translates images (inlineData / fileData), audio and files", () => {
    const { body } = build({
      messages: [
        user([
          { type: "text", text: "Describe" },
          { type: "image_url", image_url: { url: "data:image/webp;base64,UklGRg==" } },
          { type: "image_url", image_url: { url: "https://example.com/a/cat.PNG?size=large" } },
          { type: "input_audio", input_audio: { data: "UklGRiQ=", format: "wav" } },
          { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0=" } },
        ]),
      ],
    });
    expect(body.contents[0].parts).toEqual([
      { text: "Describe" },
      { inlineData: { mimeType: "image/webp", data: "UklGRg==" } },
      { fileData: { mimeType: "image/png", fileUri: "https://example.com/a/cat.PNG?size=large" } },
      { inlineData: { mimeType: "audio/wav", data: "UklGRiQ=" } },
      { inlineData: { mimeType: "application/pdf", data: "JVBERi0=" } },
    ]);
  });

  it("maps tools to functionDeclarations and tool_choice to functionCallingConfig", () => {
    const tools: ChatCompletionRequest["tools"] = [
      { type: "function", function: { name: "get_weather", description: "Weather", parameters: { $schema: "x", type: "object", properties: { city: { type: "string" } }, additionalProperties: false } } },
      { type: "function", function: { name: "now" } },
    ];
    const { body } = build({ messages: [user("hi")], tools });
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          { name: "get_weather", description: "Weather", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } }, additionalProperties: false } },
          { name: "now" },
        ],
      },
    ]);
    const config = (extra: Partial<ChatCompletionRequest>) => build({ messages: [user("hi")], tools, ...extra }).body.toolConfig.functionCallingConfig;
    expect(config({})).toEqual({ mode: "AUTO" });
    expect(config({ tool_choice: "none" })).toEqual({ mode: "NONE" });
    expect(config({ tool_choice: "required" })).toEqual({ mode: "ANY" });
    expect(config({ tool_choice: { type: "function", function: { name: "now" } } })).toEqual({ mode: "ANY", allowedFunctionNames: ["now"] });
    const strictTools = tools.map((t) => ({ ...t, function: { ...t.function, strict: true } }));
    expect(config({ tools: strictTools })).toEqual({ mode: "VALIDATED" });
  });

  it("turns tool calls into functionCall parts and tool messages into named functionResponse parts", () => {
    const { body } = build({
      messages: [
        user("weather?"),
        {
          role: "assistant",
          content: "Checking.",
          tool_calls: [
            { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
            { id: "call_b__ts__c2lnLW9uZQ", type: "function", function: { name: "get_time", arguments: "" } },
          ],
        },
        { role: "tool", tool_call_id: "call_a", content: '{"temp":18}' },
        { role: "tool", tool_call_id: "call_b__ts__c2lnLW9uZQ", content: "noon" },
      ],
    });
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "weather?" }] },
      {
        role: "model",
        parts: [
          { text: "Checking." },
          { functionCall: { name: "get_weather", args: { city: "Paris" } } },
          { functionCall: { name: "get_time", args: {} }, thoughtSignature: "c2lnLW9uZQ==" },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { output: { temp: 18 } } } },
          { functionResponse: { name: "get_time", response: { output: "noon" } } },
        ],
      },
    ]);
    const orphan = rejects(() => build({ messages: [{ role: "tool", tool_call_id: "nope", content: "x" }] }));
    expect(orphan).toMatchObject({ status: 400, param: "messages[0].tool_call_id" });
  });

  it.each([
    ["logprobs", { logprobs: true }],
    ["parallel_tool_calls", { parallel_tool_calls: false }],
    ["user", { user: "u-1" }],
    ["reasoning_effort", { reasoning_effort: "low" }],
    ["logit_bias", { logit_bias: { "1": 1 } }],
  ])("rejects %s with a 400 naming it", (param, extra) => {
    const err = rejects(() => build({ messages: [user("hi")], ...extra }));
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error", code: "unsupported_parameter", param });
  });

  it("rejects message features Gemini cannot honour", () => {
    expect(rejects(() => build({ messages: [{ role: "user", content: "hi", name: "bob" }] })).param).toBe("messages[0].name");
    expect(rejects(() => build({ messages: [user([{ type: "text", text: "x", cache_control: { type: "ephemeral" } }])] })).param).toBe("messages[0].content[0].cache_control");
    expect(rejects(() => build({ messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: "https://x/y.png" } }] }] })).param).toBe("messages[0].content[0]");
  });
});

describe("gemini response", () => {
  it("joins text, maps function calls to tool_calls and translates usage", () => {
    const completion = geminiAdapter.chatResponse(
      {
        candidates: [
          {
            index: 0,
            finishReason: "STOP",
            content: {
              role: "model",
              parts: [
                { text: "thinking…", thought: true },
                { text: "Let me check. " },
                { text: "One moment." },
                { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "ab+/cd==" },
              ],
            },
          },
        ],
        usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 20, thoughtsTokenCount: 30, cachedContentTokenCount: 100, totalTokenCount: 170 },
        responseId: "resp-1",
      },
      target,
      ctx,
    );
    expect(completion).toMatchObject({ id: "resp-1", object: "chat.completion", created: ctx.created, model: "gemini-endpoint" });
    const [choice] = completion.choices;
    expect(choice.message.content).toBe("Let me check. One moment.");
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.tool_calls).toEqual([
      { id: expect.stringMatching(/^call_[a-f0-9]{24}__ts__ab-_cd$/), type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
    ]);
    expect(completion.usage).toEqual({
      prompt_tokens: 120,
      completion_tokens: 50,
      total_tokens: 170,
      prompt_tokens_details: { cached_tokens: 100 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
  });

  it.each([
    ["STOP", "stop"],
    ["MAX_TOKENS", "length"],
    ["CONTINUATION", "length"],
    ["SAFETY", "content_filter"],
    ["RECITATION", "content_filter"],
    ["BLOCKLIST", "content_filter"],
    ["PROHIBITED_CONTENT", "content_filter"],
    ["OTHER", "stop"],
  ])("maps finishReason %s to %s", (finishReason, expected) => {
    const body = { candidates: [{ content: { parts: [{ text: "x" }] }, finishReason }], usageMetadata: {} };
    expect(geminiAdapter.chatResponse(body, target, ctx).choices[0].finish_reason).toBe(expected);
  });

  it("treats a malformed function call as an upstream failure (502), not a finished answer", () => {
    for (const finishReason of ["MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "MISSING_THOUGHT_SIGNATURE", "MALFORMED_RESPONSE", "LANGUAGE", "NO_IMAGE", "IMAGE_OTHER"]) {
      const body = { candidates: [{ content: { parts: [] }, finishReason }], usageMetadata: {} };
      expect(() => geminiAdapter.chatResponse(body, target, ctx)).toThrow(expect.objectContaining({ status: 502, code: "upstream_malformed_output" }));
    }
  });

  it("rejects an image detail other than auto instead of dropping it", () => {
    const image = { type: "image_url" as const, image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" } };
    expect(rejects(() => build({ messages: [user([image])] })).param).toBe("messages[0].content[0].image_url.detail");
  });

  it("returns every candidate as a choice and reports a blocked prompt as content_filter", () => {
    const two = geminiAdapter.chatResponse({ candidates: [{ index: 1, content: { parts: [{ text: "b" }] }, finishReason: "STOP" }, { index: 0, content: { parts: [{ text: "a" }] }, finishReason: "STOP" }] }, target, ctx);
    expect(two.choices.map((c) => [c.index, c.message.content])).toEqual([[0, "a"], [1, "b"]]);
    const blocked = geminiAdapter.chatResponse({ promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 4 } }, target, ctx);
    expect(blocked.choices[0]).toMatchObject({ finish_reason: "content_filter", message: { content: null } });
    expect(() => geminiAdapter.chatResponse({}, target, ctx)).toThrow(GatewayError);
  });

  it("extracts the message from Gemini error JSON", () => {
    const body = JSON.stringify({ error: { code: 429, message: "Resource has been exhausted", status: "RESOURCE_EXHAUSTED" } });
    expect(geminiAdapter.errorMessage(429, body)).toBe("RESOURCE_EXHAUSTED: Resource has been exhausted");
    expect(geminiAdapter.errorMessage(400, `[${body}]`)).toBe("RESOURCE_EXHAUSTED: Resource has been exhausted");
    expect(geminiAdapter.errorMessage(503, "upstream connect error")).toBe("upstream connect error");
  });
});

describe("gemini embeddings", () => {
  const embed = (req: Partial<EmbeddingsRequest>) => {
    const upstream = geminiAdapter.embeddingsRequest?.({ model: "emb", input: "x", ...req }, { ...target, model: "gemini-embedding-001" });
    if (!upstream || upstream instanceof Promise) throw new Error("gemini builds synchronously");
    return { upstream, body: JSON.parse(upstream.body as string) };
  };

  it("builds batchEmbedContents with outputDimensionality", () => {
    const { upstream, body } = embed({ input: ["a", "b"], dimensions: 256 });
    expect(upstream.url).toBe("https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents");
    expect(body.requests).toEqual([
      { model: "models/gemini-embedding-001", content: { parts: [{ text: "a" }] }, outputDimensionality: 256 },
      { model: "models/gemini-embedding-001", content: { parts: [{ text: "b" }] }, outputDimensionality: 256 },
    ]);
    expect(rejects(() => embed({ input: [1, 2, 3] })).param).toBe("input");
    expect(rejects(() => embed({ user: "u" })).param).toBe("user");
  });

  it("translates vectors, in float or base64", () => {
    const body = { embeddings: [{ values: [0.5, -1] }, { values: [0.25, 2] }] };
    const floats = geminiAdapter.embeddingsResponse?.(body, target, { model: "e", input: ["a", "b"] }, ctx);
    expect(floats).toEqual({
      object: "list",
      data: [
        { object: "embedding", index: 0, embedding: [0.5, -1] },
        { object: "embedding", index: 1, embedding: [0.25, 2] },
      ],
      model: "gemini-endpoint",
      usage: null, // Gemini reported no token count: unknown, not 0 (the gateway sends the client zeros)
    });
    const b64 = geminiAdapter.embeddingsResponse?.(body, target, { model: "e", input: ["a", "b"], encoding_format: "base64" }, ctx);
    const decoded = new Float32Array(Uint8Array.from(Buffer.from(b64?.data[0].embedding as string, "base64")).buffer);
    expect([...decoded]).toEqual([0.5, -1]);
  });
});

const frame = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;
const usage = { promptTokenCount: 9, candidatesTokenCount: 4, totalTokenCount: 13 };
const STREAM = [
  frame({ candidates: [{ content: { role: "model", parts: [{ text: "Hel" }] }, index: 0 }], usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 }, responseId: "r1" }),
  frame({ candidates: [{ content: { role: "model", parts: [{ text: "lo ☀️" }] }, index: 0 }], responseId: "r1" }),
  frame({ candidates: [{ content: { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }, { functionCall: { name: "now", args: {} } }] }, index: 0 }], responseId: "r1" }),
  frame({ candidates: [{ content: { role: "model", parts: [{ text: "" }] }, finishReason: "STOP", index: 0 }], usageMetadata: usage, responseId: "r1" }),
].join("");

function decode(text: string, size = 5): ChatCompletionChunk[] {
  const decoder = geminiAdapter.chatStream(target, ctx);
  const bytes = new TextEncoder().encode(text);
  const chunks: ChatCompletionChunk[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(...decoder.push(bytes.subarray(i, i + size)));
  chunks.push(...decoder.end());
  return chunks;
}

describe("gemini stream", () => {
  it("emits content and tool-call deltas, then a final chunk with finish reason and usage", () => {
    const chunks = decode(STREAM);
    expect(chunks.every((c) => c.id === "r1" && c.model === "gemini-endpoint")).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "Hel" });
    expect(chunks.map((c) => c.choices[0].delta.content ?? "").join("")).toBe("Hello ☀️");
    const calls = chunks.flatMap((c) => c.choices[0].delta.tool_calls ?? []);
    expect(calls.map((c) => [c.index, c.function?.name, c.function?.arguments, typeof c.id])).toEqual([
      [0, "get_weather", '{"city":"Paris"}', "string"],
      [1, "now", "{}", "string"],
    ]);
    const last = chunks[chunks.length - 1];
    expect(last.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: "tool_calls" });
    expect(last.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 });
    expect(decode(STREAM, 1).map((c) => c.choices[0].delta.content)).toEqual(chunks.map((c) => c.choices[0].delta.content));
  });

  it("throws UpstreamStreamError on an error object in the stream", () => {
    const text = STREAM.slice(0, STREAM.indexOf("data:", 10)) + frame({ error: { code: 500, message: "Internal error", status: "INTERNAL" } });
    expect(() => decode(text)).toThrow(UpstreamStreamError);
    expect(() => decode(text)).toThrow(/Internal error/);
  });

  it("throws from end() when no finishReason arrived", () => {
    const cut = STREAM.slice(0, STREAM.lastIndexOf("data:"));
    expect(() => decode(cut)).toThrow(UpstreamStreamError);
    expect(() => decode(cut.slice(0, -20))).toThrow(UpstreamStreamError);
    expect(() => decode("")).toThrow(/before a finishReason/);
  });

  it("finishes each candidate of n>1 and a blocked prompt", () => {
    const two = [0, 1].map((index) => frame({ candidates: [{ content: { parts: [{ text: `c${index}` }] }, finishReason: "STOP", index }] })).join("");
    const chunks = decode(two);
    expect(chunks.filter((c) => c.choices[0].finish_reason === "stop").map((c) => c.choices[0].index)).toEqual([0, 1]);
    expect(chunks[chunks.length - 1].usage).toBeDefined();
    const blocked = decode(frame({ promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, usageMetadata: { promptTokenCount: 3 } }));
    expect(blocked[blocked.length - 1].choices[0].finish_reason).toBe("content_filter");
  });
});
