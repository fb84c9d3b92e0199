// The trace writer on a worker thread (the production server's choice, see lib/server/main.ts).
// The gateway's thread only appends records (encoded as flat tuples) to an array; every 50 ms
// they are posted to the worker in one message. The worker (lib/tracing/worker-main.ts) runs the ordinary
// TraceWriter — batching, retries, the bounded buffer, rollups, pricing — with its own database
// connection, so neither row building nor the synchronous SQLite driver blocks a request.
// Same surface as TraceWriter: enqueue / metrics / flush / close.
//
// A writer thread that dies (an uncaught error, a crash, someone terminating it) is replaced: the
// records it had been handed but not reported written are lost and counted as dropped (a batch it
// committed in the moment before it died may be among them), the death is logged and shown as
// `lastError` on /api/health, and a new thread takes over. Quick successive deaths back off
// (restartDelayMs), so a thread that cannot start does not spin; records wait here meanwhile, up to
// the writer's buffer bound (oldest dropped and counted beyond it).

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

/** A thread that lived this long before it died starts the restart backoff afresh. */
const STABLE_AFTER_MS = 60_000;
const MAX_RESTART_DELAY_MS = 30_000;

/** Delay before starting a new writer thread after `quickDeaths` deaths in a row, each within
 * STABLE_AFTER_MS of its start: at once after the first, then 0.5 s doubling to 30 s. */
export function restartDelayMs(quickDeaths: number): number {
  return quickDeaths <= 1 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** (quickDeaths - 2));
}

interface Waiter {
  type: "flush" | "close";
  timeoutMs: number;
  finish: (r: FlushResult) => void;
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

/** Counters of two threads added up; the newer error and write. */
function combine(a: TracingMetrics, b: TracingMetrics): TracingMetrics {
  const bNewer = b.lastErrorAt !== null && later(a.lastErrorAt, b.lastErrorAt) === b.lastErrorAt;
  return {
    queued: a.queued + b.queued,
    enqueued: a.enqueued + b.enqueued,
    written: a.written + b.written,
    dropped: a.dropped + b.dropped,
    rejected: a.rejected + b.rejected,
    failedBatches: a.failedBatches + b.failedBatches,
    lastError: bNewer ? b.lastError : a.lastError,
    lastErrorAt: bNewer ? b.lastErrorAt : a.lastErrorAt,
    lastWriteAt: later(a.lastWriteAt, b.lastWriteAt),
  };
}

export class WorkerTraceWriter {
  #worker: Worker | null = null;
  readonly #init: WorkerInit;
  readonly #env: NodeJS.ProcessEnv;
  readonly #entry: string;
  /** Encoded at once (record-codec.ts), so the record's objects die young. */
  #pending: EncodedRecord[] = [];
  readonly #maxPayloadBytes: number;
  readonly #maxBuffered: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Counters of this thread: records posted (to any writer thread), records never handed to one. */
  #posted = 0;
  #unsendable = 0;
  #closing = false;
  #closed = false;
  /** The current thread's counters, and the records posted to it. */
  #remote: TracingMetrics = EMPTY;
  #threadPosted = 0;
  /** The counters of the threads that died, their lost records included in `dropped`. */
  #past: TracingMetrics = EMPTY;
  #threadStartedAt = 0;
  #quickDeaths = 0;
  #restartTimer: ReturnType<typeof setTimeout> | null = null;
  #nextId = 1;
  readonly #waiting = new Map<number, Waiter>();

  /** `databaseUrl` defaults to the worker's inherited DATABASE_URL (as getDb() reads it). */
  constructor(settings?: Partial<TracingSettings>, options: { databaseUrl?: string } = {}) {
    this.#init = { settings };
    const resolved = tracingSettingsFromEnv(settings);
    this.#maxPayloadBytes = resolved.maxPayloadBytes;
    this.#maxBuffered = resolved.maxBuffered;
    // Resolved at run time (not `new URL(…, import.meta.url)`, which bundlers would try to follow):
    // only the tsx-loaded production server and tests construct this class.
    this.#entry = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_ENTRY);
    this.#env = options.databaseUrl ? { ...process.env, DATABASE_URL: options.databaseUrl } : process.env;
    onPriceCacheInvalidated(() => this.#send({ type: "invalidate-prices" }));
    // Committed traces come back only for this thread's listeners, and only those they want.
    onWrittenInterestChange(() => this.#sendInterest());
    this.#startWorker();
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
    const m = combine(this.#past, this.#remote);
    const inTransit = this.#threadPosted - this.#remote.enqueued;
    m.queued = this.#remote.queued + this.#pending.length + Math.max(0, inTransit);
    m.enqueued = this.#posted + this.#pending.length + this.#unsendable;
    m.dropped += this.#unsendable;
    return m;
  }

  flush(timeoutMs = 10_000): Promise<FlushResult> {
    return this.#roundTrip("flush", timeoutMs);
  }

  async close(timeoutMs = 10_000): Promise<FlushResult> {
    this.#closing = true;
    const result = await this.#roundTrip("close", timeoutMs);
    this.#closed = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    onPriceCacheInvalidated(null);
    onWrittenInterestChange(null);
    await this.#worker?.terminate();
    return result;
  }

  /** @internal Tests: posts what waits here, then ends the writer thread as a crash would. */
  async terminateWorkerForTest(): Promise<void> {
    this.#post();
    await this.#worker?.terminate();
  }

  #startWorker(): void {
    this.#restartTimer = null;
    const worker = new Worker(this.#entry, { workerData: this.#init, env: this.#env });
    this.#worker = worker;
    this.#remote = EMPTY;
    this.#threadPosted = 0;
    this.#threadStartedAt = Date.now();
    // An idle writer never keeps the process alive; a flush re-refs it.
    if (this.#waiting.size === 0) worker.unref();
    worker.on("message", (msg: FromWorker) => {
      if (worker === this.#worker) this.#onMessage(msg);
    });
    worker.on("error", (err) => console.error("[gatehouse] tracing: the writer thread failed:", err));
    worker.on("exit", (code) => this.#onExit(worker, code));
    this.#sendInterest();
    this.#post();
    // Flushes the dead thread never answered: the new one answers them.
    for (const [id, w] of this.#waiting) this.#send({ type: w.type, id, timeoutMs: w.timeoutMs });
  }

  #onExit(worker: Worker, code: number): void {
    if (worker !== this.#worker) return;
    this.#worker = null;
    // What the thread was handed and had not reported written, dropped or rejected is gone.
    const r = this.#remote;
    const lost = Math.max(0, this.#threadPosted - r.written - r.dropped - r.rejected);
    this.#past = combine(this.#past, { ...r, queued: 0, enqueued: 0, dropped: r.dropped + lost });
    const reason = `the writer thread exited (code ${code}); ${lost} trace record(s) it held were lost`;
    if (!this.#closing) this.#past = { ...this.#past, lastError: reason, lastErrorAt: new Date().toISOString() };
    this.#remote = EMPTY;
    this.#threadPosted = 0;
    if (this.#closing) {
      // Closed (or died while closing): whoever still waits hears what is left.
      for (const w of [...this.#waiting.values()]) w.finish({ remaining: this.#pending.length });
      return;
    }
    this.#quickDeaths = Date.now() - this.#threadStartedAt < STABLE_AFTER_MS ? this.#quickDeaths + 1 : 1;
    const delay = restartDelayMs(this.#quickDeaths);
    console.error(
      `[gatehouse] tracing: ${reason} (counted as dropped); starting a new writer thread${delay ? ` in ${delay} ms` : ""}`,
    );
    if (delay === 0) this.#restart();
    else {
      this.#restartTimer = setTimeout(() => this.#restart(), delay);
      this.#restartTimer.unref();
    }
  }

  #restart(): void {
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    try {
      this.#startWorker();
    } catch (err) {
      console.error("[gatehouse] tracing: the writer thread could not be started:", err);
      this.#quickDeaths++;
      this.#restartTimer = setTimeout(() => this.#restart(), Math.max(500, restartDelayMs(this.#quickDeaths)));
      this.#restartTimer.unref();
    }
  }

  #roundTrip(type: "flush" | "close", timeoutMs: number): Promise<FlushResult> {
    if (this.#closed) return Promise.resolve({ remaining: 0 });
    // A flush does not wait out a restart backoff.
    if (!this.#worker) this.#restart();
    this.#post();
    const id = this.#nextId++;
    this.#worker?.ref();
    return new Promise<FlushResult>((resolve) => {
      const timer = setTimeout(() => finish({ remaining: this.metrics().queued }), timeoutMs + 1_000);
      const finish = (r: FlushResult) => {
        clearTimeout(timer);
        this.#waiting.delete(id);
        if (this.#waiting.size === 0) this.#worker?.unref();
        resolve(r);
      };
      this.#waiting.set(id, { type, timeoutMs, finish });
      this.#send({ type, id, timeoutMs });
    });
  }

  #post(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length === 0) return;
    const worker = this.#worker;
    if (!worker) {
      // Waiting for a new writer thread: keep the newest records, up to the buffer bound.
      const excess = this.#pending.length - this.#maxBuffered;
      if (excess > 0) {
        this.#pending.splice(0, excess);
        this.#unsendable += excess;
      }
      return;
    }
    const records = this.#pending;
    this.#pending = [];
    try {
      worker.postMessage({ type: "records", records } satisfies ToWorker);
      this.#posted += records.length;
      this.#threadPosted += records.length;
    } catch {
      // A record that cannot be cloned (should not happen: records are plain data): post one by one.
      for (const record of records) {
        try {
          worker.postMessage({ type: "records", records: [record] } satisfies ToWorker);
          this.#posted++;
          this.#threadPosted++;
        } catch (err) {
          this.#unsendable++;
          console.error(`[gatehouse] tracing: trace ${record[0]} could not be handed to the writer thread:`, err);
        }
      }
    }
  }

  #sendInterest(): void {
    const interest = writtenInterest();
    this.#send({ type: "relay", interest: interest === "all" ? "all" : [...interest] });
  }

  /** To the current thread; nothing while there is none (a new one is told what it needs). */
  #send(msg: ToWorker): void {
    this.#worker?.postMessage(msg);
  }

  #onMessage(msg: FromWorker): void {
    if (msg.type === "metrics") this.#remote = msg.metrics;
    else if (msg.type === "written") notifyTracesWritten(msg.traces);
    else if (msg.type === "flushed") {
      this.#remote = msg.metrics;
      this.#waiting.get(msg.id)?.finish(msg.result);
    }
  }
}
