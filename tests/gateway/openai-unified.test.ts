// The unified API end to end with the official OpenAI SDK: chat, streaming, tool calls, embeddings,
// models list, MLflow invocations, response headers and the trace record.

import OpenAI from "openai";
import type { Stream } from "openai/streaming";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { capturePayload } from "../../lib/tracing/payload";
import { fakeEmbedding, OpenAiFake } from "../fakes/openai";
import { endpoint, payloadOf, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

let gw: TestGateway;
let fake: OpenAiFake;
let client: OpenAI;
const traces: GatewayTraceRecord[] = [];

beforeAll(async () => {
  fake = await new OpenAiFake("openai", "sk-upstream").start();
  gw = await startGateway();
  client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
  setTraceSink((r) => traces.push(r));
});

afterAll(async () => {
  setTraceSink(null);
  await gw.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  traces.length = 0;
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("prod-gpt", [
        target("openai", "gpt-4o-mini", fake.baseUrl, { apiKey: "sk-upstream", config: { organization: "org-1", project: "proj-1" } }),
      ]),
      endpoint("embed", [target("openai", "text-embedding-3-small", fake.baseUrl, { apiKey: "sk-upstream" })], { kind: "embeddings" }),
    ],
  );
});

describe("chat completions", () => {
  it("answers a plain chat through the provider, reporting the endpoint as model", async () => {
    const res = await client.chat.completions
      .create({ model: "prod-gpt", messages: [{ role: "user", content: "Summarize this support ticket..." }] })
      .withResponse();
    const completion = res.data;
    expect(completion.choices[0].message.content).toBe("echo: Summarize this support ticket...");
    expect(completion.model).toBe("prod-gpt");
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 });

    const upstream = fake.lastRequest;
    expect(upstream.url).toBe("/v1/chat/completions");
    expect(upstream.headers.authorization).toBe("Bearer sk-upstream");
    expect(upstream.headers["openai-organization"]).toBe("org-1");
    expect(upstream.headers["openai-project"]).toBe("proj-1");
    expect(upstream.body.model).toBe("gpt-4o-mini");
    expect(upstream.body.stream).toBeUndefined();

    const requestId = res.response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(res.response.headers.get("x-gatehouse-duration-ms"))).toBeGreaterThan(0);
    const overhead = Number(res.response.headers.get("x-gatehouse-overhead-ms"));
    expect(overhead).toBeGreaterThanOrEqual(0);
    expect(overhead).toBeLessThan(Number(res.response.headers.get("x-gatehouse-duration-ms")));

    expect(traces).toHaveLength(1);
    const trace = traces[0];
    expect(trace).toMatchObject({
      requestId,
      endpoint: "prod-gpt",
      teamId: "team_test",
      route: "unified",
      operation: "chat",
      provider: "openai",
      model: "gpt-4o-mini",
      status: "ok",
      httpStatus: 200,
      streaming: false,
      usage: { input: 11, output: 5, cacheRead: 0, cacheCreation: 0, total: 16 },
    });
    expect(trace.attempts).toHaveLength(1);
    expect(trace.attempts[0]).toMatchObject({ provider: "openai", status: "ok", httpStatus: 200 });
    expect(payloadOf(trace.request).messages).toHaveLength(1);
    expect(payloadOf(trace.response).choices).toHaveLength(1);
  });

  it("stores the request as the client sent it and the response as the client received it", async () => {
    const ask = async (body: string) => {
      const res = await fetch(`${gw.baseURL}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEAM_TOKEN}`, "content-type": "application/json" },
        body,
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const sent = '{ "model": "prod-gpt",\n  "messages": [{"role": "user", "content": "Résumé, please"}] }';
    const received = await ask(sent);
    const stored = (v: unknown) => capturePayload(v, 65_536).text;
    expect(stored(traces[0].request)).toBe(sent);
    expect(stored(traces[0].response)).toBe(received);
    // A client that escapes non-ASCII (Python's json.dumps does): stored with the characters
    // themselves, so a payload search for "Résumé" finds it.
    await ask('{"model":"prod-gpt","messages":[{"role":"user","content":"R\\u00e9sum\\u00e9, please"}]}');
    expect(stored(traces[1].request)).toContain('"content":"Résumé, please"');
  });

  it("streams SSE chunks without a usage chunk unless asked", async () => {
    const stream = await client.chat.completions.create({
      model: "prod-gpt",
      messages: [{ role: "user", content: "stream me please" }],
      stream: true,
    });
    let text = "";
    let usageChunks = 0;
    for await (const chunk of stream) {
      expect(chunk.model).toBe("prod-gpt");
      if (chunk.usage) usageChunks++;
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(text).toBe("echo: stream me please");
    expect(usageChunks).toBe(0);
    // Upstream is always asked for usage, for traces.
    expect(fake.lastRequest.body.stream_options).toEqual({ include_usage: true });
    expect(traces[0]).toMatchObject({ streaming: true, status: "ok", usage: { input: 11, output: 5, total: 16 } });
    expect(traces[0].ttftMs).toBeGreaterThan(0);
    expect(payloadOf(traces[0].response).choices[0].message.content).toBe(
      "echo: stream me please",
    );
  });

  it("carries the upstream's cached prompt tokens to the client and into the trace's cacheRead, plain and streamed", async () => {
    fake.reply = { text: "cached", usage: { prompt_tokens: 2048, completion_tokens: 12, cached_tokens: 1536 } };
    const plain = await client.chat.completions.create({ model: "prod-gpt", messages: [{ role: "user", content: "again" }] });
    expect(plain.usage).toMatchObject({ prompt_tokens: 2048, total_tokens: 2060, prompt_tokens_details: { cached_tokens: 1536 } });

    const chunks = [];
    const stream = await client.chat.completions.create({
      model: "prod-gpt",
      messages: [{ role: "user", content: "again" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 2048, prompt_tokens_details: { cached_tokens: 1536 } });

    await expect.poll(() => traces.length).toBe(2);
    const expected = { input: 2048, output: 12, cacheRead: 1536, cacheCreation: 0, total: 2060 };
    expect(traces.map((t) => [t.streaming, t.usage])).toEqual([
      [false, expected],
      [true, expected],
    ]);
    expect(traces.map((t) => t.attempts[0].usage)).toEqual([expected, expected]);
  });

  it("sends the usage chunk last when stream_options.include_usage is set", async () => {
    const stream = await client.chat.completions.create({
      model: "prod-gpt",
      messages: [{ role: "user", content: "count" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks[chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 });
    expect(chunks.slice(0, -1).every((c) => !c.usage)).toBe(true);
  });

  it("round-trips tool calls, non-streaming and streaming", async () => {
    fake.reply = (body) =>
      body.messages.some((m: { role: string }) => m.role === "tool")
        ? { text: "It is 18C in Paris." }
        : { toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }] };
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
    ];
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris?" }];
    const first = await client.chat.completions.create({ model: "prod-gpt", messages, tools, tool_choice: "auto" });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe("tool_calls");
    expect(call).toMatchObject({ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } });
    expect(fake.lastRequest.body.tools).toEqual(tools);
    expect(fake.lastRequest.body.tool_choice).toBe("auto");

    const streamed = await client.chat.completions.create({ model: "prod-gpt", messages, tools, stream: true });
    let args = "";
    let name = "";
    for await (const chunk of streamed) {
      const tc = chunk.choices[0]?.delta?.tool_calls?.[0];
      if (tc?.function?.name) name = tc.function.name;
      args += tc?.function?.arguments ?? "";
    }
    expect(name).toBe("get_weather");
    expect(JSON.parse(args)).toEqual({ city: "Paris" });

    const second = await client.chat.completions.create({
      model: "prod-gpt",
      messages: [...messages, first.choices[0].message, { role: "tool", tool_call_id: "call_1", content: "18C" }],
      tools,
    });
    expect(second.choices[0].message.content).toBe("It is 18C in Paris.");
    expect(fake.lastRequest.body.messages[2]).toEqual({ role: "tool", tool_call_id: "call_1", content: "18C" });
  });
});

describe("response headers", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const duration = (headers: Headers) => Number(headers.get("x-gatehouse-duration-ms"));

  it("sets x-request-id (the trace id) and x-gatehouse-duration-ms on a stream, without an overhead figure", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: "prod-gpt", messages: [{ role: "user", content: "headers" }], stream: true })
      .withResponse();
    for await (const _chunk of stream) {
      // drain, so the trace is recorded
    }
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("x-request-id")).toMatch(UUID);
    expect(duration(response.headers)).toBeGreaterThan(0);
    expect(response.headers.get("x-gatehouse-overhead-ms")).toBeNull();
    await expect.poll(() => traces.length).toBe(1);
    expect(traces[0]).toMatchObject({ requestId: response.headers.get("x-request-id"), streaming: true, status: "ok" });
    // The head is sent once the first chunk arrived: its duration is at most the trace's latency.
    expect(duration(response.headers)).toBeLessThanOrEqual(traces[0].latencyMs);
  });

  it("sets them on errors: 404 model_not_found and 502 when every attempt failed (= the error trace's id)", async () => {
    const missing = await client.chat.completions.create({ model: "no-such-endpoint", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: "model_not_found" });
    expect(missing.headers.get("x-request-id")).toMatch(UUID);
    expect(duration(missing.headers)).toBeGreaterThan(0);
    expect(missing.requestID).toBe(missing.headers.get("x-request-id")); // what the SDK reports
    expect(traces).toHaveLength(0); // no endpoint, no trace

    setGatewayConfig([teamToken()], [endpoint("down", [target("openai", "gpt-4o-mini", fake.baseUrl, { apiKey: "sk-upstream" })], { maxAttempts: 1 })]);
    fake.switches.fail = { status: 500, message: "upstream down" };
    const failed = await client.chat.completions.create({ model: "down", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(failed).toMatchObject({ status: 502, code: "upstream_failed" });
    expect(failed.headers.get("x-request-id")).toMatch(UUID);
    expect(duration(failed.headers)).toBeGreaterThan(0);
    // Non-streaming answers, errors included, say how much of that was the gateway's own time.
    const overhead = Number(failed.headers.get("x-gatehouse-overhead-ms"));
    expect(overhead).toBeGreaterThanOrEqual(0);
    expect(overhead).toBeLessThanOrEqual(duration(failed.headers));
    expect(missing.headers.get("x-gatehouse-overhead-ms")).toMatch(/^\d+\.\d{3}$/);
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({ requestId: failed.headers.get("x-request-id"), status: "error", httpStatus: 502, errorType: "upstream_failed" });

    // A stream that fails before its first byte is an error response too.
    const streamFailed = await client.chat.completions
      .create({ model: "down", messages: [{ role: "user", content: "x" }], stream: true })
      .catch((e) => e);
    expect(streamFailed).toMatchObject({ status: 502, code: "upstream_failed" });
    expect(streamFailed.headers.get("x-request-id")).toBe(traces[1].requestId);
    expect(duration(streamFailed.headers)).toBeGreaterThan(0);
  });
});

describe("embeddings", () => {
  it("returns float vectors", async () => {
    const res = await client.embeddings.create({ model: "embed", input: ["a", "b"], encoding_format: "float" });
    expect(res.model).toBe("embed");
    expect(res.data.map((d) => d.embedding)).toEqual([fakeEmbedding(0), fakeEmbedding(1)]);
    expect(res.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
    expect(fake.lastRequest.body).toMatchObject({ model: "text-embedding-3-small", input: ["a", "b"] });
    expect(traces[0]).toMatchObject({ operation: "embeddings", usage: { input: 6, output: 0, total: 6 } });
  });

  it("returns base64 (the SDK's default encoding, decoded by the SDK)", async () => {
    const res = await client.embeddings.create({ model: "embed", input: "single" });
    expect(fake.lastRequest.body.encoding_format).toBe("base64");
    expect(res.data[0].embedding).toEqual(fakeEmbedding(0));
  });
});

describe("models and MLflow invocations", () => {
  it("lists the endpoints the token may use", async () => {
    const all = [];
    for await (const m of client.models.list()) all.push(m.id);
    expect(all).toEqual(["embed", "prod-gpt"]);

    setGatewayConfig([teamToken(TEAM_TOKEN, { endpoints: ["prod-gpt"] })], [
      endpoint("prod-gpt", [target("openai", "gpt-4o-mini", fake.baseUrl, { apiKey: "sk-upstream" })]),
      endpoint("other", [target("openai", "gpt-4o", fake.baseUrl, { apiKey: "sk-upstream" })]),
    ]);
    const limited = [];
    for await (const m of client.models.list()) limited.push(m);
    expect(limited).toEqual([{ id: "prod-gpt", object: "model", created: 1735689600, owned_by: "gatehouse" }]);
    expect((await client.models.retrieve("prod-gpt")).id).toBe("prod-gpt");
  });

  it("serves chat and embeddings on /gateway/{endpoint}/mlflow/invocations", async () => {
    const mlflow = new OpenAI({ baseURL: `${gw.url}/gateway`, apiKey: TEAM_TOKEN, maxRetries: 0 });
    const chat = await mlflow.post<OpenAI.Chat.Completions.ChatCompletion>("/prod-gpt/mlflow/invocations", {
      body: { messages: [{ role: "user", content: "from mlflow" }], temperature: 0.2 },
    });
    expect(chat.choices[0].message.content).toBe("echo: from mlflow");
    expect(fake.lastRequest.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0.2 });
    expect(traces[0].route).toBe("invocations");

    const emb = await mlflow.post<OpenAI.Embeddings.CreateEmbeddingResponse>("/embed/mlflow/invocations", { body: { input: ["x"] } });
    expect(emb.data[0].embedding).toEqual(fakeEmbedding(0));

    await expect(mlflow.post("/embed/mlflow/invocations", { body: { messages: [{ role: "user", content: "x" }] } })).rejects.toMatchObject({
      status: 400,
      code: "wrong_endpoint_kind",
    });
  });

  it("streams on /gateway/{endpoint}/mlflow/invocations with stream: true", async () => {
    const mlflow = new OpenAI({ baseURL: `${gw.url}/gateway`, apiKey: TEAM_TOKEN, maxRetries: 0 });
    const { data: stream, response } = await mlflow
      .post<Stream<OpenAI.Chat.Completions.ChatCompletionChunk>>("/prod-gpt/mlflow/invocations", {
        body: { messages: [{ role: "user", content: "stream from mlflow" }], stream: true, stream_options: { include_usage: true } },
        stream: true,
      })
      .withResponse();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("echo: stream from mlflow");
    expect(chunks.every((c) => c.model === "prod-gpt")).toBe(true);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(fake.lastRequest.body).toMatchObject({ model: "gpt-4o-mini", stream: true });

    await expect.poll(() => traces.length).toBe(1);
    expect(traces[0]).toMatchObject({
      requestId: response.headers.get("x-request-id"),
      route: "invocations",
      endpoint: "prod-gpt",
      streaming: true,
      status: "ok",
      usage: { input: 11, output: 5, total: 16 },
    });
    expect(payloadOf(traces[0].response).choices[0].message.content).toBe("echo: stream from mlflow");
  });
});
