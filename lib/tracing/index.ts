// The process-wide trace writer. `startTracing()` creates it and registers it as the gateway's
// trace sink (lib/gateway/trace-hook.ts); the production server calls `flushTracing()` on
// SIGTERM / SIGINT. Kept on globalThis: Next.js may load this module once per route bundle, and
// the health route must report the same writer the gateway feeds.

import { getDb } from "../db";
import { configuredDatabaseUrl } from "../db/database-url.mjs";
import { setTraceSink, type GatewayTraceRecord } from "../gateway/trace-hook";
import { registerShutdownHook } from "../server/shutdown";
import { traceStoreFor } from "./store";
import { TraceWriter, type FlushResult, type TraceWriterOptions, type TracingMetrics } from "./writer";

export type { FlushResult, TracingMetrics } from "./writer";
export { TraceWriter } from "./writer";

const KEY = Symbol.for("gatehouse.tracing.writer");
/** What the gateway's trace sink feeds: the TraceWriter, or WorkerTraceWriter (worker-writer.ts). */
export interface TraceWriterLike {
  enqueue(record: GatewayTraceRecord): void;
  metrics(): TracingMetrics;
  flush(timeoutMs?: number): Promise<FlushResult>;
  close(timeoutMs?: number): Promise<FlushResult>;
}
type AnyWriter = TraceWriterLike;
type Holder = { [KEY]?: AnyWriter };

export interface StartTracingOptions extends Partial<TraceWriterOptions> {
  /** Makes the writer instead of an in-process TraceWriter: the production server passes
   * `() => new WorkerTraceWriter()` (lib/tracing/worker-writer.ts). That module is imported only
   * by code Next never bundles (lib/server/main.ts, bench, tests): its worker entry loads tsx. */
  create?: () => TraceWriterLike;
}

function current(): AnyWriter | undefined {
  return (globalThis as Holder)[KEY];
}

/** The in-process writer's SQLite lock wait (the worker thread keeps the store's default). */
const MAIN_THREAD_BUSY_TIMEOUT_MS = 100;

/** How long the shutdown flush may wait for the database (the server gives hooks 10 s). */
const SHUTDOWN_FLUSH_MS = 8_000;

/** Starts the writer (once per process; later calls return the running one), makes it the
 * gateway's trace sink and registers the final flush as a shutdown hook of the production server. */
export function startTracing(options: StartTracingOptions = {}): AnyWriter {
  let writer = current();
  if (!writer) {
    writer = options.create
      ? options.create()
      : new TraceWriter({
          db: options.db ?? (() => getDb()),
          // With no db given: the configured database, through its direct store (store.ts).
          // On the main thread a locked SQLite file must not block the event loop: wait briefly,
          // then the writer's async backoff retries (see sqlite-store.ts).
          store: options.store ?? (options.db ? undefined : traceStoreFor(configuredDatabaseUrl(), { sqliteBusyTimeoutMs: MAIN_THREAD_BUSY_TIMEOUT_MS })),
          settings: options.settings,
          log: options.log,
        });
    (globalThis as Holder)[KEY] = writer;
  }
  const w = writer;
  setTraceSink((record: GatewayTraceRecord) => w.enqueue(record));
  registerShutdownHook("tracing", async () => {
    await stopTracing(SHUTDOWN_FLUSH_MS);
  });
  return w;
}

/** Writes everything queued (used on shutdown). A no-op when tracing never started. */
export async function flushTracing(timeoutMs = 10_000): Promise<FlushResult> {
  return current()?.flush(timeoutMs) ?? { remaining: 0 };
}

/** Unregisters the sink, flushes and closes the writer (shutdown, tests). */
export async function stopTracing(timeoutMs = 10_000): Promise<FlushResult> {
  const writer = current();
  if (!writer) return { remaining: 0 };
  setTraceSink(null);
  delete (globalThis as Holder)[KEY];
  return writer.close(timeoutMs);
}

/** The writer's counters; null when tracing has not been started in this process. */
export function getTracingMetrics(): TracingMetrics | null {
  return current()?.metrics() ?? null;
}
