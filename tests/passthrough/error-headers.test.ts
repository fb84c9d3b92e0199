// Provider headers on passthrough error responses, through the official Anthropic and OpenAI SDKs
// against the fakes: a relayed provider error (a 429 outside the endpoint's fallback list, a 400)
// carries the headers a success would (Retry-After, rate limits, the provider's request id; ours
// stays `x-request-id`), and when every attempt failed the answer carries the last attempt's
// Retry-After.

import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AnthropicFake } from "../fakes/anthropic";
import { OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";
import { TraceCollector } from "./trace-helpers";

const ANTHROPIC_KEY = "sk-ant-stored-error-headers-0001";
const OPENAI_KEY = "sk-openai-stored-error-headers-01";

let gw: TestGateway;
let claude: AnthropicFake;
let claudeBackup: AnthropicFake;
let gpt: OpenAiFake;
let anthropic: Anthropic;
let openai: OpenAI;
const traces = new TraceCollector();
const ask = { max_tokens: 64, messages: [{ role: "user" as const, content: "hello" }] };
const hi = [{ role: "user" as const, content: "hello" }];

/** What Anthropic sends with a 429. */
const ANTHROPIC_429 = {
  "request-id": "req_011CAnthropicRateLimited",
  "anthropic-ratelimit-requests-limit": "50",
  "anthropic-ratelimit-requests-remaining": "0",
  "anthropic-ratelimit-requests-reset": "2026-01-01T00:00:07Z",
  "set-cookie": "provider-session=1", // never replayed on the gateway's origin
};

/** What OpenAI sends with a 429. */
const OPENAI_429 = {
  "x-request-id": "req_openai_rate_limited_01",
  "x-ratelimit-limit-requests": "500",
  "x-ratelimit-remaining-requests": "0",
  "x-ratelimit-reset-requests": "7s",
  "openai-processing-ms": "3",
};

beforeAll(async () => {
  [claude, claudeBackup, gpt] = await Promise.all([
    new AnthropicFake(ANTHROPIC_KEY).start(),
    new AnthropicFake(ANTHROPIC_KEY).start(),
    new OpenAiFake("openai", OPENAI_KEY).start(),
  ]);
  gw = await startGateway();
  anthropic = new Anthropic({ baseURL: `${gw.url}/gateway/anthropic`, apiKey: TEAM_TOKEN, maxRetries: 0 });
  openai = new OpenAI({ baseURL: `${gw.url}/gateway/openai/v1`, apiKey: TEAM_TOKEN, maxRetries: 0 });
  traces.install();
});

afterAll(async () => {
  traces.uninstall();
  await gw.close();
  await Promise.all([claude.close(), claudeBackup.close(), gpt.close()]);
});

beforeEach(() => {
  for (const f of [claude, claudeBackup, gpt]) f.reset();
  traces.clear();
  const sonnet = (url: string, opts = {}) => target("anthropic", "claude-sonnet-4-5", url, { apiKey: ANTHROPIC_KEY, ...opts });
  setGatewayConfig(
    [teamToken()],
    [
      // 429 is not a fallback status here: the provider's 429 reaches the client as-is.
      endpoint("claude-relay-429", [sonnet(claude.url)], { fallbackOn: [500, 503] }),
      endpoint("gpt-relay-429", [target("openai", "gpt-4o", gpt.baseUrl, { apiKey: OPENAI_KEY })], { fallbackOn: [500, 503] }),
      // Default fallback statuses (429 included).
      endpoint("claude", [sonnet(claude.url)]),
      endpoint("claude-pair", [sonnet(claude.url), sonnet(claudeBackup.url, { fallbackOrder: 0 })], { maxAttempts: 2 }),
    ],
  );
});

describe("relayed provider errors carry the provider's headers", () => {
  it("Anthropic SDK: a relayed 429 has Retry-After, the rate-limit headers and the provider's request id", async () => {
    claude.switches.fail = { status: 429, type: "rate_limit_error", retryAfterSeconds: 7, headers: ANTHROPIC_429 };
    const error = await anthropic.messages.create({ model: "claude-relay-429", ...ask }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.requestID).toBe("req_011CAnthropicRateLimited");
    expect(error.headers.get("retry-after")).toBe("7");
    expect(error.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(error.headers.get("anthropic-ratelimit-requests-reset")).toBe("2026-01-01T00:00:07Z");
    expect(error.headers.get("set-cookie")).toBeNull();
    expect(error.error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } }); // Anthropic's own body
    const trace = await traces.single();
    expect(error.headers.get("x-request-id")).toBe(trace.requestId);
    expect(trace).toMatchObject({ status: "error", httpStatus: 429 });
  });

  it("Anthropic SDK: the same on a stream request refused before it started", async () => {
    claude.switches.fail = { status: 429, type: "rate_limit_error", retryAfterSeconds: 7, headers: ANTHROPIC_429 };
    const error = await anthropic.messages.create({ model: "claude-relay-429", ...ask, stream: true }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.requestID).toBe("req_011CAnthropicRateLimited");
    expect(error.headers.get("retry-after")).toBe("7");
    expect(error.headers.get("anthropic-ratelimit-requests-limit")).toBe("50");
  });

  it("Anthropic SDK: a relayed 400 has the provider's request id", async () => {
    claude.switches.fail = { status: 400, type: "invalid_request_error", message: "max_tokens: too large", headers: { "request-id": "req_011CBadRequest" } };
    const error = await anthropic.messages.create({ model: "claude", ...ask }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.requestID).toBe("req_011CBadRequest");
    expect(error.message).toContain("max_tokens: too large");
  });

  it("OpenAI SDK: a relayed 429 has Retry-After and the rate-limit headers; x-request-id stays the gateway's", async () => {
    gpt.switches.fail = { status: 429, type: "rate_limit_error", retryAfterSeconds: 7, headers: OPENAI_429 };
    const error = await openai.chat.completions.create({ model: "gpt-relay-429", messages: hi }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.headers.get("retry-after")).toBe("7");
    expect(error.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(error.headers.get("x-ratelimit-reset-requests")).toBe("7s");
    expect(error.headers.get("openai-processing-ms")).toBe("3");
    expect(error.headers.get("x-upstream-request-id")).toBe("req_openai_rate_limited_01");
    const trace = await traces.single();
    expect(error.requestID).toBe(trace.requestId);
  });

  it("OpenAI SDK: waits out the relayed Retry-After before its own retry", async () => {
    gpt.switches.fail = { status: 429, times: 1, retryAfterSeconds: 1, headers: OPENAI_429 };
    const retrying = new OpenAI({ baseURL: `${gw.url}/gateway/openai/v1`, apiKey: TEAM_TOKEN, maxRetries: 1 });
    const started = performance.now();
    const completion = await retrying.chat.completions.create({ model: "gpt-relay-429", messages: hi });
    // The SDK's own first backoff is at most 0.5 s: a wait of a second is the provider's Retry-After.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(completion.choices[0].message.content).toBe("echo: hello");
    expect(gpt.requests).toHaveLength(2);
  });
});

describe("every attempt failed", () => {
  it("forwards the last attempt's Retry-After (too long for the gateway to wait)", async () => {
    claude.switches.fail = { status: 429, type: "rate_limit_error", retryAfterSeconds: 30, headers: ANTHROPIC_429 };
    const error = await anthropic.messages.create({ model: "claude", ...ask }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error.status).toBe(503);
    expect(error.error.error).toMatchObject({ code: "upstream_rate_limited" });
    expect(error.headers.get("retry-after")).toBe("30");
    // Only the Retry-After: the rest described one attempt, not the gateway's answer.
    expect(error.headers.get("anthropic-ratelimit-requests-remaining")).toBeNull();
    expect(error.requestID).toBeNull();
    const trace = await traces.single();
    expect(error.headers.get("x-request-id")).toBe(trace.requestId);
  });

  it("forwards retry-after-ms too, from a stream request", async () => {
    claude.switches.fail = { status: 429, type: "rate_limit_error", headers: { "retry-after-ms": "45000" } };
    const error = await anthropic.messages.create({ model: "claude", ...ask, stream: true }).catch((e) => e);
    expect(error.status).toBe(503);
    expect(error.headers.get("retry-after-ms")).toBe("45000");
  });

  it("sends no Retry-After when the last attempt had none", async () => {
    claude.switches.fail = { status: 429, type: "rate_limit_error", retryAfterSeconds: 30 };
    claudeBackup.switches.fail = { status: 500, type: "api_error" };
    const error = await anthropic.messages.create({ model: "claude-pair", ...ask }).catch((e) => e);
    expect(error.status).toBe(502);
    expect(error.error.error).toMatchObject({ code: "upstream_failed" });
    expect(error.headers.get("retry-after")).toBeNull();
    expect(claudeBackup.requests).toHaveLength(1);
  });
});
