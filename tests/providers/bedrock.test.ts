// Bedrock adapter: request translation (Converse body, URL, auth), response translation and the
// binary event-stream decoder.

import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../lib/gateway/errors";
import type { ChatCompletionRequest } from "../../lib/gateway/openai-types";
import { bedrockAdapter } from "../../lib/providers/bedrock";
import { toConverseRequest } from "../../lib/providers/bedrock-messages";
import { UpstreamStreamError, type Target } from "../../lib/providers/types";
import { assemble, ctx } from "./round-trip";

const target: Target = {
  provider: "bedrock",
  model: "anthropic.claude-3-5-sonnet-20240620-v1:0",
  credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
  config: { region: "eu-west-1" },
};
const PNG = "data:image/png;base64,iVBORw0KGgo=";

function req(extra: Partial<ChatCompletionRequest>): ChatCompletionRequest {
  return { model: "ep", messages: [{ role: "user", content: "hi" }], ...extra };
}

function rejects(fn: () => unknown, param: string, status = 400) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).status).toBe(status);
    expect((err as GatewayError).param).toBe(param);
    return;
  }
  throw new Error(`expected a ${status} naming '${param}'`);
}

describe("bedrock: what Converse cannot be told is a 400, not dropped", () => {
  it("rejects participant names and an image detail other than auto; a tool message's name is fine", () => {
    rejects(() => toConverseRequest(req({ messages: [{ role: "user", content: "hi", name: "alice" }] })), "messages[0].name");
    const image = (detail: string) => ({ role: "user" as const, content: [{ type: "image_url" as const, image_url: { url: PNG, detail } }] });
    rejects(() => toConverseRequest(req({ messages: [image("high")] })), "messages[0].content[0].image_url.detail");
    expect(() => toConverseRequest(req({ messages: [image("auto")] }))).not.toThrow();
  });
});

describe("bedrock request translation", () => {
  it("maps system/developer, text, images, tool calls and grouped tool results", () => {
    const body = toConverseRequest({
      model: "ep",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Use tools." }] },
        { role: "user", content: [{ type: "text", text: "Weather?" }, { type: "image_url", image_url: { url: PNG } }] },
        {
          role: "assistant",
          content: "Checking.",
          tool_calls: [
            { id: "t1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
            { id: "t2", type: "function", function: { name: "weather", arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: "tool", tool_call_id: "t1", content: "18C" },
        { role: "tool", tool_call_id: "t2", content: [{ type: "text", text: "25C" }] },
        { role: "user", content: "Thanks" },
      ],
      tools: [{ type: "function", function: { name: "weather", description: "Get weather", parameters: { type: "object" }, strict: true } }],
      tool_choice: "required",
      max_completion_tokens: 100,
      temperature: 0.3,
      top_p: 0.9,
      stop: "END",
    });
    expect(body.system).toEqual([{ text: "Be brief." }, { text: "Use tools." }]);
    expect(body.messages).toEqual([
      { role: "user", content: [{ text: "Weather?" }, { image: { format: "png", source: { bytes: "iVBORw0KGgo=" } } }] },
      {
        role: "assistant",
        content: [
          { text: "Checking." },
          { toolUse: { toolUseId: "t1", name: "weather", input: { city: "Paris" } } },
          { toolUse: { toolUseId: "t2", name: "weather", input: { city: "Rome" } } },
        ],
      },
      {
        role: "user",
        content: [
          { toolResult: { toolUseId: "t1", content: [{ text: "18C" }] } },
          { toolResult: { toolUseId: "t2", content: [{ text: "25C" }] } },
          { text: "Thanks" },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({
      tools: [{ toolSpec: { name: "weather", description: "Get weather", inputSchema: { json: { type: "object" } }, strict: true } }],
      toolChoice: { any: {} },
    });
    expect(body.inferenceConfig).toEqual({ maxTokens: 100, temperature: 0.3, topP: 0.9, stopSequences: ["END"] });
  });

  it("turns cache_control on parts and messages into cache points", () => {
    const body = toConverseRequest({
      model: "ep",
      messages: [
        { role: "system", content: [{ type: "text", text: "Long policy.", cache_control: { type: "ephemeral" } }] },
        { role: "user", content: "Long document.", cache_control: { type: "ephemeral" } },
        { role: "assistant", content: "Noted." },
        { role: "user", content: "Question?" },
      ],
    });
    expect(body.system).toEqual([{ text: "Long policy." }, { cachePoint: { type: "default" } }]);
    expect(body.messages[0].content).toEqual([{ text: "Long document." }, { cachePoint: { type: "default" } }]);
    expect(body.messages[2].content).toEqual([{ text: "Question?" }]);
  });

  it("carries a cache lifetime of 1h to the cache point; another lifetime is a 400, never dropped", () => {
    const body = toConverseRequest(
      req({ messages: [{ role: "user", content: [{ type: "text", text: "Long document.", cache_control: { type: "ephemeral", ttl: "1h" } }] }] }),
    );
    expect(body.messages[0].content).toEqual([{ text: "Long document." }, { cachePoint: { type: "default", ttl: "1h" } }]);
    rejects(
      () => toConverseRequest(req({ messages: [{ role: "user", content: "x", cache_control: { type: "ephemeral", ttl: "2d" } }] })),
      "messages[0].cache_control.ttl",
    );
  });

  it("maps tool_choice auto and a specific function", () => {
    const tools = [{ type: "function" as const, function: { name: "f" } }];
    expect(toConverseRequest(req({ tools, tool_choice: "auto" })).toolConfig?.toolChoice).toEqual({ auto: {} });
    expect(toConverseRequest(req({ tools, tool_choice: { type: "function", function: { name: "f" } } })).toolConfig?.toolChoice).toEqual({
      tool: { name: "f" },
    });
    expect(toConverseRequest(req({ tools })).toolConfig).toEqual({
      tools: [{ toolSpec: { name: "f", inputSchema: { json: { type: "object", properties: {} } } } }],
    });
  });

  it("tool_choice none leaves the tools out, or is rejected when the history needs them", () => {
    const tools = [{ type: "function" as const, function: { name: "f" } }];
    expect(toConverseRequest(req({ tools, tool_choice: "none" })).toolConfig).toBeUndefined();
    const history: ChatCompletionRequest["messages"] = [
      { role: "user", content: "x" },
      { role: "assistant", tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "a", content: "ok" },
    ];
    rejects(() => toConverseRequest(req({ tools, tool_choice: "none", messages: history })), "tool_choice");
  });

  it("maps response_format json_schema to native structured output", () => {
    const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false };
    const body = toConverseRequest(req({ response_format: { type: "json_schema", json_schema: { name: "out", schema } } }));
    expect(body.outputConfig).toEqual({
      textFormat: { type: "json_schema", structure: { jsonSchema: { schema: JSON.stringify(schema), name: "out" } } },
    });
    expect(toConverseRequest(req({ response_format: { type: "text" } })).outputConfig).toBeUndefined();
  });

  it.each([
    ["seed", { seed: 7 }],
    ["presence_penalty", { presence_penalty: 0.5 }],
    ["frequency_penalty", { frequency_penalty: 1 }],
    ["n", { n: 2 }],
    ["logprobs", { logprobs: true }],
    ["parallel_tool_calls", { parallel_tool_calls: false }],
    ["response_format", { response_format: { type: "json_object" as const } }],
    ["logit_bias", { logit_bias: { "50256": -100 } }],
  ])("rejects %s with a 400 naming it", (param, extra) => {
    rejects(() => toConverseRequest(req(extra)), param);
  });

  it("accepts OpenAI defaults sent explicitly", () => {
    expect(() => toConverseRequest(req({ n: 1, presence_penalty: 0, frequency_penalty: 0, seed: null, user: "u1" }))).not.toThrow();
  });

  it("rejects image URLs (Converse needs bytes) and unsupported image types, naming the part", () => {
    const image = (url: string): ChatCompletionRequest["messages"] => [
      { role: "user", content: [{ type: "text", text: "see" }, { type: "image_url", image_url: { url } }] },
    ];
    rejects(() => toConverseRequest(req({ messages: image("https://example.com/cat.png") })), "messages[0].content[1].image_url");
    rejects(() => toConverseRequest(req({ messages: image("data:image/bmp;base64,Qk0=") })), "messages[0].content[1].image_url");
    rejects(
      () => toConverseRequest(req({ messages: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] })),
      "messages[0].content[0]",
    );
  });

  it("rejects invalid tool-call arguments and tool messages without an id", () => {
    rejects(
      () =>
        toConverseRequest(
          req({ messages: [{ role: "assistant", tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: "{oops" } }] }] }),
        ),
      "messages[0].tool_calls[0].function.arguments",
    );
    rejects(() => toConverseRequest(req({ messages: [{ role: "tool", content: "x" }] })), "messages[0].tool_call_id");
  });
});

describe("bedrock upstream request", () => {
  it("URL-encodes ARN model ids and signs with SigV4 for the configured region", async () => {
    const arn = "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0";
    const up = await bedrockAdapter.chatRequest(req({}), { ...target, model: arn }, true);
    expect(up.url).toBe(
      "https://bedrock-runtime.eu-west-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aeu-west-1%3A123456789012%3Ainference-profile%2Feu.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream",
    );
    expect(up.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(up.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(up.headers).not.toHaveProperty("host");
  });

  it("sends the session token and honours a base URL override", async () => {
    const up = await bedrockAdapter.chatRequest(
      req({}),
      { ...target, credentials: { ...target.credentials, sessionToken: "tok" }, config: { baseUrl: "http://127.0.0.1:9/" } },
      false,
    );
    expect(up.url).toBe(`http://127.0.0.1:9/model/${encodeURIComponent(target.model)}/converse`);
    expect(up.headers["x-amz-security-token"]).toBe("tok");
    expect(up.headers.authorization).toContain("/us-east-1/bedrock/aws4_request");
  });

  it("uses a Bedrock API key as a bearer token when there are no IAM credentials", async () => {
    const up = await bedrockAdapter.chatRequest(req({}), { ...target, credentials: { apiKey: "k1" } }, false);
    expect(up.headers.authorization).toBe("Bearer k1");
    await expect(bedrockAdapter.chatRequest(req({}), { ...target, credentials: {} }, false)).rejects.toMatchObject({
      status: 500,
      code: "provider_credentials_missing",
    });
  });

  it("extracts Bedrock error messages", () => {
    expect(bedrockAdapter.errorMessage(400, '{"message":"Malformed input request"}')).toBe("Malformed input request");
    expect(bedrockAdapter.errorMessage(502, "")).toBe("HTTP 502 with an empty body");
  });
});

describe("bedrock response translation", () => {
  it("maps text, tool calls, stop reasons and cache-aware usage", () => {
    const completion = bedrockAdapter.chatResponse(
      {
        output: {
          message: {
            role: "assistant",
            content: [{ text: "Let me check." }, { toolUse: { toolUseId: "tu1", name: "weather", input: { city: "Paris" } } }],
          },
        },
        stopReason: "tool_use",
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 45, cacheReadInputTokens: 20, cacheWriteInputTokens: 10 },
      },
      target,
      ctx,
    );
    expect(completion).toMatchObject({
      id: "chatcmpl-req_rt",
      model: "test-endpoint",
      created: ctx.created,
      choices: [
        {
          message: {
            role: "assistant",
            content: "Let me check.",
            tool_calls: [{ id: "tu1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage: {
        prompt_tokens: 40,
        completion_tokens: 5,
        total_tokens: 45,
        prompt_tokens_details: { cached_tokens: 20 },
        cache_creation_input_tokens: 10,
      },
    });
  });

  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["guardrail_intervened", "content_filter"],
    ["content_filtered", "content_filter"],
  ])("maps stopReason %s → %s", (stopReason, finish) => {
    const body = { output: { message: { content: [{ text: "x" }] } }, stopReason, usage: { inputTokens: 1, outputTokens: 1 } };
    expect(bedrockAdapter.chatResponse(body, target, ctx).choices[0].finish_reason).toBe(finish);
  });

  it("treats malformed model output as an upstream error", () => {
    const body = { output: { message: { content: [] } }, stopReason: "malformed_tool_use" };
    expect(() => bedrockAdapter.chatResponse(body, target, ctx)).toThrow(/malformed_tool_use/);
  });
});

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const event = (type: string, payload: object) =>
  codec.encode({
    headers: {
      ":event-type": { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
const concat = (frames: Uint8Array[]) => new Uint8Array(Buffer.concat(frames));

const TOOL_STREAM = concat([
  event("messageStart", { role: "assistant" }),
  event("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hel" } }),
  event("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "lo" } }),
  event("contentBlockStop", { contentBlockIndex: 0 }),
  event("contentBlockStart", { contentBlockIndex: 1, start: { toolUse: { toolUseId: "tu1", name: "weather" } } }),
  event("contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } }),
  event("contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: '"Paris"}' } } }),
  event("contentBlockStop", { contentBlockIndex: 1 }),
  event("messageStop", { stopReason: "tool_use" }),
  event("metadata", { usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 }, metrics: { latencyMs: 5 } }),
]);

describe("bedrock stream decoder", () => {
  it("decodes text and tool-call deltas, finish reason and usage", () => {
    const decoder = bedrockAdapter.chatStream(target, ctx);
    const chunks = [...decoder.push(TOOL_STREAM), ...decoder.end()];
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.every((c) => c.id === "chatcmpl-req_rt" && c.model === "test-endpoint")).toBe(true);
    expect(chunks.find((c) => c.choices[0]?.delta.tool_calls?.[0]?.id)?.choices[0].delta.tool_calls).toEqual([
      { index: 0, id: "tu1", type: "function", function: { name: "weather", arguments: "" } },
    ]);
    expect(assemble(chunks)).toEqual({
      content: "Hello",
      toolCalls: [{ id: "tu1", name: "weather", arguments: '{"city":"Paris"}' }],
      finishReason: "tool_calls",
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
    expect(chunks[chunks.length - 1]).toMatchObject({ choices: [], usage: { total_tokens: 7 } });
  });

  it("reassembles frames split at every possible byte boundary", () => {
    const whole = assemble(bedrockAdapter.chatStream(target, ctx).push(TOOL_STREAM));
    for (const size of [1, 3, 7, 64]) {
      const decoder = bedrockAdapter.chatStream(target, ctx);
      const chunks = [];
      for (let i = 0; i < TOOL_STREAM.length; i += size) chunks.push(...decoder.push(TOOL_STREAM.subarray(i, i + size)));
      chunks.push(...decoder.end());
      expect(assemble(chunks)).toEqual(whole);
    }
  });

  it("throws UpstreamStreamError for exception events", () => {
    const decoder = bedrockAdapter.chatStream(target, ctx);
    decoder.push(event("messageStart", { role: "assistant" }));
    const exception = codec.encode({
      headers: {
        ":exception-type": { type: "string", value: "throttlingException" },
        ":content-type": { type: "string", value: "application/json" },
        ":message-type": { type: "string", value: "exception" },
      },
      body: fromUtf8('{"message":"Too many requests"}'),
    });
    expect(() => decoder.push(exception)).toThrow(UpstreamStreamError);
    try {
      bedrockAdapter.chatStream(target, ctx).push(exception);
    } catch (err) {
      expect(err).toMatchObject({ upstreamType: "throttlingException", message: expect.stringContaining("Too many requests") });
    }
  });

  it("end() throws when messageStop or metadata never came, or a frame was cut", () => {
    const noStop = bedrockAdapter.chatStream(target, ctx);
    noStop.push(TOOL_STREAM.subarray(0, 0));
    noStop.push(concat([event("messageStart", { role: "assistant" }), event("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hi" } })]));
    expect(() => noStop.end()).toThrow(/before messageStop/);

    const noMetadata = bedrockAdapter.chatStream(target, ctx);
    noMetadata.push(concat([event("messageStart", { role: "assistant" }), event("messageStop", { stopReason: "end_turn" })]));
    expect(() => noMetadata.end()).toThrow(UpstreamStreamError);

    const halfFrame = bedrockAdapter.chatStream(target, ctx);
    halfFrame.push(TOOL_STREAM.subarray(0, TOOL_STREAM.length - 5));
    expect(() => halfFrame.end()).toThrow(/middle of an event/);
  });

  it("rejects corrupted frames (CRC checked by the codec)", () => {
    const corrupt = new Uint8Array(event("messageStart", { role: "assistant" }));
    corrupt[corrupt.length - 6] ^= 0xff;
    expect(() => bedrockAdapter.chatStream(target, ctx).push(corrupt)).toThrow(UpstreamStreamError);
  });
});
