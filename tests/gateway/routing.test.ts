// Traffic split and fallback through the production server, with the OpenAI SDK as the client.

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureGateway } from "../../lib/gateway/settings";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

let gw: TestGateway;
let primary: OpenAiFake;
let backup: OpenAiFake;
let client: OpenAI;
const traces: GatewayTraceRecord[] = [];
const ask = (model = "ep") => client.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] });

beforeAll(async () => {
  [primary, backup] = await Promise.all([new OpenAiFake().start(), new OpenAiFake().start()]);
  gw = await startGateway();
  client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
  setTraceSink((r) => traces.push(r));
});

afterAll(async () => {
  setTraceSink(null);
  await gw.close();
  await Promise.all([primary.close(), backup.close()]);
});

beforeEach(() => {
  primary.reset();
  backup.reset();
  traces.length = 0;
  configureGateway({ firstByteTimeoutMs: 15_000 });
  setGatewayConfig(
    [teamToken()],
    [
      endpoint("ep", [
        target("openai", "primary-model", primary.baseUrl),
        target("openai", "backup-model", backup.baseUrl, { fallbackOrder: 0 }),
      ]),
    ],
  );
});

describe("traffic split", () => {
  it("splits 80/20 over 1,000 calls within ±5%", async () => {
    setGatewayConfig(
      [teamToken()],
      [endpoint("split", [target("openai", "model-a", primary.baseUrl, { weight: 80 }), target("openai", "model-b", primary.baseUrl, { weight: 20 })])],
    );
    let next = 0;
    const worker = async () => {
      while (next < 1000) {
        next++;
        await ask("split");
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const a = primary.requests.filter((r) => r.body.model === "model-a").length;
    const b = primary.requests.filter((r) => r.body.model === "model-b").length;
    expect(a + b).toBe(1000);
    expect(a / 1000).toBeGreaterThan(0.75);
    expect(a / 1000).toBeLessThan(0.85);
  }, 60_000);
});

describe("fallback", () => {
  it("falls over on 500 to the fallback model", async () => {
    primary.switches.fail = { status: 500, message: "boom" };
    const res = await ask();
    expect(res.choices[0].message.content).toBe("echo: hi");
    expect(primary.requests).toHaveLength(1);
    expect(backup.lastRequest.body.model).toBe("backup-model");
    expect(traces[0]).toMatchObject({ status: "ok", provider: "openai", model: "backup-model" });
    expect(traces[0].attempts.map((a) => [a.model, a.status, a.httpStatus])).toEqual([
      ["primary-model", "error", 500],
      ["backup-model", "ok", 200],
    ]);
  });

  it("falls over on 429", async () => {
    primary.switches.fail = { status: 429, message: "slow down" };
    await ask();
    expect(backup.requests).toHaveLength(1);
  });

  it("falls over when the primary times out", async () => {
    setGatewayConfig(
      [teamToken()],
      [endpoint("ep", [target("openai", "primary-model", primary.baseUrl), target("openai", "backup-model", backup.baseUrl, { fallbackOrder: 0 })], { timeoutMs: 300 })],
    );
    primary.switches.latencyMs = 2_000;
    const started = Date.now();
    await ask();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(traces[0].attempts[0]).toMatchObject({ status: "timeout", httpStatus: null });
  });

  it("falls over quickly when a streaming upstream hangs (first-byte timeout)", async () => {
    configureGateway({ firstByteTimeoutMs: 300 });
    primary.switches.hang = true;
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: "ep", messages: [{ role: "user", content: "hi" }], stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("echo: hi");
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(traces[0].attempts.map((a) => a.status)).toEqual(["timeout", "ok"]);
  });

  it("falls over when a stream is cut before its first chunk", async () => {
    primary.switches.cutAfterEvents = 0;
    const stream = await client.chat.completions.create({ model: "ep", messages: [{ role: "user", content: "hi" }], stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("echo: hi");
    expect(backup.requests).toHaveLength(1);
  });

  it("falls over on 408 and 409 by default", async () => {
    for (const status of [408, 409]) {
      primary.reset();
      backup.reset();
      traces.length = 0;
      primary.switches.fail = { status, message: status === 408 ? "Request Timeout" : "Conflict" };
      const completion = await ask();
      expect(completion.choices[0].message.content).toBe("echo: hi");
      expect(primary.requests).toHaveLength(1);
      expect(backup.requests).toHaveLength(1);
      expect(traces[0].attempts.map((a) => [a.model, a.status, a.httpStatus])).toEqual([
        ["primary-model", "error", status],
        ["backup-model", "ok", 200],
      ]);
    }
  });

  it("follows the endpoint's own fallbackOn: a listed 400 falls over, an unlisted 500 is returned as-is", async () => {
    setGatewayConfig(
      [teamToken()],
      [
        endpoint(
          "ep",
          [target("openai", "primary-model", primary.baseUrl), target("openai", "backup-model", backup.baseUrl, { fallbackOrder: 0 })],
          { fallbackOn: [400] },
        ),
      ],
    );
    primary.switches.fail = { status: 400, message: "context_length_exceeded" };
    const completion = await ask();
    expect(completion.choices[0].message.content).toBe("echo: hi");
    expect(backup.lastRequest.body.model).toBe("backup-model");
    expect(traces[0].attempts.map((a) => [a.model, a.httpStatus])).toEqual([
      ["primary-model", 400],
      ["backup-model", 200],
    ]);

    // The list replaces the default one: a 500 no longer falls over.
    primary.reset();
    backup.reset();
    primary.switches.fail = { status: 500, message: "primary down" };
    await expect(ask()).rejects.toMatchObject({ status: 500, code: "upstream_server_error" });
    expect(backup.requests).toHaveLength(0);

    // A fallbackOn list of the endpoint's own also decides for streams.
    primary.reset();
    primary.switches.fail = { status: 400, message: "context_length_exceeded" };
    const stream = await client.chat.completions.create({ model: "ep", messages: [{ role: "user", content: "hi" }], stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("echo: hi");
    expect(backup.requests).toHaveLength(1);
  });

  it("returns other 4xx as-is without falling over", async () => {
    primary.switches.fail = { status: 400, message: "Invalid 'messages[0].content'" };
    await expect(ask()).rejects.toMatchObject({ status: 400, type: "invalid_request_error", code: "upstream_client_error" });
    await expect(ask()).rejects.toThrow(/Invalid 'messages\[0\]\.content'/);
    expect(backup.requests).toHaveLength(0);
    expect(traces[0]).toMatchObject({ status: "error", httpStatus: 400 });
  });

  it("falls over on any 5xx by default (529 overloaded, 520 from a proxy in front)", async () => {
    for (const status of [529, 520]) {
      primary.reset();
      backup.reset();
      primary.switches.fail = { status, message: "Overloaded" };
      const completion = await ask();
      expect(completion.choices[0].message.content).toBe("echo: hi");
      expect(primary.requests).toHaveLength(1);
      expect(backup.requests).toHaveLength(1);
    }
  });

  it("answers 502 upstream_auth_failed when the provider rejects the stored key (not the caller's 401), without echoing it", async () => {
    setGatewayConfig([teamToken()], [endpoint("solo", [target("openai", "m", primary.baseUrl, { apiKey: "sk-stored-secret-0001" })])]);
    primary.switches.fail = { status: 401, message: "Incorrect API key provided: sk-stored-secret-0001" };
    const error = await ask("solo").catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError); // 502, not AuthenticationError
    expect(error).toMatchObject({ status: 502, type: "upstream_error", code: "upstream_auth_failed" });
    expect(error.message).toContain("rejected the credentials configured for endpoint 'solo'");
    expect(JSON.stringify(error.error)).not.toContain("sk-stored-secret-0001");
    expect(traces[0]).toMatchObject({ status: "error", httpStatus: 502, errorType: "upstream_auth_failed" });
    expect(JSON.stringify(traces[0])).not.toContain("sk-stored-secret-0001");
  });

  it("answers 502 upstream_model_not_found when the provider does not know the configured model (not the caller's 404)", async () => {
    setGatewayConfig([teamToken()], [endpoint("solo", [target("openai", "gpt-typo", primary.baseUrl)])]);
    primary.switches.fail = { status: 404, message: "The model `gpt-typo` does not exist" };
    const error = await ask("solo").catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 502, code: "upstream_model_not_found" });
    expect(error.message).toContain("gpt-typo");
  });

  it("retries the same target after a short Retry-After, and skips a long one", async () => {
    setGatewayConfig([teamToken()], [endpoint("solo", [target("openai", "m", primary.baseUrl)])]);
    primary.switches.fail = { status: 429, times: 1, retryAfterSeconds: 0.3 };
    const started = Date.now();
    await ask("solo");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(primary.requests).toHaveLength(2);

    primary.reset();
    primary.switches.fail = { status: 429, times: 1, retryAfterSeconds: 30 };
    await expect(ask("solo")).rejects.toMatchObject({ status: 503, code: "upstream_rate_limited" });
    expect(primary.requests).toHaveLength(1);
  });

  it("answers 502/503/504 listing every attempt when all fail", async () => {
    primary.switches.fail = { status: 500, message: "primary down" };
    backup.switches.fail = { status: 502, message: "backup down" };
    const err = await ask().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const apiErr = err as InstanceType<typeof OpenAI.APIError>;
    expect(apiErr.status).toBe(502);
    expect((apiErr.error as { attempts: unknown[] }).attempts).toEqual([
      { provider: "openai", model: "primary-model", status: 500, error: "primary down" },
      { provider: "openai", model: "backup-model", status: 502, error: "backup down" },
      { provider: "openai", model: "primary-model", status: 500, error: "primary down" },
    ]);

    primary.switches.fail = { status: 429 };
    backup.switches.fail = { status: 503 };
    await expect(ask()).rejects.toMatchObject({ status: 503, code: "upstream_unavailable" });

    primary.reset();
    backup.reset();
    setGatewayConfig([teamToken()], [endpoint("slow", [target("openai", "m", primary.baseUrl)], { timeoutMs: 200, maxAttempts: 2 })]);
    primary.switches.latencyMs = 1_000;
    await expect(ask("slow")).rejects.toMatchObject({ status: 504, code: "upstream_timeout" });
  });

  it("falls over on a connection error", async () => {
    setGatewayConfig(
      [teamToken()],
      [endpoint("ep", [target("openai", "dead", "http://127.0.0.1:1/v1"), target("openai", "backup-model", backup.baseUrl, { fallbackOrder: 0 })])],
    );
    await ask();
    expect(traces[0].attempts[0]).toMatchObject({ model: "dead", status: "error", httpStatus: null });
  });
});

describe("mid-stream failures", () => {
  it("ends a stream cut after its first bytes with an SSE error event (the SDK throws) and no [DONE]", async () => {
    primary.switches.cutAfterEvents = 3;
    primary.switches.eventDelayMs = 20; // so the first events reach the client before the cut
    const stream = await client.chat.completions.create({ model: "ep", messages: [{ role: "user", content: "a long answer" }], stream: true });
    let text = "";
    const consume = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    };
    await expect(consume()).rejects.toThrow(/Upstream stream failed after it started/);
    expect(text.length).toBeGreaterThan(0);
    expect(backup.requests).toHaveLength(0); // no failover after the first byte
    expect(traces[0]).toMatchObject({ status: "error", streaming: true, errorType: "stream_interrupted" });
  });

  it("relays an in-stream upstream error as an SSE error event", async () => {
    primary.switches.errorAfterEvents = 2;
    primary.switches.eventDelayMs = 20;
    const raw = await fetch(`${gw.baseURL}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEAM_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "ep", messages: [{ role: "user", content: "hello world" }], stream: true }),
    });
    const body = await raw.text();
    expect(raw.status).toBe(200);
    expect(body).not.toContain("[DONE]");
    const events = body.trim().split("\n\n");
    expect(JSON.parse(events[events.length - 1].slice(6)).error).toMatchObject({ type: "upstream_error", code: "stream_interrupted" });
  });

  it("cancels a non-streaming upstream call when the client disconnects, and tries no fallback", async () => {
    primary.switches.hang = true; // would fall over to the backup after the endpoint's 10 s timeout
    const controller = new AbortController();
    const pending = client.chat.completions
      .create({ model: "ep", messages: [{ role: "user", content: "hi" }] }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await expect.poll(() => primary.requests.length).toBe(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
    await expect.poll(() => primary.abandoned, { timeout: 2_000 }).toBe(1); // the upstream call was cut
    await expect.poll(() => traces.length, { timeout: 2_000 }).toBe(1);
    expect(traces[0]).toMatchObject({ status: "error", httpStatus: 499, errorType: "client_closed_request" });
    expect(traces[0].attempts.map((a) => a.status)).toEqual(["cancelled"]);
    expect(backup.requests).toHaveLength(0);
  });

  it("aborts the upstream request when the client disconnects", async () => {
    primary.switches.eventDelayMs = 200; // the full stream would take > 1 s
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: "ep", messages: [{ role: "user", content: "a fairly long answer to stream" }], stream: true },
      { signal: controller.signal },
    );
    for await (const _ of stream) controller.abort(); // the SDK ends the iteration quietly
    await expect.poll(() => traces.length, { timeout: 2_000 }).toBe(1);
    expect(traces[0]).toMatchObject({ status: "error", httpStatus: 499, errorType: "client_closed_request" });
    const attempt = traces[0].attempts[0];
    expect(attempt.status).toBe("cancelled");
    expect(attempt.end - attempt.start).toBeLessThan(800);
  });
});
