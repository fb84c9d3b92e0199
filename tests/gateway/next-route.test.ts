// The gateway core mounted as a Next.js route handler (app/gateway/[...path]/route.ts), called the
// way Next calls it: a web Request in, a web Response out (JSON and SSE).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as route from "@/app/gateway/[...path]/route";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, target, TEAM_TOKEN, teamToken } from "../helpers/gateway";

let fake: OpenAiFake;
const traces: GatewayTraceRecord[] = [];

function post(path: string, body: unknown, init: RequestInit = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEAM_TOKEN}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

beforeAll(async () => {
  fake = await new OpenAiFake().start();
  setTraceSink((r) => traces.push(r));
});

afterAll(async () => {
  setTraceSink(null);
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  traces.length = 0;
  setGatewayConfig([teamToken()], [endpoint("chat", [target("openai", "gpt-4o", fake.baseUrl)])]);
});

describe("Next.js route handler", () => {
  it("answers a chat completion", async () => {
    const res = await route.POST(post("/gateway/mlflow/v1/chat/completions", { model: "chat", messages: [{ role: "user", content: "via next" }] }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await res.json()).choices[0].message.content).toBe("echo: via next");
  });

  it("reads a streamed request body and streams SSE back", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ model: "chat", messages: [{ role: "user", content: "sse" }], stream: true }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const res = await route.POST(post("/gateway/mlflow/v1/chat/completions", "", { body, duplex: "half" } as RequestInit));
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    expect(text.trim().endsWith("data: [DONE]")).toBe(true);
    const content = text
      .split("\n\n")
      .filter((e) => e.startsWith("data: {"))
      .map((e) => JSON.parse(e.slice(6)).choices[0]?.delta?.content ?? "")
      .join("");
    expect(content).toBe("echo: sse");
  });

  it("cancelling the response body aborts the upstream stream", async () => {
    fake.switches.eventDelayMs = 200;
    const res = await route.POST(post("/gateway/mlflow/v1/chat/completions", { model: "chat", messages: [{ role: "user", content: "long" }], stream: true }));
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => traces.length).toBe(1);
    expect(traces[0]).toMatchObject({ status: "error", httpStatus: 499 });
  });

  it("answers errors in OpenAI's shape (GET models without a token)", async () => {
    const res = await route.GET(new Request("http://localhost/gateway/mlflow/v1/models"));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("missing_api_key");
  });
});
