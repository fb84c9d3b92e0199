// Bedrock adapter ↔ fake Bedrock over HTTP: signed requests verified by the fake, Converse and
// ConverseStream round trips, embeddings, errors, stream cuts. The fake itself is checked against
// the official AWS SDK (@aws-sdk/client-bedrock-runtime), so it is faithful to the real service.

import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  ThrottlingException,
} from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bedrockAdapter } from "../../lib/providers/bedrock";
import { UpstreamStreamError, type Target } from "../../lib/providers/types";
import { FakeBedrock, fakeVector, TEST_AWS_CREDENTIALS, TEST_BEDROCK_API_KEY } from "../fakes/bedrock";
import { assemble, chat, chatStream, ctx, send } from "./round-trip";

const fake = new FakeBedrock();
let target: Target;
const MODEL = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0";

beforeAll(async () => {
  await fake.start();
  target = { provider: "bedrock", model: MODEL, credentials: { ...TEST_AWS_CREDENTIALS }, config: { baseUrl: fake.url } };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("fake Bedrock against the official AWS SDK", () => {
  // The client defaults to HTTP/2 (for bidirectional streams); the fake, like most test servers,
  // speaks HTTP/1.1, which Bedrock serves as well.
  const sdk = (credentials = TEST_AWS_CREDENTIALS) =>
    new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: fake.url,
      credentials,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(),
    });

  it("Converse: the SDK's signature verifies and the response parses", async () => {
    fake.reply = { text: "Hi!", toolUses: [{ toolUseId: "tu1", name: "f", input: { a: 1 } }] };
    const out = await sdk().send(new ConverseCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: "hi" }] }] }));
    expect(fake.requests[0]).toMatchObject({ action: "converse", modelId: MODEL, auth: "sigv4" });
    expect(out.output?.message?.content).toEqual([{ text: "Hi!" }, { toolUse: { toolUseId: "tu1", name: "f", input: { a: 1 } } }]);
    expect(out.stopReason).toBe("tool_use");
    expect(out.usage).toMatchObject({ inputTokens: 11, outputTokens: 7, totalTokens: 18 });
  });

  it("ConverseStream: the SDK decodes the fake's event stream, including split frames", async () => {
    fake.reply = { text: "Streaming works.", toolUses: [{ toolUseId: "tu2", name: "g", input: { b: "x" } }] };
    fake.streamPieceBytes = 5;
    const out = await sdk().send(new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: "hi" }] }] }));
    let text = "";
    let input = "";
    const types: string[] = [];
    for await (const event of out.stream!) {
      types.push(Object.entries(event).find(([, value]) => value !== undefined)![0]);
      text += event.contentBlockDelta?.delta?.text ?? "";
      input += event.contentBlockDelta?.delta?.toolUse?.input ?? "";
      if (event.messageStop) expect(event.messageStop.stopReason).toBe("tool_use");
      if (event.metadata) expect(event.metadata.usage?.totalTokens).toBe(18);
    }
    expect(text).toBe("Streaming works.");
    expect(JSON.parse(input)).toEqual({ b: "x" });
    expect(types[0]).toBe("messageStart");
    expect(types.slice(-2)).toEqual(["messageStop", "metadata"]);
  });

  it("exception events and error responses surface as the SDK's typed errors", async () => {
    fake.switches.errorAfterEvents = 2;
    fake.streamException = { type: "throttlingException", message: "Slow down" };
    const out = await sdk().send(new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: "hi" }] }] }));
    await expect(
      (async () => {
        for await (const _ of out.stream!) void _;
      })(),
    ).rejects.toBeInstanceOf(ThrottlingException);

    fake.switches.fail = { status: 429, message: "Rate exceeded", times: 1 };
    await expect(
      sdk().send(new ConverseCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: "hi" }] }] })),
    ).rejects.toMatchObject({ name: "ThrottlingException", message: "Rate exceeded" });
  });

  it("rejects a wrong secret key with 403", async () => {
    const bad = sdk({ ...TEST_AWS_CREDENTIALS, secretAccessKey: "wrong" });
    await expect(
      bad.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: "hi" }] }] })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  it("InvokeModel embeddings parse for Titan", async () => {
    const out = await sdk().send(
      new InvokeModelCommand({ modelId: "amazon.titan-embed-text-v2:0", body: JSON.stringify({ inputText: "hello world" }) }),
    );
    const body = JSON.parse(Buffer.from(out.body).toString("utf8"));
    expect(body.embedding).toHaveLength(8);
    expect(body.inputTextTokenCount).toBe(2);
  });
});

describe("bedrock adapter through the fake", () => {
  it("signed Converse round trip with an ARN model id", async () => {
    const completion = await chat(bedrockAdapter, target, {
      model: "ep",
      messages: [
        { role: "system", content: "Be nice." },
        { role: "user", content: "Hi" },
      ],
      max_tokens: 50,
    });
    expect(fake.requests[0]).toMatchObject({ action: "converse", modelId: MODEL, auth: "sigv4" });
    expect(fake.requests[0].rawPath).toContain("arn%3Aaws%3Abedrock");
    expect(fake.requests[0].body).toEqual({
      messages: [{ role: "user", content: [{ text: "Hi" }] }],
      system: [{ text: "Be nice." }],
      inferenceConfig: { maxTokens: 50 },
    });
    expect(completion.choices[0]).toMatchObject({ message: { content: "Hello from Bedrock." }, finish_reason: "stop" });
    expect(completion.usage).toEqual({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
  });

  it("a tampered signature is rejected by the fake (signing is really verified)", async () => {
    const up = await bedrockAdapter.chatRequest({ model: "ep", messages: [{ role: "user", content: "Hi" }] }, target, false);
    const tampered = { ...up, body: JSON.stringify({ messages: [{ role: "user", content: [{ text: "Bye" }] }] }) };
    const res = await send(tampered);
    expect(res.status).toBe(403);
    expect(bedrockAdapter.errorMessage(res.status, await res.text())).toMatch(/x-amz-content-sha256/);
    const wrongKey = await bedrockAdapter.chatRequest({ model: "ep", messages: [{ role: "user", content: "Hi" }] }, {
      ...target,
      credentials: { ...TEST_AWS_CREDENTIALS, secretAccessKey: "nope" },
    }, false);
    expect((await send(wrongKey)).status).toBe(403);
  });

  it("works with a Bedrock API key (bearer)", async () => {
    await chat(bedrockAdapter, { ...target, credentials: { apiKey: TEST_BEDROCK_API_KEY } }, { model: "ep", messages: [{ role: "user", content: "Hi" }] });
    expect(fake.requests[0].auth).toBe("bearer");
  });

  it("ConverseStream round trip with tool-call deltas, frames split across reads", async () => {
    fake.reply = { text: "Let me look.", toolUses: [{ toolUseId: "tu9", name: "weather", input: { city: "Oslo", days: 3 } }] };
    fake.streamPieceBytes = 3;
    const chunks = await chatStream(bedrockAdapter, target, {
      model: "ep",
      messages: [{ role: "user", content: "Weather in Oslo?" }],
      tools: [{ type: "function", function: { name: "weather", parameters: { type: "object" } } }],
    });
    expect(fake.requests[0].action).toBe("converse-stream");
    const { content, toolCalls, finishReason, usage } = assemble(chunks);
    expect(content).toBe("Let me look.");
    expect(toolCalls).toEqual([{ id: "tu9", name: "weather", arguments: '{"city":"Oslo","days":3}' }]);
    expect(finishReason).toBe("tool_calls");
    expect(usage).toEqual({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
  });

  it("a stream cut mid-way (connection reset or early clean end) never looks like success", async () => {
    const request = { model: "ep", messages: [{ role: "user" as const, content: "Hi" }] };
    fake.switches.endAfterEvents = 3;
    await expect(chatStream(bedrockAdapter, target, request)).rejects.toBeInstanceOf(UpstreamStreamError);
    fake.switches = { cutAfterEvents: 3 };
    await expect(chatStream(bedrockAdapter, target, request)).rejects.toThrow();
  });

  it("an exception event mid-stream raises UpstreamStreamError with its type", async () => {
    fake.switches.errorAfterEvents = 2;
    await expect(chatStream(bedrockAdapter, target, { model: "ep", messages: [{ role: "user", content: "Hi" }] })).rejects.toMatchObject({
      name: "UpstreamStreamError",
      upstreamType: "modelStreamErrorException",
    });
  });

  it("upstream errors keep status and message", async () => {
    fake.switches.fail = { status: 400, message: "The model returned the following errors: bad input" };
    await expect(chat(bedrockAdapter, target, { model: "ep", messages: [{ role: "user", content: "Hi" }] })).rejects.toThrow(
      "upstream 400: The model returned the following errors: bad input",
    );
  });

  it("Titan embeddings (single input) and Cohere-on-Bedrock embeddings (batch, base64)", async () => {
    const titan = { ...target, model: "amazon.titan-embed-text-v2:0" };
    const up = await bedrockAdapter.embeddingsRequest!({ model: "ep", input: "hello world", dimensions: 4 }, titan);
    const res = await send(up);
    expect(res.status).toBe(200);
    expect(fake.requests[0]).toMatchObject({ action: "invoke", body: { inputText: "hello world", dimensions: 4 } });
    const out = bedrockAdapter.embeddingsResponse!(await res.json(), titan, { model: "ep", input: "hello world" }, ctx);
    expect(out).toMatchObject({ object: "list", model: "test-endpoint", usage: { prompt_tokens: 2, total_tokens: 2 } });
    expect(out.data[0].embedding).toHaveLength(4);

    await expect(async () => bedrockAdapter.embeddingsRequest!({ model: "ep", input: ["a", "b"] }, titan)).rejects.toMatchObject({
      status: 400,
      param: "input",
    });

    const cohere = { ...target, model: "us.cohere.embed-v4:0" };
    const req = { model: "ep", input: ["a", "b"], encoding_format: "base64" as const };
    const res2 = await send(await bedrockAdapter.embeddingsRequest!(req, cohere));
    expect(fake.requests[1].body).toEqual({ texts: ["a", "b"], input_type: "search_document", embedding_types: ["float"] });
    const out2 = bedrockAdapter.embeddingsResponse!(await res2.json(), cohere, req, ctx);
    expect(out2.data.map((d) => d.index)).toEqual([0, 1]);
    // OpenAI's base64 format: little-endian float32 bytes.
    const decoded = new Float32Array(new Uint8Array(Buffer.from(out2.data[1].embedding as string, "base64")).buffer);
    expect(Array.from(decoded)).toEqual(fakeVector("b", 8).map(Math.fround));
  });
});
