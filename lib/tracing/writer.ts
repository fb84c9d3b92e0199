// The background trace writer. The request path only calls `enqueue()` (an array push); batches
// are written by size (`batchSize`) or age (`flushIntervalMs`), one transaction each. A failing
// database is retried with exponential backoff while records keep accumulating in a bounded
// buffer; beyond `maxBuffered` the oldest waiting records are dropped and counted. Records the
// database refuses for their content (e.g. a duplicate request id) are isolated and counted as
// rejected, so one bad record never blocks the queue. Nothing is lost silently: every record ends
// up written, dropped or rejected, and the counters are exposed by `metrics()`.

import type { Db } from "../db";
import type { GatewayTraceRecord } from "../gateway/trace-hook";
import { BoundedBuffer } from "./buffer";
import { notifyTracesWritten } from "./listeners";
import { prepareBatch, writeBatch, type PreparedBatch } from "./persist";
import { tracingSettingsFromEnv, type TracingSettings } from "./settings";
import type { TraceStore } from "./store";
import { errorMessage, isDataError } from "./write-errors";

export interface TracingMetrics {
  /** Records in memory, waiting or being written. */
  queued: number;
  /** Records accepted since start. */
  enqueued: number;
  written: number;
  /** Dropped because the buffer was full (database unavailable for too long) or the writer closed. */
  dropped: number;
  /** Refused by the database for their content (logged with the reason). */
  rejected: number;
  /** Batch writes that failed and were retried. */
  failedBatches: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastWriteAt: string | null;
}

export interface FlushResult {
  /** Records still in memory when the flush returned (0 = everything was written). */
  remaining: number;
}

export interface TraceWriterOptions {
  /** The database, or a function returning it per batch (default: lib/db's getDb). */
  db: Db | (() => Db);
  settings?: Partial<TracingSettings>;
  /** Where batches are written (default: through Prisma on `db`). The writer owns it and closes it
   * on close(). `traceStoreFor(url)` gives the database's direct store. Prices are read from `db`. */
  store?: TraceStore;
  /** Where operational messages go (default console.error). */
  log?: (message: string) => void;
}

interface Inflight {
  records: GatewayTraceRecord[];
  prepared: PreparedBatch | null;
}

const LOG_EVERY_MS = 30_000;

export class TraceWriter {
  readonly settings: TracingSettings;
  readonly #db: () => Db;
  readonly #store: TraceStore | undefined;
  readonly #log: (message: string) => void;
  readonly #buffer: BoundedBuffer<GatewayTraceRecord>;
  #inflight: Inflight | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #immediate: ReturnType<typeof setImmediate> | null = null;
  #running: Promise<void> | null = null;
  #draining = 0;
  #closed = false;
  #backoffMs = 0;
  #wake: (() => void) | null = null;
  #lastFailureLog = 0;
  #lastDropLog = 0;
  #failStreak = 0;
  readonly #m = {
    enqueued: 0,
    written: 0,
    dropped: 0,
    rejected: 0,
    failedBatches: 0,
    lastError: null as string | null,
    lastErrorAt: null as string | null,
    lastWriteAt: null as string | null,
  };

  constructor(options: TraceWriterOptions) {
    this.settings = tracingSettingsFromEnv(options.settings);
    const db = options.db;
    this.#db = typeof db === "function" ? db : () => db;
    this.#store = options.store;
    this.#log = options.log ?? ((message) => console.error(`[gatehouse] tracing: ${message}`));
    this.#buffer = new BoundedBuffer(this.settings.maxBuffered);
  }

  /** The hot path: O(1), never throws, never waits. */
  enqueue(record: GatewayTraceRecord): void {
    this.#m.enqueued++;
    if (this.#closed) {
      this.#countDropped(1, "the writer is closed");
      return;
    }
    const dropped = this.#buffer.push(record, this.#inflight?.records.length ?? 0);
    if (dropped) this.#countDropped(dropped, `buffer full (${this.settings.maxBuffered} records)`);
    if (!this.#running) this.#schedule();
  }

  metrics(): TracingMetrics {
    return { queued: this.#buffer.length + (this.#inflight?.records.length ?? 0), ...this.#m };
  }

  /** Writes everything queued now; resolves when done or after `timeoutMs` (retrying meanwhile). */
  async flush(timeoutMs = 10_000): Promise<FlushResult> {
    const deadline = Date.now() + timeoutMs;
    this.#draining++;
    // A referenced timer keeps the process alive while a shutdown flush waits for the database.
    const keepAlive = setTimeout(() => {}, timeoutMs);
    try {
      while (this.#pending() && Date.now() < deadline) {
        this.#wake?.(); // cut a running backoff short
        const run = this.#start();
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([run, new Promise<void>((r) => (timer = setTimeout(r, deadline - Date.now())))]);
        clearTimeout(timer);
      }
    } finally {
      this.#draining--;
      clearTimeout(keepAlive);
    }
    return { remaining: this.metrics().queued };
  }

  /** Flushes, then stops: later records are counted as dropped. Logs what could not be written. */
  async close(timeoutMs = 10_000): Promise<FlushResult> {
    const result = await this.flush(timeoutMs);
    this.#closed = true;
    this.#clearTimers();
    await this.#store?.close();
    if (result.remaining > 0) {
      this.#log(`${result.remaining} trace(s) could not be written before shutdown (last error: ${this.#m.lastError}).`);
    }
    return result;
  }

  #pending(): boolean {
    return this.#buffer.length > 0 || this.#inflight !== null;
  }

  #schedule(): void {
    if (this.#closed) return;
    if (this.#buffer.length >= this.settings.batchSize) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      this.#immediate ??= setImmediate(() => {
        this.#immediate = null;
        void this.#start();
      });
    } else if (!this.#timer && !this.#immediate) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        void this.#start();
      }, this.settings.flushIntervalMs);
      this.#timer.unref?.();
    }
  }

  #clearTimers(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#timer = null;
    this.#immediate = null;
  }

  #start(): Promise<void> {
    this.#running ??= this.#loop().finally(() => {
      this.#running = null;
      if (this.#pending()) this.#schedule();
    });
    return this.#running;
  }

  async #loop(): Promise<void> {
    this.#clearTimers();
    let first = true;
    for (;;) {
      if (!this.#inflight) {
        // After the first batch, keep going only for full batches (or while a flush waits);
        // a partial batch waits for the timer to collect more.
        const more = first || this.#draining > 0 || this.#buffer.length >= this.settings.batchSize;
        if (this.#buffer.length === 0 || !more) return;
        this.#inflight = { records: this.#buffer.take(this.settings.batchSize), prepared: null };
      }
      first = false;
      const batch = this.#inflight;
      try {
        await this.#write(batch);
        this.#inflight = null;
      } catch (err) {
        if (isDataError(err)) {
          await this.#isolate(batch);
          continue;
        }
        this.#onFailure(err);
        await this.#sleep(this.#backoffMs);
        if (this.#closed && this.#draining === 0) return;
      }
    }
  }

  async #write(batch: Inflight): Promise<void> {
    const db = this.#db();
    batch.prepared ??= await prepareBatch(db, batch.records, this.settings.maxPayloadBytes);
    if (this.#store) await this.#store.write(batch.prepared);
    else await writeBatch(db, batch.prepared);
    this.#onWritten(batch.records.length);
    notifyTracesWritten(batch.prepared.traces);
  }

  /** A batch failed because of its content: write its records one by one, rejecting the bad ones.
   * A retryable error midway propagates; the remaining records stay in flight. */
  async #isolate(batch: Inflight): Promise<void> {
    while (batch.records.length > 0) {
      const record = batch.records[0];
      try {
        await this.#write({ records: [record], prepared: null });
      } catch (err) {
        if (!isDataError(err)) {
          batch.prepared = null;
          this.#onFailure(err);
          await this.#sleep(this.#backoffMs);
          return;
        }
        this.#m.rejected++;
        this.#setError(err);
        this.#log(`trace ${record.requestId} rejected by the database: ${errorMessage(err)}`);
      }
      batch.records.shift();
    }
    this.#inflight = null;
  }

  #onWritten(n: number): void {
    this.#m.written += n;
    this.#m.lastWriteAt = new Date().toISOString();
    if (this.#failStreak > 0) {
      this.#log(`database writes recovered after ${this.#failStreak} failed attempt(s).`);
      this.#failStreak = 0;
    }
    this.#backoffMs = 0;
  }

  #onFailure(err: unknown): void {
    this.#m.failedBatches++;
    this.#failStreak++;
    this.#setError(err);
    const { retryMinMs, retryMaxMs } = this.settings;
    this.#backoffMs = this.#backoffMs ? Math.min(this.#backoffMs * 2, retryMaxMs) : retryMinMs;
    const now = Date.now();
    if (now - this.#lastFailureLog >= LOG_EVERY_MS) {
      this.#lastFailureLog = now;
      this.#log(
        `writing a batch failed (${this.metrics().queued} trace(s) buffered, retrying in ${this.#backoffMs} ms): ` +
          errorMessage(err),
      );
    }
  }

  #setError(err: unknown): void {
    this.#m.lastError = errorMessage(err);
    this.#m.lastErrorAt = new Date().toISOString();
  }

  #countDropped(n: number, why: string): void {
    this.#m.dropped += n;
    const now = Date.now();
    if (now - this.#lastDropLog >= LOG_EVERY_MS) {
      this.#lastDropLog = now;
      this.#log(`dropped ${n} trace(s): ${why}; ${this.#m.dropped} dropped in total.`);
    }
  }

  /** Backoff wait; not referenced (an idle process may exit), cut short by flush(). */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.#wake === done) self.#wake = null;
        resolve();
      }
      this.#wake = done;
    });
  }
}
