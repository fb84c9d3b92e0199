// OpenAI passthrough (/gateway/openai/v1) with the official `openai` SDK as the client: chat
// completions (plain, streamed with and without include_usage), embeddings, the Responses API
// (plain, streamed events, the stream helper, a cut stream), Azure and OpenAI-compatible targets,
// fallback and provider mismatch — against the fake OpenAI server.

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureGateway } from "../../lib/gateway/settings";
import { OpenAiFake } from "../fakes/openai";
import { endpoint, payloadOf, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";
import { expectNoSecret, expectNoTeamToken, TraceCollector } from "./trace-helpers";

const STORED = "sk-openai-stored-key-000000000001";
const AZURE_KEY = "azure-stored-key-00000000000002";

let gw: TestGateway;
let fake: OpenAiFake;
let backup: OpenAiFake;
let azure: OpenAiFake;
let client: OpenAI;
const traces = new TraceCollector();
const hi = [{ role: "user" as const, content: "Summarize this support ticket..." }];

beforeAll(async () => {
  [fake, backup, azure] = await Promise.all([
    new OpenAiFake("openai", STORED).start(),
    new OpenAiFake("openai", STORED).start(),
    new OpenAiFake("azure", AZURE_KEY).start(),
  ]);
  gw = await startGateway();
  client = new OpenAI({ baseURL: `${gw.url}/gateway/openai/v1`, apiKey: TEAM_TOKEN, maxRetries: 0 });
  traces.install();
});

afterAll(async () => {
  traces.uninstall();
  await gw.close();
  await Promise.all([fake.close(), backup.close(), azure.close()]);
});

beforeEach(() => {
  for (const f of [fake, backup, azure]) f.reset();
  traces.clear();
  configureGateway({ firstByteTimeoutMs: 15_000 });
  const gpt = (model: string, baseUrl = fake.baseUrl, opts = {}) => target("openai", model, baseUrl, { apiKey: STORED, ...opts });
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("gpt", [gpt("gpt-4o", fake.baseUrl, { config: { organization: "org-stored" } })]),
      endpoint("embed", [gpt("text-embedding-3-small")], { kind: "embeddings" }),
      endpoint("gpt-fallback", [gpt("gpt-primary"), gpt("gpt-backup", backup.baseUrl, { fallbackOrder: 0 })]),
      endpoint("on-azure", [target("azure", "gpt-4o", azure.baseUrl, { apiKey: AZURE_KEY, config: { deployment: "gpt4o-prod" } })]),
      endpoint("self-hosted", [target("openai-compatible", "llama-3", fake.baseUrl, { apiKey: STORED })]),
      endpoint("claude", [target("anthropic", "claude-sonnet-4-5", "http://127.0.0.1:9")]),
    ],
  );
});

describe("openai passthrough: chat completions", () => {
  it("relays a plain completion with the stored key and the provider model", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: "gpt", messages: hi, temperature: 0.3, seed: 7 }, { headers: { "OpenAI-Organization": "org-caller" } })
      .withResponse();
    expect(data.choices[0].message.content).toBe("echo: Summarize this support ticket...");
    expect(data.model).toBe("gpt-4o");
    const received = fake.lastRequest;
    expect(received.body).toEqual({ model: "gpt-4o", messages: hi, temperature: 0.3, seed: 7 });
    expect(received.headers.authorization).toBe(`Bearer ${STORED}`);
    expect(received.headers["openai-organization"]).toBe("org-stored"); // the secret's, not the caller's
    expectNoTeamToken(fake);
    const trace = await traces.single();
    expect(response.headers.get("x-request-id")).toBe(trace.requestId);
    expect(response.headers.get("x-upstream-request-id")).toBe(`req_${data.id}`);
    expect(trace).toMatchObject({
      route: "passthrough-openai",
      operation: "chat",
      provider: "openai",
      model: "gpt-4o",
      status: "ok",
      usage: { input: 11, output: 5, total: 16 },
    });
    expect(payloadOf(trace.request)).toMatchObject({ model: "gpt" });
    expect(payloadOf(trace.response)).toMatchObject({ id: data.id });
    expectNoSecret(trace, STORED);
  });

  it("streams without a usage chunk the client did not ask for, yet records usage", async () => {
    const stream = await client.chat.completions.create({ model: "gpt", messages: hi, stream: true });
    let text = "";
    for await (const chunk of stream) {
      expect(chunk.choices).toHaveLength(1);
      expect("usage" in chunk).toBe(false); // the `"usage": null` that include_usage adds is removed too
      text += chunk.choices[0].delta.content ?? "";
    }
    expect(text).toBe("echo: Summarize this support ticket...");
    expect(fake.lastRequest.body.stream_options).toEqual({ include_usage: true });
    const trace = await traces.single();
    expect(trace).toMatchObject({
      status: "ok",
      streaming: true,
      usage: { input: 11, output: 5 },
      response: { choices: [{ message: { content: text }, finish_reason: "stop" }] },
    });
  });

  it("relays the usage chunk when the client asked for it", async () => {
    const stream = await client.chat.completions.create({ model: "gpt", messages: hi, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 11, completion_tokens: 5 } });
    expect((await traces.single()).usage).toMatchObject({ input: 11, output: 5 });
  });

  it("ends a cut stream with an error the SDK raises", async () => {
    fake.switches.eventDelayMs = 5;
    fake.switches.cutAfterEvents = 3;
    const stream = await client.chat.completions.create({ model: "gpt", messages: hi, stream: true });
    const error = await (async () => {
      for await (const _chunk of stream) {
        // consume
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.message).toContain("Upstream stream failed");
    expect(await traces.single()).toMatchObject({ status: "error", errorType: "stream_interrupted" });
  });
});

describe("openai passthrough: embeddings", () => {
  it("relays embeddings and keeps their shape (not the vectors) in the trace", async () => {
    const res = await client.embeddings.create({ model: "embed", input: ["a", "b"] });
    expect(res.data.map((d) => d.embedding.length)).toEqual([4, 4]);
    expect(fake.lastRequest.body.model).toBe("text-embedding-3-small");
    const trace = await traces.single();
    expect(trace).toMatchObject({ operation: "embeddings", usage: { input: 6, output: 0 } });
    // The SDK asks for base64 vectors: the trace keeps their size only.
    expect(trace.response).toMatchObject({ data: [{ index: 0, base64Bytes: 24 }, { index: 1, base64Bytes: 24 }] });
    expect((trace.response as { data: object[] }).data[0]).not.toHaveProperty("embedding");
  });
});

describe("openai passthrough: Responses API", () => {
  it("creates a response", async () => {
    fake.responsesReply = { text: "A summary.", usage: { input_tokens: 30, cached_tokens: 20, output_tokens: 4 } };
    const response = await client.responses.create({ model: "gpt", input: "Summarize this support ticket...", instructions: "Be brief." });
    expect(response.output_text).toBe("A summary.");
    expect(fake.lastRequest.url).toBe("/v1/responses");
    expect(fake.lastRequest.body).toEqual({ model: "gpt-4o", input: "Summarize this support ticket...", instructions: "Be brief." });
    expect(await traces.single()).toMatchObject({
      operation: "chat",
      usage: { input: 30, output: 4, cacheRead: 20, total: 34 },
      response: { id: response.id, status: "completed" },
    });
  });

  it("relays the streaming events in order and records usage from response.completed", async () => {
    fake.responsesReply = { text: "Streamed summary here.", usage: { input_tokens: 40, cached_tokens: 32, output_tokens: 9 } };
    const stream = await client.responses.create({ model: "gpt", input: [{ role: "user", content: "hi" }], stream: true });
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    expect(text).toBe("Streamed summary here.");
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(types).toEqual(expect.arrayContaining(["response.output_item.added", "response.content_part.added", "response.output_text.done", "response.output_item.done"]));
    const trace = await traces.single();
    expect(trace).toMatchObject({
      streaming: true,
      status: "ok",
      usage: { input: 40, output: 9, cacheRead: 32 },
      response: { status: "completed", output: [{ content: [{ text: "Streamed summary here." }] }] },
    });
  });

  it("works with the SDK's stream helper", async () => {
    const final = await client.responses.stream({ model: "gpt", input: "ping" }).finalResponse();
    expect(final.output_text).toBe("echo: ping");
  });

  it("ends a cut Responses stream with an `error` event the SDK raises", async () => {
    fake.switches.eventDelayMs = 5;
    fake.switches.cutAfterEvents = 5;
    const stream = await client.responses.create({ model: "gpt", input: "a long one", stream: true });
    const error = await (async () => {
      for await (const _event of stream) {
        // consume
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(await traces.single()).toMatchObject({ status: "error", errorType: "stream_interrupted", usage: null });
  });
});

describe("openai passthrough: providers and routing", () => {
  it("serves Azure endpoints on deployment URLs with the stored api-key", async () => {
    const completion = await client.chat.completions.create({ model: "on-azure", messages: hi });
    expect(completion.choices[0].message.content).toBe("echo: Summarize this support ticket...");
    const received = azure.lastRequest;
    expect(received.url).toBe("/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21");
    expect(received.headers["api-key"]).toBe(AZURE_KEY);
    expect(received.headers.authorization).toBeUndefined();
    expect(received.body.model).toBeUndefined();
    expectNoTeamToken(azure);

    const response = await client.responses.create({ model: "on-azure", input: "hello" });
    expect(response.output_text).toBe("echo: hello");
    expect(azure.lastRequest.url).toBe("/openai/v1/responses");
    expect(azure.lastRequest.body.model).toBe("gpt4o-prod");
  });

  it("serves OpenAI-compatible endpoints on their base URL", async () => {
    const completion = await client.chat.completions.create({ model: "self-hosted", messages: hi });
    expect(completion.model).toBe("llama-3");
  });

  it("falls back to the next OpenAI model on a 429", async () => {
    fake.switches.fail = { status: 429, retryAfterSeconds: 30 };
    const completion = await client.chat.completions.create({ model: "gpt-fallback", messages: hi });
    expect(completion.model).toBe("gpt-backup");
    const trace = await traces.single();
    expect(trace.attempts.map((a) => a.httpStatus)).toEqual([429, 200]);
  });

  it("answers 400 naming both providers for an Anthropic endpoint", async () => {
    const error = await client.chat.completions.create({ model: "claude", messages: hi }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("provider_mismatch");
    expect(error.message).toMatch(/anthropic.*openai/);
  });

  it("answers 400 for an embeddings request on a chat endpoint", async () => {
    const error = await client.embeddings.create({ model: "gpt", input: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("wrong_endpoint_kind");
  });
});
