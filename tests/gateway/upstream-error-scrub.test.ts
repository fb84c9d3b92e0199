// The stored provider key never reaches the caller or the trace, whatever upstream text quotes it:
// not only HTTP error bodies but in-stream error events before the first chunk (the attempt fails,
// its message becomes the 502) and after it (the SSE error event the client gets).

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

const STORED = "sk-live-stored-key-0123456789abcdef";
const errorEvent = `data: ${JSON.stringify({ error: { message: `Incorrect API key provided: ${STORED}`, type: "invalid_request_error" } })}\n\n`;
const chunk = `data: ${JSON.stringify({
  id: "c1",
  object: "chat.completion.chunk",
  created: 1,
  model: "gpt-4o",
  choices: [{ index: 0, delta: { role: "assistant", content: "Hel" }, finish_reason: null }],
})}\n\n`;

/** An OpenAI-compatible upstream that answers 200 and then an error event quoting the key it got. */
let mode: "error-first" | "error-mid" = "error-first";
let upstream: Server;
let upstreamUrl = "";
let gw: TestGateway;
let client: OpenAI;
const traces: GatewayTraceRecord[] = [];
const hi = [{ role: "user" as const, content: "hi" }];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      if (mode === "error-first") return void res.end(errorEvent);
      // The first chunk on its own, so the stream has started when the error event arrives.
      res.write(chunk);
      setTimeout(() => res.end(errorEvent), 50);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  gw = await startGateway();
  client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
  setTraceSink((r) => traces.push(r));
});

afterAll(async () => {
  setTraceSink(null);
  await gw.close();
  await new Promise((resolve) => upstream.close(resolve));
});

beforeEach(() => {
  traces.length = 0;
  setGatewayConfig([teamToken(TEAM_TOKEN)], [endpoint("chat", [target("openai", "gpt-4o", upstreamUrl, { apiKey: STORED })], { maxAttempts: 1 })]);
});

async function rawStream(): Promise<{ status: number; body: string }> {
  const res = await fetch(`${gw.baseURL}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEAM_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "chat", messages: hi, stream: true }),
  });
  return { status: res.status, body: await res.text() };
}

async function trace(): Promise<GatewayTraceRecord> {
  await expect.poll(() => traces.length, { timeout: 2_000 }).toBe(1);
  return traces[0];
}

describe("stored key in upstream stream errors", () => {
  it("an error event before the first chunk: the 502 and the trace name the error without the key", async () => {
    mode = "error-first";
    const res = await rawStream();
    expect(res.status).toBe(502);
    expect(res.body).toContain("Incorrect API key provided: [redacted]");
    expect(res.body).not.toContain(STORED);
    expect(JSON.stringify(await trace())).not.toContain(STORED);
  });

  it("an error event after the first chunk: the SSE error event and the trace are scrubbed", async () => {
    mode = "error-mid";
    const res = await rawStream();
    expect(res.status).toBe(200);
    expect(res.body).toContain("Hel");
    expect(res.body).toContain("[redacted]");
    expect(res.body).not.toContain(STORED);
    expect(JSON.stringify(await trace())).not.toContain(STORED);
  });

  it("through the OpenAI SDK too", async () => {
    mode = "error-first";
    const err = await client.chat.completions.create({ model: "chat", messages: hi, stream: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 502 });
    expect(String((err as Error).message)).not.toContain(STORED);
  });
});
