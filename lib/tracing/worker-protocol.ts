// Messages between the gateway's thread and the trace-writer worker (lib/tracing/worker-writer.ts).

import type { EncodedRecord } from "./record-codec";
import type { TraceRow } from "./rows";
import type { TracingSettings } from "./settings";
import type { FlushResult, TracingMetrics } from "./writer";

export interface WorkerInit {
  settings?: Partial<TracingSettings>;
}

export type ToWorker =
  | { type: "records"; records: EncodedRecord[] }
  | { type: "flush"; id: number; timeoutMs: number }
  | { type: "close"; id: number; timeoutMs: number }
  | { type: "invalidate-prices" }
  /** Which committed traces to relay back ("written"): all, or those of these endpoint ids / names. */
  | { type: "relay"; interest: "all" | string[] };

export type FromWorker =
  | { type: "ready" }
  | { type: "metrics"; metrics: TracingMetrics }
  /** A committed batch, payloads left out (listeners load them from the database if they need them). */
  | { type: "written"; traces: TraceRow[] }
  | { type: "flushed"; id: number; result: FlushResult; metrics: TracingMetrics };
