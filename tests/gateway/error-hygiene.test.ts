// What gateway errors tell team applications, and what only the trace keeps. The caller reads which
// targets were tried (endpoint model and provider) and the kind of failure — connection refused or
// reset, a TLS error, the gateway's own configuration — never the internal upstream address, the URL
// path or why a secret is unusable; the trace records the full text. Hints: an admin API token on the
// gateway is told to use a team token; an unknown endpoint points at GET /gateway/mlflow/v1/models.
// Unified API (OpenAI SDK) and passthrough routes (Anthropic SDK, @google/genai).

import { createServer as createNetServer, type Server as NetServer } from "node:net";
import type { AddressInfo } from "node:net";
import Anthropic from "@anthropic-ai/sdk";
import { ApiError, GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { networkErrorKind } from "../../lib/gateway/failure-text";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { GeminiFake } from "../fakes/gemini";
import { OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

const REFUSED = "Could not connect to the upstream provider (openai): connection refused";
const hi = [{ role: "user" as const, content: "hi" }];

let gw: TestGateway;
let fake: OpenAiFake;
let gemini: GeminiFake;
let client: OpenAI;
let resetServer: NetServer;
/** http://127.0.0.1:<port>/internal/v1 where nothing listens. */
let refusedUrl = "";
let refusedPort = 0;
let resetUrl = "";
const traces: GatewayTraceRecord[] = [];

/** The internals no caller may read about the refused upstream. */
function expectNoAddress(text: string): void {
  for (const internal of ["127.0.0.1", String(refusedPort), "ECONNREFUSED", "/internal"]) expect(text).not.toContain(internal);
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  [fake, gemini] = await Promise.all([new OpenAiFake("openai", "sk-upstream").start(), new GeminiFake("AIza-hygiene-000001").start()]);
  refusedPort = await freePort();
  refusedUrl = `http://127.0.0.1:${refusedPort}/internal/v1`;
  // Accepts the connection, reads the request, and resets it.
  resetServer = createNetServer((socket) => socket.once("data", () => socket.resetAndDestroy()));
  await new Promise<void>((resolve) => resetServer.listen(0, "127.0.0.1", resolve));
  resetUrl = `http://127.0.0.1:${(resetServer.address() as AddressInfo).port}/internal/v1`;
  gw = await startGateway();
  client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
  setTraceSink((r) => traces.push(r));
});

afterAll(async () => {
  setTraceSink(null);
  await gw.close();
  await Promise.all([fake.close(), gemini.close(), new Promise((resolve) => resetServer.close(resolve))]);
});

beforeEach(() => {
  fake.reset();
  gemini.reset();
  traces.length = 0;
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("down", [target("openai", "gpt-4o", refusedUrl)], { maxAttempts: 1 }),
      endpoint("mixed", [target("openai", "gpt-4o", refusedUrl), target("openai", "gpt-4o-mini", fake.baseUrl, { apiKey: "sk-upstream", fallbackOrder: 0 })], {
        maxAttempts: 2,
      }),
      endpoint("reset", [target("openai", "gpt-4o", resetUrl)], { maxAttempts: 1 }),
      endpoint("tls", [target("openai", "gpt-4o", fake.baseUrl.replace("http://", "https://"))], { maxAttempts: 1 }),
      endpoint("claude-down", [target("anthropic", "claude-sonnet-4-5", refusedUrl)], { maxAttempts: 1 }),
      endpoint("flash-no-key", [target("gemini", "gemini-2.5-flash", gemini.url, { apiKey: "" })], { maxAttempts: 1 }),
      endpoint("prod-gpt", [target("openai", "gpt-4o-mini", fake.baseUrl, { apiKey: "sk-upstream" })]),
    ],
  );
});

describe("connection errors", () => {
  it("connection refused: the caller reads the provider and the kind, the trace keeps the address (plain and streamed)", async () => {
    const err = await client.chat.completions.create({ model: "down", messages: hi }).catch((e) => e);
    expect(err).toMatchObject({ status: 502, type: "upstream_error", code: "upstream_failed" });
    expect(err.error.message).toBe(`All 1 attempt(s) for 'down' failed: openai/gpt-4o: ${REFUSED}`);
    expect(err.error.attempts).toEqual([{ provider: "openai", model: "gpt-4o", status: null, error: REFUSED }]);
    expectNoAddress(JSON.stringify(err.error));

    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({ requestId: err.headers.get("x-request-id"), status: "error", httpStatus: 502, errorType: "upstream_failed" });
    expect(traces[0].errorMessage).toContain(`openai/gpt-4o: Upstream connection failed: connect ECONNREFUSED 127.0.0.1:${refusedPort}`);
    expect(traces[0].attempts[0].error).toContain(`ECONNREFUSED 127.0.0.1:${refusedPort}`);
    // The trace's response is what the caller received.
    expectNoAddress(traces[0].response as string);

    const streamed = await client.chat.completions.create({ model: "down", messages: hi, stream: true }).catch((e) => e);
    expect(streamed).toMatchObject({ status: 502, code: "upstream_failed" });
    expect(streamed.error.message).toBe(`All 1 attempt(s) for 'down' failed: openai/gpt-4o: ${REFUSED}`);
    expect(traces[1].attempts[0].error).toContain(`ECONNREFUSED 127.0.0.1:${refusedPort}`);
  });

  it("keeps naming every target tried and why when all fail", async () => {
    fake.switches = { fail: { status: 500, message: "upstream down" } };
    const err = await client.chat.completions.create({ model: "mixed", messages: hi }).catch((e) => e);
    expect(err).toMatchObject({ status: 502, code: "upstream_failed" });
    expect(err.error.message).toBe(`All 2 attempt(s) for 'mixed' failed: openai/gpt-4o: ${REFUSED}; openai/gpt-4o-mini: HTTP 500 (upstream down)`);
    expectNoAddress(JSON.stringify(err.error));
    expect(traces[0].attempts.map((a) => a.error)).toEqual([expect.stringContaining(`ECONNREFUSED 127.0.0.1:${refusedPort}`), "upstream down"]);

    // A refused target is fallen over like before.
    fake.reset();
    expect((await client.chat.completions.create({ model: "mixed", messages: hi })).choices[0].message.content).toBe("echo: hi");
  });

  it("a reset connection and a TLS error read as their kind", async () => {
    const reset = await client.chat.completions.create({ model: "reset", messages: hi }).catch((e) => e);
    expect(reset.error.message).toBe("All 1 attempt(s) for 'reset' failed: openai/gpt-4o: Could not connect to the upstream provider (openai): connection reset");
    expect(reset.error.message).not.toContain("127.0.0.1");
    const tls = await client.chat.completions.create({ model: "tls", messages: hi }).catch((e) => e);
    expect(tls.error.message).toBe("All 1 attempt(s) for 'tls' failed: openai/gpt-4o: Could not connect to the upstream provider (openai): TLS error");
    expect(tls.error.message).not.toContain("127.0.0.1");
    expect(traces[1].attempts[0].error).toMatch(/^Upstream connection failed: .*SSL/i);
  });

  it("names DNS failures and timeouts (the codes Node and undici raise)", () => {
    const sys = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(networkErrorKind(sys("ENOTFOUND", "getaddrinfo ENOTFOUND llm.internal.corp"))).toBe("DNS lookup failed");
    expect(networkErrorKind(sys("EAI_AGAIN", "getaddrinfo EAI_AGAIN llm.internal.corp"))).toBe("DNS lookup failed");
    expect(networkErrorKind(sys("UND_ERR_CONNECT_TIMEOUT", "Connect Timeout Error (attempted address: 10.0.0.7:443)"))).toBe("connection timed out");
    expect(networkErrorKind(sys("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames"))).toBe("TLS error");
    expect(networkErrorKind(Object.assign(new TypeError("fetch failed"), { cause: sys("ECONNRESET", "read ECONNRESET") }))).toBe("connection reset");
    const aggregate = Object.assign(new AggregateError([sys("ECONNREFUSED", "connect ECONNREFUSED ::1:8000")], ""), {});
    expect(networkErrorKind(aggregate)).toBe("connection refused");
    expect(networkErrorKind(new Error("Anthropic stream ended before message_stop."))).toBeNull();
  });

  it("on /gateway/anthropic: the same text in Anthropic's error shape", async () => {
    const anthropic = new Anthropic({ baseURL: `${gw.url}/gateway/anthropic`, apiKey: TEAM_TOKEN, maxRetries: 0 });
    const err = await anthropic.messages.create({ model: "claude-down", max_tokens: 16, messages: hi }).catch((e) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(err.status).toBe(502);
    expect(err.error).toMatchObject({
      type: "error",
      error: {
        type: "upstream_error",
        code: "upstream_failed",
        message: "All 1 attempt(s) for 'claude-down' failed: anthropic/claude-sonnet-4-5: Could not connect to the upstream provider (anthropic): connection refused",
      },
    });
    expectNoAddress(JSON.stringify(err.error));
    expect(traces[0].errorMessage).toContain(`ECONNREFUSED 127.0.0.1:${refusedPort}`);
  });
});

describe("provider errors quoting the upstream address", () => {
  it("the caller reads [upstream] in its place (unified and /gateway/openai's relayed body); the trace keeps it", async () => {
    fake.switches = { fail: { status: 404, message: `No route for POST ${fake.baseUrl}/chat/completions` } };
    const err = await client.chat.completions.create({ model: "prod-gpt", messages: hi }).catch((e) => e);
    expect(err).toMatchObject({ status: 502, code: "upstream_model_not_found" });
    expect(err.error.message).toContain("(No route for POST [upstream]/chat/completions)");
    expect(JSON.stringify(err.error)).not.toContain(fake.url);
    expect(traces[0].errorMessage).toContain(`No route for POST ${fake.baseUrl}/chat/completions`);
    expect(traces[0].attempts[0].error).toBe(`No route for POST ${fake.baseUrl}/chat/completions`);

    fake.switches = { fail: { status: 400, message: `Bad request to ${fake.baseUrl}/chat/completions` } };
    const native = new OpenAI({ baseURL: `${gw.url}/gateway/openai/v1`, apiKey: TEAM_TOKEN, maxRetries: 0 });
    const relayed = await native.chat.completions.create({ model: "prod-gpt", messages: hi }).catch((e) => e);
    expect(relayed).toBeInstanceOf(OpenAI.BadRequestError);
    expect(relayed.error.message).toBe("Bad request to [upstream]/chat/completions");
    expect(traces[1].attempts[0].error).toBe(`Bad request to ${fake.baseUrl}/chat/completions`);
  });
});

describe("the gateway's own configuration", () => {
  it("a secret without an API key is 503 gateway_misconfigured on /gateway/gemini (Google's shape); the trace says why", async () => {
    const genai = new GoogleGenAI({ apiKey: TEAM_TOKEN, httpOptions: { baseUrl: `${gw.url}/gateway/gemini` } });
    const err = await genai.models.generateContent({ model: "flash-no-key", contents: "hi" }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    const body = JSON.parse(err.message);
    expect(body.error).toMatchObject({
      code: 503,
      status: "UNAVAILABLE",
      message: expect.stringMatching(/^Endpoint 'flash-no-key' is unavailable: .*a configuration problem on the gateway, not in your request/),
      details: [{ reason: "gateway_misconfigured", domain: "gatehouse", metadata: { type: "server_error" } }],
    });
    expect(body.error.message).not.toContain("API key");
    expect(gemini.requests).toHaveLength(0);
    expect(traces[0]).toMatchObject({ httpStatus: 503, errorType: "gateway_misconfigured" });
    expect(traces[0].errorMessage).toContain("The secret configured for provider 'gemini' has no API key.");
    expect(traces[0].attempts[0].error).toBe("The secret configured for provider 'gemini' has no API key.");
  });
});

describe("hints", () => {
  it("an admin API token on the gateway: 401 invalid_api_key saying a team token is needed", async () => {
    const admin = new OpenAI({ baseURL: gw.baseURL, apiKey: "gha_AdminApiToken000000000000000000000000000001", maxRetries: 0 });
    const err = await admin.chat.completions.create({ model: "prod-gpt", messages: hi }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err).toMatchObject({ status: 401, type: "authentication_error", code: "invalid_api_key" });
    expect(err.error.message).toBe(
      "Invalid API key: admin API tokens (gha_…) are for the admin API (/api/v1) and cannot call the gateway. " +
        "Use a team token (gth_…), created on a team's page or with POST /api/v1/teams/{id}/tokens.",
    );
    // Any other unknown key stays a plain "Invalid API key.".
    const wrong = new OpenAI({ baseURL: gw.baseURL, apiKey: "gth_notARealToken0000000000000000000000000000000", maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, code: "invalid_api_key", error: { message: "Invalid API key." } });
  });

  it("an unknown endpoint: 404 model_not_found pointing at the models list", async () => {
    const err = await client.chat.completions.create({ model: "prod-gtp", messages: hi }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err).toMatchObject({ status: 404, type: "not_found_error", code: "model_not_found", param: "model" });
    expect(err.error.message).toBe("The model 'prod-gtp' does not exist. GET /gateway/mlflow/v1/models lists the endpoints this API key may use.");
    const listed = [];
    for await (const m of client.models.list()) listed.push(m.id);
    expect(listed).toContain("prod-gpt");
  });
});
