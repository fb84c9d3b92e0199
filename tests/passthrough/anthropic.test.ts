// Anthropic passthrough (/gateway/anthropic) with the official @anthropic-ai/sdk as the client and
// the fake Anthropic Messages API upstream: plain and streamed messages (bytes relayed unchanged),
// prompt-caching usage in the trace, count_tokens, credential swap in both auth styles, fallback,
// native errors, mid-stream failures and provider mismatch.

import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureGateway } from "../../lib/gateway/settings";
import { AnthropicFake } from "../fakes/anthropic";
import { endpoint, payloadOf, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";
import { expectNoSecret, expectNoTeamToken, TraceCollector } from "./trace-helpers";

const STORED = "sk-ant-stored-primary-0000000001";
const STORED_B = "sk-ant-stored-backup-0000000002";
const WRONG = "sk-ant-stored-but-revoked-000003";

let gw: TestGateway;
let fake: AnthropicFake;
let backup: AnthropicFake;
let client: Anthropic;
const traces = new TraceCollector();
const ask = { max_tokens: 1024, messages: [{ role: "user" as const, content: "Summarize this support ticket..." }] };

beforeAll(async () => {
  [fake, backup] = await Promise.all([new AnthropicFake(STORED).start(), new AnthropicFake(STORED_B).start()]);
  gw = await startGateway();
  client = new Anthropic({ baseURL: `${gw.url}/gateway/anthropic`, apiKey: TEAM_TOKEN, maxRetries: 0 });
  traces.install();
});

afterAll(async () => {
  traces.uninstall();
  await gw.close();
  await Promise.all([fake.close(), backup.close()]);
});

beforeEach(() => {
  fake.reset();
  backup.reset();
  traces.clear();
  configureGateway({ firstByteTimeoutMs: 15_000 });
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("my-claude-endpoint", [target("anthropic", "claude-sonnet-4-5", fake.url, { apiKey: STORED })]),
      endpoint("claude-fallback", [
        target("anthropic", "claude-primary", fake.url, { apiKey: STORED }),
        target("anthropic", "claude-backup", backup.url, { apiKey: STORED_B, fallbackOrder: 0 }),
      ]),
      endpoint("claude-bad-key", [target("anthropic", "claude-sonnet-4-5", fake.url, { apiKey: WRONG })]),
      endpoint("mixed", [target("gemini", "gemini-2.5-flash", "http://127.0.0.1:9"), target("anthropic", "claude-haiku", fake.url, { apiKey: STORED, fallbackOrder: 0 })]),
      endpoint("flash", [target("gemini", "gemini-2.5-flash", "http://127.0.0.1:9")]),
      endpoint("mixed-split", [
        target("anthropic", "claude-a", fake.url, { apiKey: STORED, weight: 80 }),
        target("gemini", "gemini-2.5-flash", "http://127.0.0.1:9", { weight: 50 }),
        target("anthropic", "claude-b", fake.url, { apiKey: STORED, weight: 20 }),
      ]),
    ],
  );
});

describe("anthropic passthrough: messages", () => {
  it("serves the verbatim example: stored key in, team token out, model swapped", async () => {
    const { data: message, response } = await client.messages
      .create({ model: "my-claude-endpoint", ...ask }, { headers: { "anthropic-beta": "prompt-caching-2024-07-31" } })
      .withResponse();
    expect(message.content).toEqual([{ type: "text", text: "echo: Summarize this support ticket..." }]);
    expect(message.model).toBe("claude-sonnet-4-5");

    const received = fake.lastRequest;
    expect(received.url).toBe("/v1/messages");
    expect(received.body).toEqual({ model: "claude-sonnet-4-5", ...ask });
    // The installed SDK speaks API version 2026-10-21 with bearer auth: the stored key goes the same way.
    expect(received.headers["anthropic-version"]).toBe("2026-10-21");
    expect(received.headers.authorization).toBe(`Bearer ${STORED}`);
    expect(received.headers["x-api-key"]).toBeUndefined();
    expect(received.headers["anthropic-beta"]).toBe("prompt-caching-2024-07-31");
    expectNoTeamToken(fake);

    const trace = await traces.single();
    expect(response.headers.get("x-request-id")).toBe(trace.requestId);
    expect(response.headers.get("request-id")).toMatch(/^req_msg_fake/); // the provider's own id is forwarded
    expect(Number(response.headers.get("x-gatehouse-overhead-ms"))).toBeGreaterThanOrEqual(0);
    expect(trace).toMatchObject({
      route: "passthrough-anthropic",
      operation: "chat",
      endpoint: "my-claude-endpoint",
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      status: "ok",
      streaming: false,
      usage: { input: 12, output: 7, cacheRead: 0, cacheCreation: 0, total: 19 },
    });
    expect(payloadOf(trace.request)).toMatchObject({ model: "my-claude-endpoint", ...ask });
    expect(payloadOf(trace.response)).toMatchObject({ id: message.id, content: message.content });
    expectNoSecret(trace, STORED);
  });

  it("swaps an x-api-key team token (API version 2023-06-01) for an x-api-key stored key", async () => {
    const legacy = new Anthropic({
      baseURL: `${gw.url}/gateway/anthropic`,
      apiKey: null,
      defaultHeaders: { "x-api-key": TEAM_TOKEN, "anthropic-version": "2023-06-01" },
      maxRetries: 0,
    });
    // `stop_sequences` is an Anthropic-native field: it must reach the provider unchanged.
    const message = await legacy.messages.create({ model: "my-claude-endpoint", ...ask, stop_sequences: ["END"] });
    expect(message.content[0]).toMatchObject({ text: "echo: Summarize this support ticket..." });
    expect(fake.lastRequest.headers["x-api-key"]).toBe(STORED);
    expect(fake.lastRequest.headers.authorization).toBeUndefined();
    expect(fake.lastRequest.headers["anthropic-version"]).toBe("2023-06-01");
    expect(fake.lastRequest.body.stop_sequences).toEqual(["END"]);
    expectNoTeamToken(fake);
  });

  it("counts tokens through /v1/messages/count_tokens (free: zero usage)", async () => {
    const count = await client.messages.countTokens({ model: "my-claude-endpoint", messages: ask.messages });
    expect(count.input_tokens).toBeGreaterThan(0);
    expect(fake.lastRequest.url).toBe("/v1/messages/count_tokens");
    expect(fake.lastRequest.body.model).toBe("claude-sonnet-4-5");
    const trace = await traces.single();
    expect(trace).toMatchObject({ operation: "count_tokens", status: "ok", usage: { input: 0, output: 0, total: 0 }, response: count });
  });

  it("relays an upstream 4xx in Anthropic's own error format", async () => {
    const error = await client.messages.create({ model: "my-claude-endpoint", max_tokens: 10, messages: [{ role: "user", content: "" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error).toEqual({ type: "error", error: { type: "invalid_request_error", message: "messages.0: user messages must have non-empty content" } });
    const trace = await traces.single();
    expect(trace).toMatchObject({ status: "error", httpStatus: 400, errorType: "upstream_client_error" });
    expect(error.headers.get("x-request-id")).toBe(trace.requestId);
  });

  it("answers 502 without the provider's text when the stored key is rejected, and never leaks it", async () => {
    const error = await client.messages.create({ model: "claude-bad-key", ...ask }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error.status).toBe(502);
    expect(error.error.error).toMatchObject({ code: "upstream_auth_failed" });
    expectNoSecret(error.error, WRONG);
    const trace = await traces.single();
    expect(trace.errorType).toBe("upstream_auth_failed");
    expectNoSecret(trace, WRONG);
  });
});

describe("anthropic passthrough: streaming", () => {
  it("relays the event stream byte for byte and records prompt-caching usage", async () => {
    fake.reply = {
      text: "A cached answer.",
      usage: { input_tokens: 10, cache_read_input_tokens: 2000, cache_creation_input_tokens: 300, output_tokens: 40 },
    };
    const body = { ...ask, stream: true };
    const direct = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": STORED, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ ...body, model: "claude-sonnet-4-5" }),
    }).then((r) => r.text());
    const relayed = await fetch(`${gw.url}/gateway/anthropic/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": TEAM_TOKEN, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ ...body, model: "my-claude-endpoint" }),
    });
    expect(relayed.headers.get("content-type")).toBe("text/event-stream");
    const normalise = (text: string) => text.replace(/msg_fake\d+/g, "msg_ID");
    expect(normalise(await relayed.text())).toBe(normalise(direct));

    const trace = await traces.single();
    expect(trace).toMatchObject({
      status: "ok",
      streaming: true,
      usage: { input: 2310, output: 40, cacheRead: 2000, cacheCreation: 300, total: 2350 },
      response: { type: "message", content: [{ type: "text", text: "A cached answer." }], stop_reason: "end_turn" },
    });
    expect(trace.ttftMs).not.toBeNull();
  });

  it("streams to the SDK, tool use included, with the final message assembled in the trace", async () => {
    fake.reply = { text: "Checking.", toolUses: [{ id: "toolu_1", name: "get_weather", input: { city: "Paris" } }] };
    const stream = client.messages.stream({
      model: "my-claude-endpoint",
      ...ask,
      tools: [{ name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
    });
    const final = await stream.finalMessage();
    expect(final.content).toMatchObject([
      { type: "text", text: "Checking." },
      { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
    ]);
    expect(final.stop_reason).toBe("tool_use");
    const trace = await traces.single();
    expect(trace.response).toMatchObject({
      content: [{ type: "text", text: "Checking." }, { type: "tool_use", name: "get_weather", input: { city: "Paris" } }],
      stop_reason: "tool_use",
      usage: { input_tokens: 12, output_tokens: 7 },
    });
  });

  it("ends a stream cut mid-way with an Anthropic error event and records the partial usage", async () => {
    fake.reply = { text: "a long answer that will not arrive in full", usage: { input_tokens: 50, cache_read_input_tokens: 1000 } };
    fake.switches.cutAfterEvents = 4;
    fake.switches.eventDelayMs = 5; // the first events reach the client before the failure
    const stream = client.messages.stream({ model: "my-claude-endpoint", ...ask });
    const error = await stream.finalMessage().catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error.error).toMatchObject({ type: "error", error: { type: "api_error" } });
    const trace = await traces.single();
    expect(trace).toMatchObject({
      status: "error",
      httpStatus: 502,
      errorType: "stream_interrupted",
      // message_start's usage: the prompt (with cache reads) and the first output token.
      usage: { input: 1050, output: 1, cacheRead: 1000 },
    });
    expect(trace.attempts.at(-1)).toMatchObject({ status: "error", usage: { input: 1050 } });
  });

  it("treats a clean close before message_stop as an error too", async () => {
    fake.switches.endAfterEvents = 5;
    fake.switches.eventDelayMs = 5; // the first events reach the client before the failure
    const error = await client.messages.stream({ model: "my-claude-endpoint", ...ask }).finalMessage().catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const trace = await traces.single();
    expect(trace).toMatchObject({ status: "error", errorType: "stream_interrupted" });
  });

  it("relays the provider's own in-stream error as-is and records it", async () => {
    fake.switches.errorAfterEvents = 3;
    fake.switches.eventDelayMs = 5; // the first events reach the client before the failure
    const error = await client.messages.stream({ model: "my-claude-endpoint", ...ask }).finalMessage().catch((e) => e);
    expect(error.error).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    const trace = await traces.single();
    expect(trace).toMatchObject({ status: "error", errorType: "upstream_stream_error", errorMessage: expect.stringContaining("Overloaded") });
  });
});

describe("anthropic passthrough: routing", () => {
  it("falls back to the next model of the endpoint on a 500", async () => {
    fake.switches.fail = { status: 500 };
    const message = await client.messages.create({ model: "claude-fallback", ...ask });
    expect(message.model).toBe("claude-backup");
    expect(backup.lastRequest.headers.authorization).toBe(`Bearer ${STORED_B}`);
    const trace = await traces.single();
    expect(trace.attempts.map((a) => [a.model, a.status, a.httpStatus])).toEqual([
      ["claude-primary", "error", 500],
      ["claude-backup", "ok", 200],
    ]);
  });

  it("falls over before the first byte when a stream opens with an error event", async () => {
    fake.switches.errorAfterEvents = 0;
    const final = await client.messages.stream({ model: "claude-fallback", ...ask }).finalMessage();
    expect(final.model).toBe("claude-backup");
    const trace = await traces.single();
    expect(trace).toMatchObject({ status: "ok", model: "claude-backup", streaming: true });
    expect(trace.attempts[0]).toMatchObject({ model: "claude-primary", status: "error" });
  });

  it("cancels a plain upstream call when the client disconnects, without falling over", async () => {
    fake.switches.hang = true;
    const controller = new AbortController();
    const pending = client.messages.create({ model: "claude-fallback", ...ask }, { signal: controller.signal }).catch((e: unknown) => e);
    await expect.poll(() => fake.requests.length).toBe(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(Anthropic.APIUserAbortError);
    await expect.poll(() => fake.abandoned, { timeout: 2_000 }).toBe(1);
    const trace = await traces.single();
    expect(trace).toMatchObject({ status: "error", httpStatus: 499, errorType: "client_closed_request" });
    expect(backup.requests).toHaveLength(0);
  });

  it("uses only the endpoint's Anthropic models on this route", async () => {
    const message = await client.messages.create({ model: "mixed", ...ask });
    expect(message.model).toBe("claude-haiku");
  });

  it("splits traffic among the endpoint's Anthropic models by their own weights (80/20 over 600 calls, ±5%)", async () => {
    // A Gemini model drawn for the unified API must not hand its share to the next Anthropic model.
    const counts = new Map<string, number>();
    for (let i = 0; i < 600; i++) {
      const message = await client.messages.create({ model: "mixed-split", ...ask });
      counts.set(message.model, (counts.get(message.model) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["claude-a", "claude-b"]);
    expect((counts.get("claude-a") as number) / 600).toBeGreaterThan(0.75);
    expect((counts.get("claude-a") as number) / 600).toBeLessThan(0.85);
  });

  it("answers 400 naming both providers when the endpoint is not an Anthropic one", async () => {
    const error = await client.messages.create({ model: "flash", ...ask }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error.type).toBe("error"); // Anthropic's error shape: {"type": "error", "error": {...}}
    expect(error.error.error).toMatchObject({ type: "invalid_request_error", code: "provider_mismatch" });
    expect(error.error.error.message).toContain("gemini");
    expect(error.error.error.message).toContain("anthropic");
    expect(fake.requests).toHaveLength(0);
  });

  it("rejects a wrong team token with 401 before anything is sent upstream", async () => {
    const stranger = new Anthropic({ baseURL: `${gw.url}/gateway/anthropic`, apiKey: "gth_not-a-real-token", maxRetries: 0 });
    const error = await stranger.messages.create({ model: "my-claude-endpoint", ...ask }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(fake.requests).toHaveLength(0);
  });
});
