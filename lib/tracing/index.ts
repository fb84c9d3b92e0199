// The process-wide trace writer. `startTracing()` creates it and registers it as the gateway's
// trace sink (lib/gateway/trace-hook.ts); the production server calls `flushTracing()` on
// SIGTERM / SIGINT. Kept on globalThis: Next.js may load this module once per route bundle, and
// the health route must report the same writer the gateway feeds.

import { getDb } from "../db";
import { setTraceSink, type GatewayTraceRecord } from "../gateway/trace-hook";
import { registerShutdownHook } from "../server/shutdown";
import { WorkerTraceWriter } from "./worker-writer";
import { TraceWriter, type FlushResult, type TraceWriterOptions, type TracingMetrics } from "./writer";

export type { FlushResult, TracingMetrics } from "./writer";
export { TraceWriter } from "./writer";
export { WorkerTraceWriter } from "./worker-writer";

const KEY = Symbol.for("gatehouse.tracing.writer");
type AnyWriter = TraceWriter | WorkerTraceWriter;
type Holder = { [KEY]?: AnyWriter };

export interface StartTracingOptions extends Partial<TraceWriterOptions> {
  /** Write on a worker thread (the production server; GATEHOUSE_TRACE_WORKER=0 turns it off). With
   * a worker, `db` and `log` do not apply: the worker opens DATABASE_URL itself. */
  worker?: boolean;
}

function current(): AnyWriter | undefined {
  return (globalThis as Holder)[KEY];
}

/** How long the shutdown flush may wait for the database (the server gives hooks 10 s). */
const SHUTDOWN_FLUSH_MS = 8_000;

/** Starts the writer (once per process; later calls return the running one), makes it the
 * gateway's trace sink and registers the final flush as a shutdown hook of the production server. */
export function startTracing(options: StartTracingOptions = {}): AnyWriter {
  let writer = current();
  if (!writer) {
    const onWorker = options.worker === true && process.env.GATEHOUSE_TRACE_WORKER !== "0";
    writer = onWorker
      ? new WorkerTraceWriter(options.settings)
      : new TraceWriter({ db: options.db ?? (() => getDb()), settings: options.settings, log: options.log });
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
