// The unified API's rules on passthrough routes: what is (not) forwarded in each direction, body
// limit, auth and authorisation errors, timeouts with fallback, client disconnects, and the core's
// routes staying the core's.

import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureGateway, gatewaySettings } from "../../lib/gateway/settings";
import { AnthropicFake } from "../fakes/anthropic";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";
import { TraceCollector } from "./trace-helpers";

const STORED = "sk-ant-stored-shared-rules-000001";
const DEFAULT_LIMIT = gatewaySettings().maxBodyBytes;

let gw: TestGateway;
let fake: AnthropicFake;
let backup: AnthropicFake;
let client: Anthropic;
const traces = new TraceCollector();
const ask = { max_tokens: 64, messages: [{ role: "user" as const, content: "hello" }] };

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http, so hop-by-hop and proxy headers can be sent as a misbehaving client would. */
function rawPost(path: string, headers: Record<string, string>, body: unknown): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${gw.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  [fake, backup] = await Promise.all([new AnthropicFake(STORED).start(), new AnthropicFake(STORED).start()]);
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
  const claude = (model: string, url: string, opts = {}) => target("anthropic", model, url, { apiKey: STORED, ...opts });
  setGatewayConfig(
    [teamToken(), teamToken("gth_limitedTeamToken00000000000000000000000000002", { endpoints: ["claude"] })],
    [
      endpoint("claude", [claude("claude-sonnet-4-5", fake.url)]),
      endpoint("claude-timeouts", [claude("claude-slow", fake.url), claude("claude-quick", backup.url, { fallbackOrder: 0 })], { timeoutMs: 500 }),
      endpoint("other", [claude("claude-haiku", fake.url)]),
      // An endpoint named like a passthrough route keeps the core's MLflow invocations route.
      endpoint("anthropic", [claude("claude-sonnet-4-5", fake.url)]),
    ],
  );
});

afterEach(() => configureGateway({ maxBodyBytes: DEFAULT_LIMIT, firstByteTimeoutMs: 15_000 }));

describe("headers", () => {
  it("forwards the client's headers except credentials, hop-by-hop, proxy and Gatehouse ones", async () => {
    const res = await rawPost(
      "/gateway/anthropic/v1/messages",
      {
        authorization: `Bearer ${TEAM_TOKEN}`,
        "x-goog-api-key": "not-for-upstream",
        "api-key": "not-for-upstream",
        cookie: "session=abc",
        "anthropic-version": "2023-06-01",
        "anthropic-beta": "prompt-caching-2024-07-31",
        "x-custom-trace": "trace-123",
        connection: "keep-alive, x-hop-custom",
        "x-hop-custom": "dropped: named in Connection",
        "keep-alive": "timeout=5",
        te: "trailers",
        "proxy-authorization": "Basic Zm9vOmJhcg==",
        "x-forwarded-for": "10.1.2.3",
        "accept-encoding": "gzip, br",
        "x-gatehouse-metadata": JSON.stringify({ ticket: 42 }),
      },
      { model: "claude", ...ask },
    );
    expect(res.status).toBe(200);
    const received = fake.lastRequest.headers;
    for (const name of ["x-goog-api-key", "api-key", "cookie", "x-hop-custom", "keep-alive", "te", "proxy-authorization", "x-forwarded-for", "x-gatehouse-metadata"]) {
      expect(received[name], name).toBeUndefined();
    }
    expect(received["x-api-key"]).toBe(STORED);
    expect(received.authorization).toBeUndefined();
    expect(received["x-custom-trace"]).toBe("trace-123");
    expect(received["anthropic-beta"]).toBe("prompt-caching-2024-07-31");
    expect(received["accept-encoding"]).toBe("identity");
    expect(received["transfer-encoding"]).toBeUndefined();
    expect(Number(received["content-length"])).toBeGreaterThan(0);
    // Response: Gatehouse's ids and timing; the provider's request id kept; nothing hop-by-hop of the upstream's.
    const trace = await traces.single();
    expect(res.headers["x-request-id"]).toBe(trace.requestId);
    expect(res.headers["request-id"]).toMatch(/^req_msg_fake/);
    expect(res.headers["x-gatehouse-duration-ms"]).toBeDefined();
    expect(trace.metadata).toEqual({ ticket: 42 });
  });
});

describe("limits, auth and routes", () => {
  it("rejects a body over the limit with 413", async () => {
    configureGateway({ maxBodyBytes: 1024 });
    const res = await rawPost("/gateway/anthropic/v1/messages", { authorization: `Bearer ${TEAM_TOKEN}` }, {
      model: "claude",
      max_tokens: 10,
      messages: [{ role: "user", content: "x".repeat(4096) }],
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("request_too_large");
    expect(fake.requests).toHaveLength(0);
  });

  it("answers 404 for an unknown endpoint and 403 for one the token may not use", async () => {
    const missing = await client.messages.create({ model: "nope", ...ask }).catch((e) => e);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
    const limited = new Anthropic({ baseURL: `${gw.url}/gateway/anthropic`, apiKey: "gth_limitedTeamToken00000000000000000000000000002", maxRetries: 0 });
    const denied = await limited.messages.create({ model: "other", ...ask }).catch((e) => e);
    expect(denied).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(fake.requests).toHaveLength(0);
  });

  it("answers 405 for a GET on a passthrough route", async () => {
    const res = await fetch(`${gw.url}/gateway/openai/v1/chat/completions`, { headers: { authorization: `Bearer ${TEAM_TOKEN}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("leaves /gateway/{endpoint}/mlflow/invocations to the core for an endpoint named 'anthropic'", async () => {
    const res = await rawPost("/gateway/anthropic/mlflow/invocations", { authorization: `Bearer ${TEAM_TOKEN}` }, { messages: [{ role: "user", content: "hi" }] });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).choices[0].message.content).toBe("echo: hi");
    expect((await traces.single()).route).toBe("invocations");
  });
});

describe("timeouts and disconnects", () => {
  it("falls over from a hung model when the endpoint's timeout passes", async () => {
    fake.switches.hang = true;
    const message = await client.messages.create({ model: "claude-timeouts", ...ask });
    expect(message.model).toBe("claude-quick");
    const trace = await traces.single();
    expect(trace.attempts.map((a) => [a.model, a.status])).toEqual([
      ["claude-slow", "timeout"],
      ["claude-quick", "ok"],
    ]);
  });

  it("falls over from a stream that sends nothing within the first-byte timeout", async () => {
    configureGateway({ firstByteTimeoutMs: 200 });
    fake.switches.hang = true;
    const final = await client.messages.stream({ model: "claude-timeouts", ...ask }).finalMessage();
    expect(final.model).toBe("claude-quick");
    expect((await traces.single()).attempts[0]).toMatchObject({ model: "claude-slow", status: "timeout" });
  });

  it("aborts the upstream stream when the client goes away, recording a cancelled call", async () => {
    fake.reply = { text: "word ".repeat(200) };
    fake.switches.eventDelayMs = 20;
    const controller = new AbortController();
    const stream = client.messages.stream({ model: "claude", ...ask }, { signal: controller.signal });
    const outcome = stream.finalMessage().catch((e) => e);
    await new Promise<void>((resolve) => stream.on("text", () => resolve()));
    controller.abort();
    expect(await outcome).toBeInstanceOf(Anthropic.APIUserAbortError);
    const trace = await traces.single();
    expect(trace).toMatchObject({ status: "error", httpStatus: 499, errorType: "client_closed_request" });
    expect(trace.usage).toMatchObject({ input: 12 }); // what message_start reported
  });
});
