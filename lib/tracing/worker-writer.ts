// The trace writer on a worker thread (the production server's choice, see lib/server/main.ts).
// The gateway's thread only appends records (encoded as flat tuples) to an array; every 50 ms
// they are posted to the worker in one message. The worker (lib/tracing/worker-main.ts) runs the ordinary
// TraceWriter — batching, retries, the bounded buffer, rollups, pricing — with its own database
// connection, so neither row building nor the synchronous SQLite driver blocks a request.
// Same surface as TraceWriter: enqueue / metrics / flush / close.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { GatewayTraceRecord } from "../gateway/trace-hook";
import { onPriceCacheInvalidated } from "../usage/price-overrides";
import { notifyTracesWritten, onWrittenInterestChange, writtenInterest } from "./listeners";
import { encodeRecord, type EncodedRecord } from "./record-codec";
import { tracingSettingsFromEnv, type TracingSettings } from "./settings";
import type { FromWorker, ToWorker, WorkerInit } from "./worker-protocol";
import type { FlushResult, TracingMetrics } from "./writer";

/** How long records wait on this thread before they are posted (one message per interval). Each
 * message wakes the writer thread, which costs tens of µs: at 5 ms a busy gateway spent ~25 µs per
 * request on it, at 50 ms ~2. The writer batches for 250 ms anyway. */
const POST_INTERVAL_MS = 50;
/** …or as soon as this many are waiting (bounds the memory held here under heavy load). */
const POST_MAX_RECORDS = 1024;
const WORKER_ENTRY = "worker-entry.mjs";

const EMPTY: TracingMetrics = {
  queued: 0, enqueued: 0, written: 0, dropped: 0, rejected: 0, failedBatches: 0, lastError: null, lastErrorAt: null, lastWriteAt: null,
};

export class WorkerTraceWriter {
  readonly #worker: Worker;
  /** Encoded at once (record-codec.ts), so the record's objects die young. */
  #pending: EncodedRecord[] = [];
  readonly #maxPayloadBytes: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Counters of this thread: records posted, and records that could not be posted. */
  #posted = 0;
  #unsendable = 0;
  #closed = false;
  #remote: TracingMetrics = EMPTY;
  #nextId = 1;
  readonly #waiting = new Map<number, (r: FlushResult) => void>();

  /** `databaseUrl` defaults to the worker's inherited DATABASE_URL (as getDb() reads it). */
  constructor(settings?: Partial<TracingSettings>, options: { databaseUrl?: string } = {}) {
    const init: WorkerInit = { settings };
    this.#maxPayloadBytes = tracingSettingsFromEnv(settings).maxPayloadBytes;
    // Resolved at run time (not `new URL(…, import.meta.url)`, which bundlers would try to follow):
    // only the tsx-loaded production server and tests construct this class.
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_ENTRY);
    const env = options.databaseUrl ? { ...process.env, DATABASE_URL: options.databaseUrl } : process.env;
    this.#worker = new Worker(entry, { workerData: init, env });
    this.#worker.unref(); // an idle writer never keeps the process alive; flush() re-refs it
    this.#worker.on("message", (msg: FromWorker) => this.#onMessage(msg));
    this.#worker.on("error", (err) => console.error("[gatehouse] tracing: the writer thread failed:", err));
    onPriceCacheInvalidated(() => this.#send({ type: "invalidate-prices" }));
    // Committed traces come back only for this thread's listeners, and only those they want.
    const sendInterest = () => {
      const interest = writtenInterest();
      this.#send({ type: "relay", interest: interest === "all" ? "all" : [...interest] });
    };
    onWrittenInterestChange(sendInterest);
    sendInterest();
  }

  /** The hot path: an array push of the encoded record (cloned to the worker in batches). */
  enqueue(record: GatewayTraceRecord): void {
    if (this.#closed) {
      this.#unsendable++;
      return;
    }
    this.#pending.push(encodeRecord(record, this.#maxPayloadBytes));
    if (this.#pending.length >= POST_MAX_RECORDS) this.#post();
    else this.#timer ??= setTimeout(() => this.#post(), POST_INTERVAL_MS);
  }

  metrics(): TracingMetrics {
    const r = this.#remote;
    const inTransit = this.#posted - r.enqueued;
    return {
      ...r,
      queued: r.queued + this.#pending.length + Math.max(0, inTransit),
      enqueued: this.#posted + this.#pending.length + this.#unsendable,
      dropped: r.dropped + this.#unsendable,
    };
  }

  flush(timeoutMs = 10_000): Promise<FlushResult> {
    return this.#roundTrip("flush", timeoutMs);
  }

  async close(timeoutMs = 10_000): Promise<FlushResult> {
    const result = await this.#roundTrip("close", timeoutMs);
    this.#closed = true;
    onPriceCacheInvalidated(null);
    onWrittenInterestChange(null);
    await this.#worker.terminate();
    return result;
  }

  #roundTrip(type: "flush" | "close", timeoutMs: number): Promise<FlushResult> {
    this.#post();
    const id = this.#nextId++;
    this.#worker.ref();
    return new Promise<FlushResult>((resolve) => {
      const timer = setTimeout(() => finish({ remaining: this.metrics().queued }), timeoutMs + 1_000);
      const finish = (r: FlushResult) => {
        clearTimeout(timer);
        this.#waiting.delete(id);
        if (this.#waiting.size === 0) this.#worker.unref();
        resolve(r);
      };
      this.#waiting.set(id, finish);
      this.#send({ type, id, timeoutMs });
    });
  }

  #post(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length === 0) return;
    const records = this.#pending;
    this.#pending = [];
    try {
      this.#worker.postMessage({ type: "records", records } satisfies ToWorker);
      this.#posted += records.length;
    } catch {
      // A record that cannot be cloned (should not happen: records are plain data): post one by one.
      for (const record of records) {
        try {
          this.#worker.postMessage({ type: "records", records: [record] } satisfies ToWorker);
          this.#posted++;
        } catch (err) {
          this.#unsendable++;
          console.error(`[gatehouse] tracing: trace ${record[0]} could not be handed to the writer thread:`, err);
        }
      }
    }
  }

  #send(msg: ToWorker): void {
    this.#worker.postMessage(msg);
  }

  #onMessage(msg: FromWorker): void {
    if (msg.type === "metrics") this.#remote = msg.metrics;
    else if (msg.type === "written") notifyTracesWritten(msg.traces);
    else if (msg.type === "flushed") {
      this.#remote = msg.metrics;
      this.#waiting.get(msg.id)?.(msg.result);
    }
  }
}
