// The production server's trace writer on a worker thread: records handed over from the gateway's
// thread are all written (traces, spans, rollups), listeners on this thread hear of each batch,
// and the counters add up — on SQLite and PostgreSQL.
import { afterEach, describe, expect, it } from "vitest";
import * as HEALTH from "../../app/api/health/route";
import { startTracing, stopTracing } from "../../lib/tracing";
import { onTracesWritten, setWrittenInterest } from "../../lib/tracing/listeners";
import type { TraceRow } from "../../lib/tracing/rows";
import { restartDelayMs, WorkerTraceWriter } from "../../lib/tracing/worker-writer";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";
import { traceRecord, waitFor } from "./fixtures";

describe.each(TEST_DATABASES)("trace writer on a worker thread (%s)", (kind) => {
  const database = useFreshDatabase(kind);
  const writers: WorkerTraceWriter[] = [];
  const unlisten: Array<() => void> = [];

  afterEach(async () => {
    await Promise.all(writers.splice(0).map((w) => w.close(5_000)));
    for (const u of unlisten.splice(0)) u();
    await database.db.span.deleteMany();
    await database.db.trace.deleteMany();
    await database.db.usageRollup.deleteMany();
  });

  it("writes every record handed over, with spans and rollups, and tells this thread's listeners", async () => {
    const heard: TraceRow[] = [];
    unlisten.push(onTracesWritten("test", (traces) => heard.push(...traces)));
    const w = new WorkerTraceWriter({ flushIntervalMs: 50 }, { databaseUrl: database.url });
    writers.push(w);
    const N = 500;
    for (let i = 0; i < N; i++) w.enqueue(traceRecord({ status: i % 5 === 0 ? "error" : "ok" }));
    expect(w.metrics()).toMatchObject({ enqueued: N, queued: N });

    expect(await w.flush(20_000)).toEqual({ remaining: 0 });
    expect(w.metrics()).toMatchObject({ enqueued: N, written: N, queued: 0, dropped: 0, rejected: 0 });
    expect(await database.db.trace.count()).toBe(N);
    expect(await database.db.trace.count({ where: { status: "error" } })).toBe(N / 5);
    expect(await database.db.span.count()).toBeGreaterThanOrEqual(N);
    const minute = await database.db.usageRollup.aggregate({ where: { granularity: 60 }, _sum: { requests: true } });
    expect(minute._sum.requests).toBe(N);

    await waitFor(() => heard.length === N, 10_000, "listeners on the gateway's thread");
    expect(new Set(heard.map((t) => t.id)).size).toBe(N);
    // Payloads stay in the database; the relayed rows carry the rest.
    expect(heard[0]).toMatchObject({ requestPayload: null, responsePayload: null, endpointName: expect.any(String) });
  });

  it("flags which payload was cut, after the hand-over's own cut of long payload text", async () => {
    const heard: TraceRow[] = [];
    unlisten.push(onTracesWritten("test", (traces) => heard.push(...traces)));
    const w = new WorkerTraceWriter({ flushIntervalMs: 50, maxPayloadBytes: 1024 }, { databaseUrl: database.url });
    writers.push(w);
    const long = "é".repeat(3000);
    const request = traceRecord({ request: long, response: "short" }); // text: cut before the hand-over too
    const response = traceRecord({ response: { choices: [{ message: { content: long } }] } });
    w.enqueue(request);
    w.enqueue(response);
    expect(await w.flush(20_000)).toEqual({ remaining: 0 });
    const row = (id: string) => database.db.trace.findUniqueOrThrow({ where: { id } });
    expect(await row(request.requestId)).toMatchObject({ payloadTruncated: true, requestTruncated: true, responseTruncated: false, responsePayload: "short" });
    expect(await row(response.requestId)).toMatchObject({ payloadTruncated: true, requestTruncated: false, responseTruncated: true });
    expect(Buffer.byteLength((await row(request.requestId)).requestPayload!)).toBeLessThanOrEqual(1024);
    await waitFor(() => heard.length === 2, 10_000, "listeners on the gateway's thread");
    expect(heard.find((t) => t.id === response.requestId)).toMatchObject({ requestTruncated: false, responseTruncated: true });
  });

  it("relays back only the traces this thread's listeners want (by endpoint id or name), none when nobody listens", async () => {
    const w = new WorkerTraceWriter({ flushIntervalMs: 50 }, { databaseUrl: database.url });
    writers.push(w);
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) {
        w.enqueue(traceRecord({ endpoint: "alpha", endpointId: "ep_alpha" }));
        w.enqueue(traceRecord({ endpoint: "beta", endpointId: "ep_beta" }));
        w.enqueue(traceRecord({ endpoint: "gamma", endpointId: "ep_gamma" }));
      }
      // "written" messages precede the flush's answer, so everything relayed has arrived.
      expect(await w.flush(20_000)).toEqual({ remaining: 0 });
    };
    const heard: string[] = [];
    unlisten.push(onTracesWritten("narrow", (traces) => heard.push(...traces.map((t) => t.endpointName)), new Set(["ep_beta", "gamma"])));
    await write(20);
    expect(heard.filter((e) => e === "beta")).toHaveLength(20);
    expect(heard.filter((e) => e === "gamma")).toHaveLength(20);
    expect(heard).toHaveLength(40);

    heard.length = 0;
    setWrittenInterest("narrow", new Set());
    await write(5);
    expect(heard).toEqual([]);

    setWrittenInterest("narrow", "all");
    await write(5);
    expect(heard).toHaveLength(15);

    heard.length = 0;
    for (const u of unlisten.splice(0)) u();
    await write(5);
    expect(heard).toEqual([]);
    expect(await database.db.trace.count()).toBe(105);
  });

  it("replaces a writer thread that dies: its unwritten records count as dropped, later traces are written", async () => {
    // Batches wait for a flush, so the records posted before the death are still in the thread's hands.
    const w = new WorkerTraceWriter({ flushIntervalMs: 60_000, batchSize: 10_000 }, { databaseUrl: database.url });
    writers.push(w); // closing it again after stopTracing() is a no-op
    startTracing({ create: () => w }); // the writer /api/health reports
    try {
      for (let i = 0; i < 10; i++) w.enqueue(traceRecord());
      expect(await w.flush(20_000)).toEqual({ remaining: 0 });
      for (let i = 0; i < 7; i++) w.enqueue(traceRecord());

      await w.terminateWorkerForTest();
      const afterDeath = w.metrics();
      expect(afterDeath).toMatchObject({ enqueued: 17, written: 10, dropped: 7, queued: 0 });
      expect(afterDeath.lastError).toMatch(/writer thread exited .*7 trace record\(s\) it held were lost/);
      const health = await (await HEALTH.GET()).json();
      expect(health.tracing).toMatchObject({ written: 10, dropped: 7, lastError: afterDeath.lastError });

      const later = Array.from({ length: 5 }, () => traceRecord());
      for (const r of later) w.enqueue(r);
      expect(await w.flush(20_000)).toEqual({ remaining: 0 });
      expect(w.metrics()).toMatchObject({ enqueued: 22, written: 15, dropped: 7, queued: 0 });
      expect(await database.db.trace.count()).toBe(15);
      expect(await database.db.trace.count({ where: { id: { in: later.map((r) => r.requestId) } } })).toBe(5);

      // A flush under way when the thread dies is answered by the next one.
      w.enqueue(traceRecord());
      const flushing = w.flush(20_000);
      await w.terminateWorkerForTest();
      expect(await flushing).toEqual({ remaining: 0 });
      const m = w.metrics();
      expect(m.written + m.dropped).toBe(23);
      expect(await database.db.trace.count()).toBe(m.written);
    } finally {
      await stopTracing();
    }
  });

  it("backs off restarts of a thread that keeps dying", () => {
    expect([1, 2, 3, 4, 8, 20].map(restartDelayMs)).toEqual([0, 500, 1_000, 2_000, 30_000, 30_000]);
  });

  it("counts records after close as dropped", async () => {
    const w = new WorkerTraceWriter({}, { databaseUrl: database.url });
    w.enqueue(traceRecord());
    expect(await w.close(10_000)).toEqual({ remaining: 0 });
    w.enqueue(traceRecord());
    expect(w.metrics()).toMatchObject({ enqueued: 2, written: 1, dropped: 1 });
    expect(await database.db.trace.count()).toBe(1);
  });
});
