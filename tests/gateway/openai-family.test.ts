// Azure OpenAI, Mistral and OpenAI-compatible providers through the gateway (OpenAI SDK client,
// fakes speaking each provider's wire format).

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding, OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

let gw: TestGateway;
let azure: OpenAiFake;
let mistral: OpenAiFake;
let compat: OpenAiFake;
let client: OpenAI;

async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { chunks, text: chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("") };
}

const WEATHER_TOOL: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: "function",
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

/** A reply with two tool calls until the conversation carries their results, then a text answer. */
function weatherReply(body: any) {
  return body.messages.some((m: { role: string }) => m.role === "tool")
    ? { text: "Paris 18C, Rome 24C." }
    : {
        toolCalls: [
          { id: "call_paris", name: "get_weather", arguments: '{"city":"Paris"}' },
          { id: "call_rome", name: "get_weather", arguments: '{"city":"Rome"}' },
        ],
      };
}

/** Plain and streamed tool calls through `model`, then the tool results back to `fake`. */
async function toolRoundTrip(model: string, fake: OpenAiFake) {
  fake.reply = weatherReply;
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris and Rome?" }];
  const plain = await client.chat.completions.create({ model, messages, tools: [WEATHER_TOOL], tool_choice: "auto" });
  expect(plain.choices[0].finish_reason).toBe("tool_calls");
  expect(plain.choices[0].message.tool_calls).toEqual([
    { id: "call_paris", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
    { id: "call_rome", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
  ]);
  expect(fake.lastRequest.body.tools).toEqual([WEATHER_TOOL]);
  expect(fake.lastRequest.body.tool_choice).toBe("auto");

  const streamed = await client.chat.completions.stream({ model, messages, tools: [WEATHER_TOOL] }).finalChatCompletion();
  expect(streamed.choices[0].finish_reason).toBe("tool_calls");
  expect(streamed.choices[0].message.tool_calls?.map((c) => c.type === "function" && [c.id, c.function.name, JSON.parse(c.function.arguments)])).toEqual([
    ["call_paris", "get_weather", { city: "Paris" }],
    ["call_rome", "get_weather", { city: "Rome" }],
  ]);
  expect(fake.lastRequest.body.stream).toBe(true);

  const answer = await client.chat.completions.create({
    model,
    messages: [
      ...messages,
      plain.choices[0].message,
      { role: "tool", tool_call_id: "call_paris", content: "18C" },
      { role: "tool", tool_call_id: "call_rome", content: "24C" },
    ],
    tools: [WEATHER_TOOL],
  });
  expect(answer.choices[0]).toMatchObject({ message: { content: "Paris 18C, Rome 24C." }, finish_reason: "stop" });
  expect(fake.lastRequest.body.messages.slice(1)).toEqual([
    {
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "call_paris", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { id: "call_rome", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
      ],
      refusal: null,
    },
    { role: "tool", tool_call_id: "call_paris", content: "18C" },
    { role: "tool", tool_call_id: "call_rome", content: "24C" },
  ]);
}

beforeAll(async () => {
  [azure, mistral, compat] = await Promise.all([
    new OpenAiFake("azure", "azure-key").start(),
    new OpenAiFake("mistral", "mistral-key").start(),
    new OpenAiFake("openai", "").start(),
  ]);
  gw = await startGateway();
  client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
});

afterAll(async () => {
  await gw.close();
  await Promise.all([azure.close(), mistral.close(), compat.close()]);
});

beforeEach(() => {
  azure.reset();
  mistral.reset();
  compat.reset();
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("az", [target("azure", "gpt-4o", azure.baseUrl, { apiKey: "azure-key", config: { deployment: "prod-4o", apiVersion: "2024-10-21" } })]),
      endpoint("az-embed", [target("azure", "text-embedding-3-large", azure.baseUrl, { apiKey: "azure-key" })], { kind: "embeddings" }),
      endpoint("mis", [target("mistral", "mistral-large-latest", mistral.baseUrl, { apiKey: "mistral-key" })]),
      endpoint("mis-embed", [target("mistral", "mistral-embed", mistral.baseUrl, { apiKey: "mistral-key" })], { kind: "embeddings" }),
      endpoint("local", [
        target("openai-compatible", "llama3", compat.baseUrl, { apiKey: "" }),
      ]),
      endpoint("local-embed", [target("openai-compatible", "nomic-embed", compat.baseUrl, { apiKey: "" })], { kind: "embeddings" }),
    ],
  );
});

describe("Azure OpenAI", () => {
  it("calls the deployment URL with api-version and the api-key header", async () => {
    const res = await client.chat.completions.create({ model: "az", messages: [{ role: "user", content: "hi azure" }], max_completion_tokens: 50 });
    expect(res.choices[0].message.content).toBe("echo: hi azure");
    expect(res.model).toBe("az");
    const req = azure.lastRequest;
    expect(req.url).toBe("/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21");
    expect(req.headers["api-key"]).toBe("azure-key");
    expect(req.headers.authorization).toBeUndefined();
    expect(req.body.model).toBeUndefined();
    expect(req.body.max_completion_tokens).toBe(50);
  });

  it("streams with usage and embeds (deployment defaults to the model name)", async () => {
    const { text, chunks } = await collect(
      await client.chat.completions.create({
        model: "az",
        messages: [{ role: "user", content: "stream" }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(text).toBe("echo: stream");
    expect(chunks[chunks.length - 1].usage?.total_tokens).toBe(16);

    const emb = await client.embeddings.create({ model: "az-embed", input: ["q"] });
    expect(emb.data[0].embedding).toEqual(fakeEmbedding(0));
    expect(azure.lastRequest.url).toBe("/openai/deployments/text-embedding-3-large/embeddings?api-version=2024-10-21");
  });

  it("relays tool calls, plain and streamed, and takes the tool results back", async () => {
    await toolRoundTrip("az", azure);
    expect(azure.lastRequest.url).toBe("/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21");
  });
});

describe("Mistral", () => {
  it("maps OpenAI parameters to Mistral's names", async () => {
    const res = await client.chat.completions.create({
      model: "mis",
      messages: [
        { role: "developer", content: "Be terse." },
        { role: "user", content: [{ type: "text", text: "hi mistral" }] },
      ],
      seed: 7,
      max_completion_tokens: 64,
      temperature: 0.3,
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
      tool_choice: "required",
      parallel_tool_calls: false,
      response_format: { type: "json_object" },
    });
    expect(res.choices[0].message.content).toBe("echo: hi mistral");
    expect(mistral.lastRequest.headers.authorization).toBe("Bearer mistral-key");
    expect(mistral.lastRequest.body).toEqual({
      model: "mistral-large-latest",
      messages: [
        { role: "system", content: "Be terse." },
        { role: "user", content: [{ type: "text", text: "hi mistral" }] },
      ],
      random_seed: 7,
      max_tokens: 64,
      temperature: 0.3,
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
      tool_choice: "any",
      parallel_tool_calls: false, // an instruction, not an unset value: forwarded
      response_format: { type: "json_object" },
    });
  });

  it("streams (usage in the last content chunk, shown only when asked) and relays tool calls", async () => {
    const plain = await collect(await client.chat.completions.create({ model: "mis", messages: [{ role: "user", content: "s" }], stream: true }));
    expect(plain.text).toBe("echo: s");
    expect(plain.chunks.some((c) => c.usage)).toBe(false);
    expect(mistral.lastRequest.body.stream_options).toBeUndefined();

    const withUsage = await collect(
      await client.chat.completions.create({ model: "mis", messages: [{ role: "user", content: "s" }], stream: true, stream_options: { include_usage: true } }),
    );
    const last = withUsage.chunks[withUsage.chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage?.total_tokens).toBe(16);

    mistral.reply = { toolCalls: [{ id: "abc123xyz", name: "lookup", arguments: '{"q":1}' }] };
    const tools = await collect(await client.chat.completions.create({ model: "mis", messages: [{ role: "user", content: "t" }], stream: true }));
    const call = tools.chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? [])[0];
    expect(call).toMatchObject({ index: 0, id: "abc123xyz", function: { name: "lookup", arguments: '{"q":1}' } });
  });

  it("reports Mistral's model_length finish reason as length, plain and streamed", async () => {
    mistral.reply = { text: "a truncated ans", finishReason: "model_length" };
    const plain = await client.chat.completions.create({ model: "mis", messages: [{ role: "user", content: "long" }], max_tokens: 4 });
    expect(plain.choices[0]).toMatchObject({ message: { content: "a truncated ans" }, finish_reason: "length" });

    const streamed = await collect(await client.chat.completions.create({ model: "mis", messages: [{ role: "user", content: "long" }], max_tokens: 4, stream: true }));
    expect(streamed.text).toBe("a truncated ans");
    expect(streamed.chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean)).toEqual(["length"]);
  });

  it("treats Mistral's finish_reason 'error' as a failed generation (502 after the attempts), not a finished answer", async () => {
    mistral.reply = { text: "half an ans", finishReason: "error" };
    for (const stream of [false, true]) {
      // A short stream fails before its first byte reaches the client: retried, then a 502 too.
      const error = await client.chat.completions.create({ model: "mis", messages: [{ role: "user", content: "x" }], stream }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 502 });
      expect(String((error as Error).message)).toContain("finish_reason 'error'");
    }
  });

  it("rejects parameters Mistral cannot honour with 400 naming them", async () => {
    await expect(client.chat.completions.create({ model: "mis", messages: [{ role: "user", content: "x" }], logprobs: true })).rejects.toMatchObject({
      status: 400,
      code: "unsupported_parameter",
      param: "logprobs",
    });
    await expect(client.chat.completions.create({ model: "mis", messages: [{ role: "user", content: "x" }], user: "u-1" })).rejects.toMatchObject({
      status: 400,
      param: "user",
    });
    await expect(
      client.chat.completions.create({
        model: "mis",
        messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "AAAA", format: "wav" } }] }],
      }),
    ).rejects.toMatchObject({ status: 400, param: "messages[0].content[0]" });
    expect(mistral.requests).toHaveLength(0);
  });

  it("embeds with floats upstream and base64 for the client when asked", async () => {
    const res = await client.embeddings.create({ model: "mis-embed", input: ["a", "b"] }); // SDK asks for base64
    expect(res.data.map((d) => d.embedding)).toEqual([fakeEmbedding(0), fakeEmbedding(1)]);
    expect(mistral.lastRequest.body).toEqual({ model: "mistral-embed", input: ["a", "b"] });
    await expect(client.embeddings.create({ model: "mis-embed", input: "a", dimensions: 256 })).resolves.toBeDefined();
    expect(mistral.lastRequest.body.output_dimension).toBe(256);
  });
});

describe("OpenAI-compatible", () => {
  it("calls any base URL, without a bearer token when the secret has none", async () => {
    const res = await client.chat.completions.create({ model: "local", messages: [{ role: "user", content: "hi local" }] });
    expect(res.choices[0].message.content).toBe("echo: hi local");
    expect(compat.lastRequest.headers.authorization).toBeUndefined();
    expect(compat.lastRequest.body.model).toBe("llama3");
  });

  it("relays tool calls, plain and streamed, and takes the tool results back", async () => {
    await toolRoundTrip("local", compat);
    expect(compat.lastRequest.url).toBe("/v1/chat/completions");
  });

  it("requests float embeddings and encodes base64 itself", async () => {
    const res = await client.embeddings.create({ model: "local-embed", input: "v" });
    expect(compat.lastRequest.body.encoding_format).toBe("float");
    expect(res.data[0].embedding).toEqual(fakeEmbedding(0));
  });
});
