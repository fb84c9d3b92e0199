// Authentication, authorisation and request validation errors: OpenAI-shaped, stable type/code, and
// the server keeps serving afterwards.

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

const LIMITED = "gth_limitedToken00000000000000000000000000000002";
const EXPIRED = "gth_expiredToken00000000000000000000000000000003";
const REVOKED = "gth_revokedToken00000000000000000000000000000004";

let gw: TestGateway;
let fake: OpenAiFake;
let client: OpenAI;
const traces: GatewayTraceRecord[] = [];
const hi = [{ role: "user" as const, content: "hi" }];
const as = (apiKey: string) => new OpenAI({ baseURL: gw.baseURL, apiKey, maxRetries: 0 });

beforeAll(async () => {
  fake = await new OpenAiFake().start();
  gw = await startGateway();
  client = as(TEAM_TOKEN);
  setTraceSink((r) => traces.push(r));
});

afterAll(async () => {
  setTraceSink(null);
  await gw.close();
  await fake.close();
});

beforeEach(() => {
  traces.length = 0;
  setGatewayConfig(
    [
      teamToken(TEAM_TOKEN),
      teamToken(LIMITED, { endpoints: ["chat"] }),
      teamToken(EXPIRED, { expiresAt: new Date(Date.now() - 1000) }),
      teamToken(REVOKED, { revokedAt: new Date() }),
    ],
    [endpoint("chat", [target("openai", "gpt-4o", fake.baseUrl)]), endpoint("private", [target("openai", "gpt-4o", fake.baseUrl)]), endpoint("embed", [target("openai", "e", fake.baseUrl)], { kind: "embeddings" })],
  );
});

describe("authentication and authorisation", () => {
  it("rejects a wrong, expired or revoked token with 401", async () => {
    await expect(as("gth_wrong").chat.completions.create({ model: "chat", messages: hi })).rejects.toMatchObject({
      status: 401,
      type: "authentication_error",
      code: "invalid_api_key",
    });
    await expect(as(EXPIRED).chat.completions.create({ model: "chat", messages: hi })).rejects.toMatchObject({ status: 401, code: "expired_api_key" });
    await expect(as(REVOKED).chat.completions.create({ model: "chat", messages: hi })).rejects.toMatchObject({ status: 401, code: "revoked_api_key" });
  });

  it("rejects a request without a token", async () => {
    const res = await fetch(`${gw.baseURL}/models`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect((await res.json()).error).toMatchObject({ type: "authentication_error", code: "missing_api_key" });
  });

  it("accepts the token in x-api-key", async () => {
    const res = await fetch(`${gw.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "x-api-key": TEAM_TOKEN, "content-type": "application/json" },
      body: JSON.stringify({ model: "chat", messages: hi }),
    });
    expect(res.status).toBe(200);
  });

  it("answers 403 for an endpoint outside the token's allow-list and 404 for an unknown one", async () => {
    await expect(as(LIMITED).chat.completions.create({ model: "private", messages: hi })).rejects.toMatchObject({
      status: 403,
      type: "permission_error",
      code: "model_not_allowed",
    });
    await expect(client.chat.completions.create({ model: "nope", messages: hi })).rejects.toMatchObject({
      status: 404,
      type: "not_found_error",
      code: "model_not_found",
      param: "model",
    });
  });
});

describe("request validation", () => {
  it("rejects malformed JSON with 400", async () => {
    const err = await client
      .post("/chat/completions", { body: "{not json", headers: { "content-type": "application/json" } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: "invalid_json" });
  });

  it("names the offending parameter", async () => {
    await expect(client.chat.completions.create({ model: "chat", messages: [] })).rejects.toMatchObject({ status: 400, param: "messages" });
    await expect(
      client.chat.completions.create({ model: "chat", messages: [{ role: "wizard", content: "x" } as never] }),
    ).rejects.toMatchObject({ status: 400, param: "messages[0].role" });
    await expect(client.chat.completions.create({ model: "chat", messages: hi, temperature: 3 })).rejects.toMatchObject({
      status: 400,
      param: "temperature",
    });
    await expect(client.post("/chat/completions", { body: { messages: hi } })).rejects.toMatchObject({ status: 400, param: "model" });
    await expect(client.embeddings.create({ model: "embed", input: [] })).rejects.toMatchObject({
      status: 400,
      param: "input",
      message: expect.stringContaining("expected a string, a non-empty array of strings, or token ids"),
    });
    // Token ids are integers.
    await expect(client.embeddings.create({ model: "embed", input: [1.5, 2] })).rejects.toMatchObject({ status: 400, param: "input" });
  });

  it("rejects a chat request to an embeddings endpoint (and vice versa)", async () => {
    await expect(client.chat.completions.create({ model: "embed", messages: hi })).rejects.toMatchObject({
      status: 400,
      code: "wrong_endpoint_kind",
      message: expect.stringContaining("Endpoint 'embed' is an embeddings endpoint; it does not accept chat requests."),
    });
    await expect(client.embeddings.create({ model: "chat", input: "x" })).rejects.toMatchObject({
      status: 400,
      code: "wrong_endpoint_kind",
      message: expect.stringContaining("Endpoint 'chat' is a chat endpoint;"),
    });
  });

  it("validates x-gatehouse-metadata and records it with the caller", async () => {
    await expect(
      client.chat.completions.create({ model: "chat", messages: hi }, { headers: { "x-gatehouse-metadata": "{oops" } }),
    ).rejects.toMatchObject({ status: 400, param: "x-gatehouse-metadata" });
    traces.length = 0;
    await client.chat.completions.create(
      { model: "chat", messages: hi },
      { headers: { "x-gatehouse-metadata": '{"ticket":42}', "x-gatehouse-caller": "support-bot", traceparent: "00-abc-def-01" } },
    );
    expect(traces[0]).toMatchObject({ metadata: { ticket: 42 }, caller: "support-bot", traceparent: "00-abc-def-01" });
  });

  it("answers 404 for unknown routes and 405 for wrong methods", async () => {
    const unknown = await fetch(`${gw.baseURL}/completions`, { method: "POST", headers: { authorization: `Bearer ${TEAM_TOKEN}` } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("route_not_found");
    const wrong = await fetch(`${gw.baseURL}/chat/completions`, { headers: { authorization: `Bearer ${TEAM_TOKEN}` } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
  });

  it("rejects a body over the limit (32 MB by default) with 413 and keeps serving", async () => {
    const huge = "x".repeat(33 * 1024 * 1024);
    await expect(client.chat.completions.create({ model: "chat", messages: [{ role: "user", content: huge }] })).rejects.toMatchObject({
      status: 413,
      code: "request_too_large",
    });
    const ok = await client.chat.completions.create({ model: "chat", messages: hi });
    expect(ok.choices[0].message.content).toBe("echo: hi");
  }, 30_000);

  it("rejects an oversized chunked upload (no Content-Length) with 413", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(120);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${gw.baseURL}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEAM_TOKEN}`, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    const ok = await client.chat.completions.create({ model: "chat", messages: hi });
    expect(ok.choices[0].message.content).toBe("echo: hi");
  }, 30_000);
});
