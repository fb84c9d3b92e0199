// What every Gatehouse process does once at start, whichever way it was started (the production
// server in lib/server/main.ts, or Next itself through instrumentation.ts under `next dev`):
// create the initial admin from GATEHOUSE_INIT_ADMIN_* (idempotent) and start the trace writer
// that the gateway core feeds, and the evaluation runtime (run executor + online rules). Everything
// here is idempotent and keyed on globalThis, so the two entry points may both run in one process.

import { startEvaluation } from "../eval/runtime";
import { startTracing, type TraceWriterLike } from "../tracing";
import { ensureInitialAdmin } from "../users/bootstrap";

const KEY = Symbol.for("gatehouse.boot");
type Holder = { [KEY]?: Promise<void> };

export interface BootOptions {
  /** Makes the trace writer (the production server: a worker thread, lib/tracing/worker-writer.ts);
   * default an in-process TraceWriter. */
  traceWriter?: () => TraceWriterLike;
}

async function boot(options: BootOptions): Promise<void> {
  const created = await ensureInitialAdmin();
  if (created.userCreated) console.log(`[gatehouse] created the initial admin ${process.env.GATEHOUSE_INIT_ADMIN_EMAIL?.trim()}`);
  if (created.tokenCreated) console.log("[gatehouse] created the initial admin API token");
  startTracing({ create: options.traceWriter });
  // Evaluation: resumes interrupted runs, scores new traces for online rules (lib/eval/runtime.ts).
  startEvaluation();
}

/** Runs the start-up work once per process; later calls return the same promise. */
export function bootGatehouse(options: BootOptions = {}): Promise<void> {
  const g = globalThis as Holder;
  return (g[KEY] ??= boot(options));
}
