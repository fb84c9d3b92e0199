// Gateway-made errors on /gateway/gemini in Google's error shape ({"error": {"code": <HTTP status>,
// "message", "status": <google.rpc.Code>, "details": [ErrorInfo with our code as `reason`]}}), as
// @google/genai raises them (ApiError: `status`, `message` = the JSON body), and the last attempt's
// Retry-After when every attempt failed.

import { ApiError, GoogleGenAI } from "@google/genai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureGateway, gatewaySettings } from "../../lib/gateway/settings";
import { GeminiFake } from "../fakes/gemini";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

const STORED = "AIza-stored-gemini-errors-000001";
const LIMITED = "gth_limitedGeminiToken000000000000000000000000003";
const DEFAULT_LIMIT = gatewaySettings().maxBodyBytes;
const ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

let gw: TestGateway;
let fake: GeminiFake;
let genai: GoogleGenAI;

const sdk = (apiKey: string) => new GoogleGenAI({ apiKey, httpOptions: { baseUrl: `${gw.url}/gateway/gemini` } });

/** The SDK's error for a generateContent call, with the response body it carries as its message. */
async function failure(call: Promise<unknown>): Promise<{ status: number; body: any }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  return { status: apiError.status, body: JSON.parse(apiError.message) };
}

const generate = (client: GoogleGenAI, model: string, contents = "hi") => client.models.generateContent({ model, contents });

beforeAll(async () => {
  fake = await new GeminiFake(STORED).start();
  gw = await startGateway();
  genai = sdk(TEAM_TOKEN);
});

afterAll(async () => {
  await gw.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  const gemini = (model: string) => target("gemini", model, fake.url, { apiKey: STORED });
  setGatewayConfig(
    [teamToken(), teamToken(LIMITED, { endpoints: ["flash"] })],
    [
      endpoint("flash", [gemini("gemini-2.5-flash")]),
      endpoint("other-flash", [gemini("gemini-2.5-flash")]),
      endpoint("gemini-embed", [gemini("gemini-embedding-001")], { kind: "embeddings" }),
      endpoint("flash-quick-timeout", [gemini("gemini-2.5-flash")], { timeoutMs: 300, maxAttempts: 1 }),
      endpoint("gpt", [target("openai", "gpt-4o", "http://127.0.0.1:9")]),
      // An endpoint named like the route keeps the core's invocations route (and OpenAI's shape).
      endpoint("gemini", [gemini("gemini-2.5-flash")]),
    ],
  );
});

afterEach(() => configureGateway({ maxBodyBytes: DEFAULT_LIMIT }));

describe("gemini passthrough: gateway errors in Google's shape", () => {
  it("a provider mismatch is a 400 INVALID_ARGUMENT naming both providers, our code in ErrorInfo", async () => {
    const { status, body } = await failure(generate(genai, "gpt"));
    expect(status).toBe(400);
    expect(body.error).toEqual({
      code: 400,
      message: expect.stringMatching(/Endpoint 'gpt' routes to provider 'openai'.*\/gateway\/gemini relays only to 'gemini'/),
      status: "INVALID_ARGUMENT",
      details: [{ "@type": ERROR_INFO, reason: "provider_mismatch", domain: "gatehouse", metadata: { type: "invalid_request_error", param: "model" } }],
    });
    expect(fake.requests).toHaveLength(0);
  });

  it("a wrong team token is a 401 UNAUTHENTICATED", async () => {
    const { status, body } = await failure(generate(sdk("gth_notARealToken0000000000000000000000000000000"), "flash"));
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 401, message: "Invalid API key.", status: "UNAUTHENTICATED", details: [{ reason: "invalid_api_key", domain: "gatehouse" }] });
    expect(fake.requests).toHaveLength(0);
  });

  it("a missing team token is a 401 naming where to send it", async () => {
    const res = await fetch(`${gw.url}/gateway/gemini/v1beta/models/flash:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
    });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 401, status: "UNAUTHENTICATED", details: [{ reason: "missing_api_key" }] });
    expect(body.error.message).toContain("x-goog-api-key");
  });

  it("an unknown endpoint is a 404 NOT_FOUND, one the token may not use a 403 PERMISSION_DENIED", async () => {
    const missing = await failure(generate(genai, "no-such-endpoint"));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 404, status: "NOT_FOUND", details: [{ reason: "model_not_found" }] });
    const denied = await failure(generate(sdk(LIMITED), "other-flash"));
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 403, status: "PERMISSION_DENIED" });
  });

  it("a body over the limit is a 413 INVALID_ARGUMENT", async () => {
    configureGateway({ maxBodyBytes: 1024 });
    const { status, body } = await failure(generate(genai, "flash", "x".repeat(4096)));
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 413, status: "INVALID_ARGUMENT", details: [{ reason: "request_too_large" }] });
  });

  it("a chat call on an embeddings endpoint is a 400 naming the endpoint kind", async () => {
    const { status, body } = await failure(generate(genai, "gemini-embed"));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ status: "INVALID_ARGUMENT", details: [{ reason: "wrong_endpoint_kind" }] });
  });

  it("an API the gateway does not relay (models.list) is a 404 NOT_FOUND", async () => {
    const error = await genai.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect(JSON.parse((error as ApiError).message).error).toMatchObject({ code: 404, status: "NOT_FOUND", details: [{ reason: "route_not_found" }] });
  });

  it("every attempt failing is a 503 UNAVAILABLE carrying the last attempt's Retry-After", async () => {
    fake.switches.fail = { status: 503, retryAfterSeconds: 30 };
    const res = await fetch(`${gw.url}/gateway/gemini/v1beta/models/flash:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": TEAM_TOKEN },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 503, status: "UNAVAILABLE", details: [{ reason: "upstream_unavailable" }] });
    const viaSdk = await failure(generate(genai, "flash"));
    expect(viaSdk.status).toBe(503);
    expect(viaSdk.body.error.status).toBe("UNAVAILABLE");
  });

  it("an upstream timeout is a 504 DEADLINE_EXCEEDED", async () => {
    fake.switches.hang = true;
    const { status, body } = await failure(generate(genai, "flash-quick-timeout"));
    expect(status).toBe(504);
    expect(body.error).toMatchObject({ code: 504, status: "DEADLINE_EXCEEDED", details: [{ reason: "upstream_timeout" }] });
  });

  it("the provider's own error is still relayed as the provider sent it", async () => {
    fake.switches.fail = { status: 400, message: "Invalid JSON payload received." };
    const { status, body } = await failure(generate(genai, "flash"));
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 400, message: "Invalid JSON payload received.", status: "INVALID_ARGUMENT" } });
  });

  it("leaves /gateway/gemini/mlflow/invocations (an endpoint named 'gemini') in OpenAI's shape", async () => {
    const res = await fetch(`${gw.url}/gateway/gemini/mlflow/invocations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer gth_notARealToken0000000000000000000000000000000" },
      body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({ type: "authentication_error" });
  });
});
