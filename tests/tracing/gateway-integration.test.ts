// Real requests with the official OpenAI SDK through the production server: every call becomes a
// trace with its spans and rollups, written by the background writer to SQLite / PostgreSQL.

import { monitorEventLoopDelay } from "node:perf_hooks";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { flushTracing, getTracingMetrics, startTracing, stopTracing } from "../../lib/tracing";
import { computeCost } from "../../lib/usage/prices";
import { OpenAiFake } from "../fakes/openai";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";
import { databaseOutage } from "./outage";

const USAGE = { prompt_tokens: 1000, completion_tokens: 200, cached_tokens: 100 };
const EXPECTED_COST = computeCost("openai", "gpt-4o-mini", {
  inputTokens: 1000,
  outputTokens: 200,
  cacheReadTokens: 100,
})!.costUsd;

describe.each(TEST_DATABASES)("gateway traces (%s)", (kind) => {
  const database = useFreshDatabase(kind);
  let gw: TestGateway;
  let primary: OpenAiFake;
  let backup: OpenAiFake;
  let client: OpenAI;

  beforeAll(async () => {
    [primary, backup] = await Promise.all([new OpenAiFake().start(), new OpenAiFake().start()]);
    gw = await startGateway();
    startTracing({ settings: { flushIntervalMs: 20 } });
    client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
  });

  afterAll(async () => {
    await stopTracing();
    await gw.close();
    await Promise.all([primary.close(), backup.close()]);
  });

  beforeEach(async () => {
    primary.reset();
    backup.reset();
    primary.reply = { text: "Hi from the fake", usage: USAGE };
    backup.reply = { text: "Hi from the backup", usage: USAGE };
    setGatewayConfig(
      [teamToken(TEAM_TOKEN, { teamId: "team_int" })],
      [
        endpoint("chat", [target("openai", "gpt-4o-mini", primary.baseUrl)]),
        endpoint("embed", [target("openai", "text-embedding-3-small", primary.baseUrl)], { kind: "embeddings" }),
        endpoint("fb", [
          target("openai", "gpt-4o-mini", primary.baseUrl),
          target("openai", "gpt-4o", backup.baseUrl, { fallbackOrder: 0 }),
        ]),
        endpoint("quiet", [target("openai", "gpt-4o-mini", primary.baseUrl)], { capturePayloads: false }),
        endpoint("untracked", [target("openai", "gpt-4o-mini", primary.baseUrl)], { usageTracking: false }),
      ],
    );
    await database.db.span.deleteMany();
    await database.db.trace.deleteMany();
    await database.db.usageRollup.deleteMany();
  });

  const trace = (id: string) => database.db.trace.findUniqueOrThrow({ where: { id }, include: { spans: { orderBy: { attempt: "asc" } } } });

  it("records a chat call with tokens, cost, payloads and headers", async () => {
    const { data, response } = await client.chat.completions
      .create(
        { model: "chat", messages: [{ role: "user", content: "Hello gateway" }] },
        {
          headers: {
            "x-gatehouse-caller": "judge",
            "x-gatehouse-metadata": JSON.stringify({ run: "r-42" }),
            traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
          },
        },
      )
      .withResponse();
    expect(data.choices[0].message.content).toBe("Hi from the fake");
    const id = response.headers.get("x-request-id")!;
    await flushTracing();
    const t = await trace(id);
    expect(t).toMatchObject({
      endpointName: "chat",
      teamId: "team_int",
      route: "unified",
      operation: "chat",
      provider: "openai",
      model: "gpt-4o-mini",
      status: "ok",
      httpStatus: 200,
      inputTokens: 1000,
      outputTokens: 200,
      cacheReadTokens: 100,
      totalTokens: 1200,
      costUsd: EXPECTED_COST,
      streaming: false,
      attempts: 1,
      caller: "judge",
      metadata: { run: "r-42" },
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      payloadTruncated: false,
    });
    expect(t.requestPayload).toContain("Hello gateway");
    expect(t.responsePayload).toContain("Hi from the fake");
    expect(t.spans).toEqual([expect.objectContaining({ attempt: 0, provider: "openai", status: "ok", httpStatus: 200, inputTokens: 1000 })]);
  });

  it("records a stream with its time to first token, at the same cost as the non-streamed call", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: "chat", messages: [{ role: "user", content: "Stream it" }], stream: true })
      .withResponse();
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("Hi from the fake");
    const { response: plain } = await client.chat.completions
      .create({ model: "chat", messages: [{ role: "user", content: "Stream it" }] })
      .withResponse();
    await flushTracing();
    const streamed = await trace(response.headers.get("x-request-id")!);
    const nonStreamed = await trace(plain.headers.get("x-request-id")!);
    expect(streamed).toMatchObject({ streaming: true, status: "ok", inputTokens: 1000, outputTokens: 200 });
    expect(streamed.ttftMs).not.toBeNull();
    expect(streamed.ttftMs!).toBeLessThanOrEqual(streamed.latencyMs);
    expect(streamed.costUsd).toBe(EXPECTED_COST);
    expect(streamed.costUsd).toBe(nonStreamed.costUsd);
    // The assembled final message, not the chunks.
    expect(JSON.parse(streamed.responsePayload!).choices[0].message.content).toBe("Hi from the fake");
  });

  it("records embeddings", async () => {
    const { response } = await client.embeddings.create({ model: "embed", input: ["a", "b"] }).withResponse();
    await flushTracing();
    const t = await trace(response.headers.get("x-request-id")!);
    expect(t).toMatchObject({ operation: "embeddings", model: "text-embedding-3-small", inputTokens: 6, outputTokens: 0 });
    expect(t.costUsd).toBeCloseTo((6 * 0.02) / 1e6, 12);
  });

  it("records a fallback chain as spans, priced as the model that served", async () => {
    primary.switches = { fail: { status: 500 } };
    const { data, response } = await client.chat.completions
      .create({ model: "fb", messages: [{ role: "user", content: "fall over" }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe("Hi from the backup");
    await flushTracing();
    const t = await trace(response.headers.get("x-request-id")!);
    expect(t).toMatchObject({ status: "ok", provider: "openai", model: "gpt-4o" });
    expect(t.attempts).toBe(t.spans.length);
    expect(t.spans[0]).toMatchObject({ model: "gpt-4o-mini", status: "error", httpStatus: 500, inputTokens: null });
    expect(t.spans[t.spans.length - 1]).toMatchObject({ model: "gpt-4o", status: "ok", httpStatus: 200, inputTokens: 1000 });
    expect(t.costUsd).toBe(computeCost("openai", "gpt-4o", { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 100 })!.costUsd);
  });

  it("records a failed call as an error trace with no cost billed", async () => {
    primary.switches = { fail: { status: 400, message: "bad things" } };
    await expect(client.chat.completions.create({ model: "chat", messages: [{ role: "user", content: "x" }] })).rejects.toThrow();
    await flushTracing();
    const [t] = await database.db.trace.findMany();
    expect(t).toMatchObject({ status: "error", httpStatus: 400, costUsd: 0, inputTokens: null });
    expect(t.errorMessage).toContain("bad things");
    // The response payload is the error body the client received.
    const received = JSON.parse(t.responsePayload!);
    expect(received.error).toMatchObject({ code: "upstream_client_error" });
    expect(received.error.message).toContain("bad things");
    expect(t.requestPayload).toContain('"content":"x"');
  });

  it("respects the endpoint's payload capture and usage tracking switches", async () => {
    const { response } = await client.chat.completions.create({ model: "quiet", messages: [{ role: "user", content: "secret" }] }).withResponse();
    await client.chat.completions.create({ model: "untracked", messages: [{ role: "user", content: "x" }] });
    await flushTracing();
    expect(await database.db.trace.count()).toBe(1);
    const t = await trace(response.headers.get("x-request-id")!);
    expect(t).toMatchObject({ requestPayload: null, responsePayload: null, inputTokens: 1000 });
  });

  it("writes exactly N traces and rollups for N concurrent requests, also through a database outage", async () => {
    const N = 200;
    let sent = 0;
    const worker = async () => {
      while (sent < N) {
        sent++;
        await client.chat.completions.create({ model: "chat", messages: [{ role: "user", content: `load ${sent}` }] });
      }
    };
    const before = getTracingMetrics()!;
    // The writer runs on this (the main) thread here: a locked database must not freeze it.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const load = Promise.all(Array.from({ length: 8 }, worker));
    // Halfway through, the database goes away (SQLite: locked past its 5 s busy timeout).
    while (sent < N / 2) await new Promise((r) => setTimeout(r, 5));
    const outage = await databaseOutage(kind, database.url, kind === "sqlite" ? 6_000 : 1_500);
    await load;
    await outage.released;
    loop.disable();
    expect(loop.max / 1e6).toBeLessThan(1_000); // ms; a blocking 5 s busy wait would show here
    await flushTracing(30_000);
    const after = getTracingMetrics()!;
    expect(after.written - before.written).toBe(N);
    expect(after.failedBatches).toBeGreaterThan(before.failedBatches); // the outage was felt
    expect(after.dropped).toBe(before.dropped);
    expect(await database.db.trace.count()).toBe(N);
    expect(await database.db.span.count()).toBe(N);
    const rollups = await database.db.usageRollup.groupBy({ by: ["granularity"], _sum: { requests: true, totalTokens: true } });
    for (const r of rollups) {
      expect(r._sum.requests).toBe(N);
      expect(Number(r._sum.totalTokens)).toBe(N * 1200);
    }
    expect(rollups).toHaveLength(3);
  }, 60_000);
});
