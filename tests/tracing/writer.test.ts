import { afterEach, describe, expect, it } from "vitest";
import { dbFor, type Db } from "../../lib/db";
import { traceFiltersSchema } from "../../lib/tracing/schemas";
import { traceStoreFor } from "../../lib/tracing/store";
import { TraceWriter, type TraceWriterOptions } from "../../lib/tracing/writer";
import { useFreshDatabase, type TestDatabaseKind } from "../helpers/db";
import { traceRecord, usage, waitFor } from "./fixtures";
import { databaseOutage } from "./outage";

/** A PostgreSQL URL nothing listens on: a database that is down. */
const DEAD_DB_URL = "postgresql://postgres@127.0.0.1:1/down";

async function rollupRequests(db: Db): Promise<Record<number, number>> {
  const rows = await db.usageRollup.groupBy({ by: ["granularity"], _sum: { requests: true } });
  return Object.fromEntries(rows.map((r) => [r.granularity, r._sum.requests ?? 0]));
}

// Every behaviour on each way a batch reaches a database: the direct stores (better-sqlite3,
// node-postgres: what the server uses) and Prisma (the writer's path when given no store).
const VARIANTS: ReadonlyArray<[string, TestDatabaseKind, "prisma" | "direct"]> = [
  ["sqlite, direct store", "sqlite", "direct"],
  ["sqlite, through Prisma", "sqlite", "prisma"],
  ["postgresql, direct store", "postgresql", "direct"],
  ["postgresql, through Prisma", "postgresql", "prisma"],
];

describe.each(VARIANTS)("trace writer (%s)", (_name, kind, path) => {
  const database = useFreshDatabase(kind);
  const writers: TraceWriter[] = [];
  const logs: string[] = [];

  function writer(options: Partial<TraceWriterOptions> = {}): TraceWriter {
    const store = path === "direct" ? traceStoreFor(database.url) : undefined;
    const w = new TraceWriter({ db: database.db, store, log: (m) => logs.push(m), ...options });
    writers.push(w);
    return w;
  }

  afterEach(async () => {
    await Promise.all(writers.splice(0).map((w) => w.close(5_000)));
    await database.db.span.deleteMany();
    await database.db.trace.deleteMany();
    await database.db.usageRollup.deleteMany();
    logs.length = 0;
  });

  it("writes a full batch at once and a partial batch after the flush interval", async () => {
    const w = writer({ settings: { batchSize: 50, flushIntervalMs: 60_000 } });
    for (let i = 0; i < 120; i++) w.enqueue(traceRecord());
    // Two full batches go out without waiting for the (one minute) timer; 20 wait.
    await waitFor(() => w.metrics().written === 100, 10_000, "two full batches");
    expect(w.metrics()).toMatchObject({ queued: 20, written: 100 });
    expect(await database.db.trace.count()).toBe(100);

    const timed = writer({ settings: { batchSize: 1000, flushIntervalMs: 100 } });
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) timed.enqueue(traceRecord());
    expect(timed.metrics().written).toBe(0);
    await waitFor(() => timed.metrics().written === 5, 5_000, "the timed flush");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
  });

  it("writes exactly N traces, their spans and rollups summing to N", async () => {
    const w = writer();
    const N = 1000;
    let errors = 0;
    for (let i = 0; i < N; i++) {
      const failed = i % 10 === 0;
      if (failed) errors++;
      w.enqueue(traceRecord({ status: failed ? "error" : "ok", latencyMs: 50 + (i % 500), teamId: i % 3 ? "team_a" : "team_b" }));
    }
    expect(await w.flush()).toEqual({ remaining: 0 });
    expect(w.metrics()).toMatchObject({ enqueued: N, written: N, dropped: 0, rejected: 0, failedBatches: 0, queued: 0 });
    expect(await database.db.trace.count()).toBe(N);
    expect(await database.db.span.count()).toBe(N);
    expect(await rollupRequests(database.db)).toEqual({ 60: N, 3600: N, 86400: N });
    const day = await database.db.usageRollup.aggregate({ where: { granularity: 86400 }, _sum: { errors: true, totalTokens: true } });
    expect(day._sum.errors).toBe(errors);
    expect(Number(day._sum.totalTokens)).toBe(N * 1200);
  });

  it("writes rows Prisma reads back field for field", async () => {
    const w = writer();
    const r = traceRecord({
      startTime: Date.UTC(2025, 5, 1, 12, 0, 0, 123),
      streaming: true,
      ttftMs: 87.6,
      metadata: { customer: "acme", tier: 2 },
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      caller: "judge",
    });
    w.enqueue(r);
    await w.flush();
    const row = await database.db.trace.findUniqueOrThrow({ where: { id: r.requestId }, include: { spans: true } });
    expect(row).toMatchObject({
      startedAt: new Date(r.startTime),
      endpointName: "chat",
      streaming: true,
      ttftMs: 88,
      latencyMs: 420,
      inputTokens: 1000,
      cacheReadTokens: 100,
      payloadTruncated: false,
      requestTruncated: false,
      responseTruncated: false,
      metadata: { customer: "acme", tier: 2 },
      traceparent: r.traceparent,
      caller: "judge",
    });
    expect(JSON.parse(row.requestPayload!)).toEqual(r.request);
    expect(row.spans).toHaveLength(1);
    expect(row.spans[0]).toMatchObject({ attempt: 0, startedAt: new Date(r.startTime + 5), endedAt: new Date(r.startTime + 415), httpStatus: 200 });
    // Filters on dates and booleans match it (the console's queries).
    expect(await database.db.trace.count({ where: { startedAt: { gte: new Date(r.startTime), lt: new Date(r.startTime + 1) }, streaming: true } })).toBe(1);
    const minute = await database.db.usageRollup.findFirstOrThrow({ where: { granularity: 60, bucketStart: new Date(Date.UTC(2025, 5, 1, 12, 0)) } });
    expect(minute).toMatchObject({ requests: 1, streamingRequests: 1, caller: "judge", ttftCount: 1 });
  });

  it("merges a batch into one rollup row per bucket and dimensions", async () => {
    const w = writer();
    const start = Date.UTC(2025, 0, 15, 10, 30, 5);
    for (let i = 0; i < 10; i++) w.enqueue(traceRecord({ startTime: start + i * 1000, latencyMs: 100 * (i + 1) }));
    w.enqueue(traceRecord({ startTime: start, teamId: "team_b" }));
    await w.flush();
    const rows = await database.db.usageRollup.findMany({ where: { granularity: 60 }, orderBy: { teamId: "asc" } });
    expect(rows.map((r) => [r.teamId, r.requests, r.bucketStart.toISOString()])).toEqual([
      ["team_a", 10, "2025-01-15T10:30:00.000Z"],
      ["team_b", 1, "2025-01-15T10:30:00.000Z"],
    ]);
    const a = rows[0];
    expect(Number(a.latencyMsSum)).toBe(5500);
    // latencies 100..1000 ms: buckets ≤100 (1), ≤150 (0), ≤250 (1), ≤400 (2), ≤600 (2), ≤1000 (4)
    expect([a.lat05, a.lat06, a.lat07, a.lat08, a.lat09, a.lat10]).toEqual([1, 0, 1, 2, 2, 4]);

    // A second batch increments the same rows.
    w.enqueue(traceRecord({ startTime: start + 30_000 }));
    await w.flush();
    const again = await database.db.usageRollup.findMany({ where: { granularity: 60, teamId: "team_a" } });
    expect(again).toHaveLength(1);
    expect(again[0].requests).toBe(11);
  });

  it("prices streamed and non-streamed calls with the same usage the same", async () => {
    const w = writer();
    const plain = traceRecord({ model: "claude-sonnet-4-5-20250929", provider: "anthropic", usage: usage(10_000, 500, 6_000, 2_000) });
    const streamed = traceRecord({ ...plain, requestId: "streamed-1", streaming: true, ttftMs: 120 });
    const unknown = traceRecord({ model: "my-finetune" });
    const failed = traceRecord({ status: "error", usage: null });
    for (const r of [plain, streamed, unknown, failed]) w.enqueue(r);
    await w.flush();
    const cost = async (id: string) =>
      database.db.trace.findUniqueOrThrow({ where: { id }, select: { costUsd: true, inputCostUsd: true, outputCostUsd: true } });
    expect(await cost(plain.requestId)).toEqual({ costUsd: 0.0228, inputCostUsd: 0.0153, outputCostUsd: 0.0075 });
    expect(await cost(streamed.requestId)).toEqual(await cost(plain.requestId));
    expect(await cost(unknown.requestId)).toEqual({ costUsd: null, inputCostUsd: null, outputCostUsd: null });
    // The upstream answered 500: nothing was billed.
    expect((await cost(failed.requestId)).costUsd).toBe(0);
    const day = await database.db.usageRollup.aggregate({
      where: { granularity: 86400 },
      _sum: { unknownCostRequests: true, costUsd: true },
    });
    expect(day._sum.unknownCostRequests).toBe(1);
    expect(day._sum.costUsd).toBeCloseTo(0.0456 + 0, 10);
  });

  it("uses admin price overrides", async () => {
    const price = await database.db.modelPrice.create({
      data: { provider: "openai", modelPattern: "gpt-4o-mini*", inputPerMillion: 1, outputPerMillion: 2 },
    });
    try {
      const { invalidatePriceCache } = await import("../../lib/usage/price-overrides");
      invalidatePriceCache();
      const w = writer();
      const r = traceRecord({ usage: usage(1_000_000, 1_000_000, 0) });
      w.enqueue(r);
      await w.flush();
      expect((await database.db.trace.findUniqueOrThrow({ where: { id: r.requestId } })).costUsd).toBe(3);
    } finally {
      await database.db.modelPrice.delete({ where: { id: price.id } });
      (await import("../../lib/usage/price-overrides")).invalidatePriceCache();
    }
  });

  it("caps payloads and flags the trace as truncated", async () => {
    const w = writer({ settings: { maxPayloadBytes: 1024 } });
    const long = "é".repeat(3000); // 2 bytes each
    const r = traceRecord({ request: { messages: [{ role: "user", content: long }] }, response: "short" });
    const small = traceRecord();
    w.enqueue(r);
    w.enqueue(small);
    await w.flush();
    const row = await database.db.trace.findUniqueOrThrow({ where: { id: r.requestId } });
    expect(row).toMatchObject({ payloadTruncated: true, requestTruncated: true, responseTruncated: false });
    expect(Buffer.byteLength(row.requestPayload!)).toBeLessThanOrEqual(1024);
    expect(Buffer.byteLength(row.requestPayload!)).toBeGreaterThan(1020);
    expect(row.requestPayload).not.toContain("\uFFFD"); // cut on a character boundary
    expect(row.responsePayload).toBe("short");
    const ok = await database.db.trace.findUniqueOrThrow({ where: { id: small.requestId } });
    expect(ok).toMatchObject({ payloadTruncated: false, requestTruncated: false, responseTruncated: false });
    expect(JSON.parse(ok.requestPayload!)).toEqual(small.request);
  });

  it("flags only the payload that was cut: an oversized response, both, or an oversized string", async () => {
    const w = writer({ settings: { maxPayloadBytes: 1024 } });
    const long = "x".repeat(5000);
    const response = traceRecord({ response: { choices: [{ message: { role: "assistant", content: long } }] } });
    const both = traceRecord({ request: { messages: [{ role: "user", content: long }] }, response: long });
    const text = traceRecord({ request: long, response: "short" }); // payload text is cut as it is
    for (const r of [response, both, text]) w.enqueue(r);
    await w.flush();
    const flags = async (id: string) => {
      const row = await database.db.trace.findUniqueOrThrow({ where: { id } });
      return { payload: row.payloadTruncated, request: row.requestTruncated, response: row.responseTruncated };
    };
    expect(await flags(response.requestId)).toEqual({ payload: true, request: false, response: true });
    expect(await flags(both.requestId)).toEqual({ payload: true, request: true, response: true });
    expect(await flags(text.requestId)).toEqual({ payload: true, request: true, response: false });
    const cut = await database.db.trace.findUniqueOrThrow({ where: { id: response.requestId } });
    expect(JSON.parse(cut.requestPayload!)).toEqual(response.request);
    expect(Buffer.byteLength(cut.responsePayload!)).toBe(1024);
  });

  it("cuts the caller tag to 64 characters in the trace and its rollups", async () => {
    const w = writer();
    const long = traceRecord({ caller: `batch-${"x".repeat(500)}` });
    const emoji = traceRecord({ caller: `${"a".repeat(63)}😀tail` }); // the 64th character is half an emoji
    const short = traceRecord({ caller: "judge" });
    for (const r of [long, emoji, short]) w.enqueue(r);
    await w.flush();
    const caller = async (id: string) => (await database.db.trace.findUniqueOrThrow({ where: { id } })).caller;
    expect(await caller(long.requestId)).toBe(`batch-${"x".repeat(58)}`);
    expect(await caller(emoji.requestId)).toBe("a".repeat(63));
    expect(await caller(short.requestId)).toBe("judge");
    const rollups = await database.db.usageRollup.findMany({ where: { granularity: 60 }, select: { caller: true } });
    expect(rollups.map((r) => r.caller).sort()).toEqual(["a".repeat(63), `batch-${"x".repeat(58)}`, "judge"]);
    // A filter naming the whole tag finds the cut one.
    expect(traceFiltersSchema.parse({ caller: `batch-${"x".repeat(90)}` }).caller).toBe(`batch-${"x".repeat(58)}`);
  });

  it("rejects a record the database refuses without blocking the others", async () => {
    const w = writer();
    const first = traceRecord();
    w.enqueue(first);
    await w.flush();
    const batch = [traceRecord(), { ...traceRecord(), requestId: first.requestId }, traceRecord()];
    for (const r of batch) w.enqueue(r);
    await w.flush();
    expect(w.metrics()).toMatchObject({ written: 3, rejected: 1, queued: 0 });
    expect(await database.db.trace.count()).toBe(3);
    expect(await rollupRequests(database.db)).toEqual({ 60: 3, 3600: 3, 86400: 3 });
    expect(logs.join("\n")).toContain(`trace ${first.requestId} rejected`);
  });

  it("keeps every record through a database outage and writes exactly N afterwards", async () => {
    const w = writer({ settings: { batchSize: 100, flushIntervalMs: 50, retryMinMs: 100, retryMaxMs: 400 } });
    const N = 600;
    for (let i = 0; i < N / 2; i++) w.enqueue(traceRecord());
    await waitFor(() => w.metrics().written === N / 2, 10_000, "the first half");
    // SQLite's busy timeout is 5 s: hold the lock longer so writes fail and are retried.
    const outage = await databaseOutage(kind, database.url, kind === "sqlite" ? 6_500 : 1_500);
    for (let i = 0; i < N / 2; i++) w.enqueue(traceRecord());
    await waitFor(() => w.metrics().failedBatches > 0, 15_000, "a failed batch");
    await outage.released;
    await w.flush(20_000);
    expect(w.metrics()).toMatchObject({ written: N, dropped: 0, rejected: 0, queued: 0 });
    expect(w.metrics().lastError).toBeTruthy();
    expect(await database.db.trace.count()).toBe(N);
    expect(await rollupRequests(database.db)).toEqual({ 60: N, 3600: N, 86400: N });
    expect(logs.join("\n")).toMatch(/writing a batch failed .*retrying/);
    expect(logs.join("\n")).toMatch(/recovered after \d+ failed attempt/);
  }, 60_000);

  it("drops the oldest records beyond the buffer bound and counts them", async () => {
    // The writer starts on a database that is down, then the database comes back.
    let current: Db = dbFor(DEAD_DB_URL);
    // (Switches databases under the writer, so it writes through Prisma on whichever is current.)
    const w = writer({ db: () => current, store: undefined, settings: { batchSize: 10, maxBuffered: 100, retryMinMs: 50, retryMaxMs: 100 } });
    const records = Array.from({ length: 150 }, () => traceRecord());
    for (const r of records.slice(0, 10)) w.enqueue(r);
    await waitFor(() => w.metrics().failedBatches >= 1, 10_000, "a failed batch");
    // 10 in flight (being retried) + 140 more: the bound of 100 drops the 50 oldest waiting ones.
    for (const r of records.slice(10)) w.enqueue(r);
    expect(w.metrics()).toMatchObject({ enqueued: 150, dropped: 50, queued: 100 });
    await waitFor(() => w.metrics().failedBatches >= 3, 10_000, "more failed retries");
    expect(w.metrics().lastError).toBeTruthy();
    current = database.db;
    await w.flush(10_000);
    expect(w.metrics()).toMatchObject({ written: 100, dropped: 50, queued: 0 });
    // The first batch was in flight when the buffer overflowed and was kept; the oldest waiting
    // records were dropped.
    const written = new Set((await database.db.trace.findMany({ select: { id: true } })).map((t) => t.id));
    expect(written.size).toBe(100);
    expect(records.slice(0, 10).every((r) => written.has(r.requestId))).toBe(true);
    expect(records.slice(10, 60).some((r) => written.has(r.requestId))).toBe(false);
    expect(records.slice(60).every((r) => written.has(r.requestId))).toBe(true);
    expect(logs.join("\n")).toMatch(/dropped \d+ trace\(s\): buffer full \(100 records\)/);
    await dbFor(DEAD_DB_URL).$disconnect();
  });
});
