// GET /api/health through a real database outage while the gateway keeps serving: the trace
// writer's failed batches and (with a small buffer bound) dropped records show on the health
// report, which reads healthy again once the database is back — on SQLite and PostgreSQL.

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as HEALTH from "../../app/api/health/route";
import { flushTracing, getTracingMetrics, startTracing, stopTracing } from "../../lib/tracing";
import { OpenAiFake } from "../fakes/openai";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";
import { waitFor } from "./fixtures";
import { databaseOutage } from "./outage";

const BUFFER = 10;

async function health(): Promise<{ status: number; body: any }> {
  const res = await HEALTH.GET();
  return { status: res.status, body: await res.json() };
}

describe.each(TEST_DATABASES)("/api/health through a database outage (%s)", (kind) => {
  const database = useFreshDatabase(kind);
  const logs: string[] = [];
  let gw: TestGateway;
  let fake: OpenAiFake;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await new OpenAiFake().start();
    gw = await startGateway();
    startTracing({
      settings: { flushIntervalMs: 20, batchSize: 5, maxBuffered: BUFFER, retryMinMs: 50, retryMaxMs: 200 },
      log: (m) => logs.push(m),
    });
    client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
    setGatewayConfig([teamToken()], [endpoint("chat", [target("openai", "gpt-4o-mini", fake.baseUrl)])]);
  });

  afterAll(async () => {
    await stopTracing();
    await gw.close();
    await fake.close();
  });

  it("reports failed batches and dropped traces, and healthy again once the database is back", async () => {
    const ask = (i: number) => client.chat.completions.create({ model: "chat", messages: [{ role: "user", content: `call ${i}` }] });
    await ask(0);
    expect(await flushTracing()).toEqual({ remaining: 0 });
    const before = await health();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ status: "ok", db: { status: "ok" }, tracing: { written: 1, dropped: 0, failedBatches: 0, lastError: null } });

    const outage = await databaseOutage(kind, database.url, 3_000);
    // The gateway keeps answering: its request path never waits on the database.
    const N = 40;
    for (let i = 1; i <= N; i += 4) await Promise.all([i, i + 1, i + 2, i + 3].map(ask));
    await waitFor(() => (getTracingMetrics()?.failedBatches ?? 0) > 0, 10_000, "a failed batch");

    const during = await health();
    expect(during.body.tracing.enqueued).toBe(N + 1);
    expect(during.body.tracing.failedBatches).toBeGreaterThan(0);
    expect(during.body.tracing.dropped).toBeGreaterThan(0); // N records against a buffer of BUFFER
    expect(during.body.tracing.queued).toBeLessThanOrEqual(BUFFER);
    expect(during.body.tracing.lastError).toBeTruthy();
    if (kind === "postgresql") {
      // PostgreSQL refuses connections: the probe fails too. (A locked SQLite file still reads.)
      expect(during.status).toBe(503);
      expect(during.body).toMatchObject({ status: "degraded", db: { status: "unavailable", error: expect.any(String) } });
    }

    await outage.released;
    expect(await flushTracing(20_000)).toEqual({ remaining: 0 });
    const after = await health();
    expect(after.status).toBe(200);
    expect(after.body.status).toBe("ok");
    const t = after.body.tracing;
    expect(t).toMatchObject({ enqueued: N + 1, queued: 0, rejected: 0 });
    expect(t.dropped).toBe(N + 1 - t.written);
    expect(t.dropped).toBeGreaterThan(0);
    expect(t.failedBatches).toBeGreaterThanOrEqual(during.body.tracing.failedBatches);
    expect(t.lastError).toBeTruthy();
    expect(t.lastWriteAt).not.toBeNull();
    expect(await database.db.trace.count()).toBe(t.written);
    expect(logs.join("\n")).toMatch(/dropped \d+ trace\(s\): buffer full/);
  }, 60_000);
});
