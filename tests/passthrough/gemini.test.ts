// Gemini passthrough (/gateway/gemini) with the official @google/genai SDK as the client
// (httpOptions.baseUrl): generateContent, SSE streaming, embeddings (batchEmbedContents and
// embedContent), countTokens, the team token in x-goog-api-key or ?key= (never forwarded), fallback,
// a cut stream and provider mismatch — against the fake Gemini API.

import { ApiError, GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureGateway } from "../../lib/gateway/settings";
import { GeminiFake, vectorOf } from "../fakes/gemini";
import { endpoint, payloadOf, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";
import { expectNoSecret, expectNoTeamToken, TraceCollector } from "./trace-helpers";

const STORED = "AIza-stored-gemini-key-0000000001";

let gw: TestGateway;
let fake: GeminiFake;
let backup: GeminiFake;
let genai: GoogleGenAI;
const traces = new TraceCollector();

beforeAll(async () => {
  [fake, backup] = await Promise.all([new GeminiFake(STORED).start(), new GeminiFake(STORED).start()]);
  gw = await startGateway();
  genai = new GoogleGenAI({ apiKey: TEAM_TOKEN, httpOptions: { baseUrl: `${gw.url}/gateway/gemini` } });
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
  const gemini = (model: string, baseUrl = fake.url, opts = {}) => target("gemini", model, baseUrl, { apiKey: STORED, ...opts });
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("flash", [gemini("gemini-2.5-flash")]),
      endpoint("gemini-embed", [gemini("gemini-embedding-001")], { kind: "embeddings" }),
      endpoint("flash-fallback", [gemini("gemini-2.5-flash"), gemini("gemini-2.5-flash-lite", backup.url, { fallbackOrder: 0 })]),
      endpoint("gpt", [target("openai", "gpt-4o", "http://127.0.0.1:9")]),
    ],
  );
});

/** The gateway path the SDK used: the fake must see the same version and method. */
const modelPath = (url: string) => new URL(url, "http://x").pathname;

describe("gemini passthrough: generateContent", () => {
  it("generates content with the stored key; the team token never leaves", async () => {
    const response = await genai.models.generateContent({ model: "flash", contents: "Summarize this support ticket...", config: { temperature: 0.1 } });
    expect(response.text).toBe("echo: Summarize this support ticket...");
    const received = fake.lastRequest;
    expect(modelPath(received.url)).toMatch(/^\/v1(beta)?\/models\/gemini-2\.5-flash:generateContent$/);
    expect(received.headers["x-goog-api-key"]).toBe(STORED);
    expect(received.body.generationConfig).toEqual({ temperature: 0.1 });
    expectNoTeamToken(fake);
    const trace = await traces.single();
    expect(trace).toMatchObject({
      route: "passthrough-gemini",
      operation: "chat",
      provider: "gemini",
      model: "gemini-2.5-flash",
      status: "ok",
      usage: { input: 11, output: 6, total: 17 },
    });
    expect(payloadOf(trace.request)).toMatchObject({ contents: [{ parts: [{ text: "Summarize this support ticket..." }] }] });
    expect(payloadOf(trace.response)).toMatchObject({ responseId: response.responseId });
    expectNoSecret(trace, STORED);
  });

  it("accepts the team token as ?key= and strips it from the forwarded query", async () => {
    const res = await fetch(`${gw.url}/gateway/gemini/v1beta/models/flash:generateContent?key=${TEAM_TOKEN}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).candidates[0].content.parts[0].text).toBe("echo: hi");
    expect(fake.lastRequest.url).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(fake.lastRequest.headers["x-goog-api-key"]).toBe(STORED);
    expectNoTeamToken(fake);
  });

  it("streams as SSE, records the last usageMetadata and the assembled text", async () => {
    fake.reply = { text: "a streamed answer in several pieces", usage: { promptTokenCount: 20, candidatesTokenCount: 8, cachedContentTokenCount: 12, thoughtsTokenCount: 3 } };
    let text = "";
    for await (const chunk of await genai.models.generateContentStream({ model: "flash", contents: "go" })) text += chunk.text ?? "";
    expect(text).toBe("a streamed answer in several pieces");
    expect(new URL(fake.lastRequest.url, "http://x").searchParams.get("alt")).toBe("sse");
    const trace = await traces.single();
    expect(trace).toMatchObject({
      streaming: true,
      status: "ok",
      usage: { input: 20, output: 11, cacheRead: 12 },
      response: { candidates: [{ index: 0, content: { parts: [{ text }] }, finishReason: "STOP" }] },
    });
  });

  it("ends a cut stream with a Gemini error event and records the usage so far", async () => {
    fake.reply = { text: "x".repeat(80), usage: { promptTokenCount: 33, candidatesTokenCount: 10 } };
    fake.switches.eventDelayMs = 5;
    fake.switches.cutAfterEvents = 3;
    const error = await (async () => {
      for await (const _chunk of await genai.models.generateContentStream({ model: "flash", contents: "go" })) {
        // consume
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    const trace = await traces.single();
    expect(trace).toMatchObject({ status: "error", errorType: "stream_interrupted", usage: { input: 33, output: 10 } });
  });

  it("refuses streamGenerateContent without alt=sse", async () => {
    const res = await fetch(`${gw.url}/gateway/gemini/v1beta/models/flash:streamGenerateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": TEAM_TOKEN },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: 400,
      status: "INVALID_ARGUMENT",
      details: [{ reason: "unsupported_stream_format", metadata: { param: "alt" } }],
    });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("gemini passthrough: embeddings and countTokens", () => {
  it("embeds through the SDK (batchEmbedContents), the nested model names swapped", async () => {
    const res = await genai.models.embedContent({ model: "gemini-embed", contents: ["alpha", "beta"], config: { outputDimensionality: 4 } });
    expect(res.embeddings?.map((e) => e.values)).toEqual([vectorOf("alpha", 4), vectorOf("beta", 4)]);
    expect(modelPath(fake.lastRequest.url)).toMatch(/:batchEmbedContents$/);
    expect(fake.lastRequest.body.requests.map((r: { model: string }) => r.model)).toEqual(["models/gemini-embedding-001", "models/gemini-embedding-001"]);
    const trace = await traces.single();
    expect(trace).toMatchObject({ operation: "embeddings", status: "ok", response: { embeddings: [{ dimensions: 4 }, { dimensions: 4 }] } });
  });

  it("relays :embedContent", async () => {
    const res = await fetch(`${gw.url}/gateway/gemini/v1beta/models/gemini-embed:embedContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": TEAM_TOKEN },
      body: JSON.stringify({ model: "models/gemini-embed", content: { parts: [{ text: "gamma" }] }, outputDimensionality: 3 }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).embedding.values).toEqual(vectorOf("gamma", 3));
    expect(fake.lastRequest.body.model).toBe("models/gemini-embedding-001");
  });

  it("counts tokens (free: zero usage)", async () => {
    const res = await genai.models.countTokens({ model: "flash", contents: "one two three" });
    expect(res.totalTokens).toBe(3);
    expect(modelPath(fake.lastRequest.url)).toMatch(/models\/gemini-2\.5-flash:countTokens$/);
    expect(await traces.single()).toMatchObject({ operation: "count_tokens", usage: { input: 0, output: 0 } });
  });
});

describe("gemini passthrough: routing", () => {
  it("falls back to the next Gemini model on a 503", async () => {
    fake.switches.fail = { status: 503 };
    const response = await genai.models.generateContent({ model: "flash-fallback", contents: "hi" });
    expect(response.modelVersion).toBe("gemini-2.5-flash-lite");
    const trace = await traces.single();
    expect(trace.attempts.map((a) => [a.model, a.httpStatus])).toEqual([
      ["gemini-2.5-flash", 503],
      ["gemini-2.5-flash-lite", 200],
    ]);
  });

  it("relays a non-retryable upstream error in Gemini's format", async () => {
    const error = await genai.models.generateContent({ model: "flash", contents: "hi", config: { responseMimeType: "text/plain", responseJsonSchema: { type: "object" } } }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toContain("INVALID_ARGUMENT");
    expect(error.message).toContain("responseMimeType must be application/json");
  });

  it("answers 400 naming both providers for an OpenAI endpoint", async () => {
    const error = await genai.models.generateContent({ model: "gpt", contents: "hi" }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toContain("provider_mismatch");
    expect(error.message).toMatch(/openai.*gemini/);
  });

  it("rejects a request without a team token", async () => {
    const res = await fetch(`${gw.url}/gateway/gemini/v1beta/models/flash:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toContain("x-goog-api-key");
  });
});
