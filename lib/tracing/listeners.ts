// "A batch of traces was written" listeners (e.g. online evaluation, lib/eval/online.ts). Called by
// the trace writer after each committed batch, off the request path. Listeners must be synchronous
// and cheap (queue the work); a throwing listener is logged and never affects the writer.
// Kept on globalThis: the writer and the listener may live in different bundles of the process.

import type { TraceRow } from "./rows";

export type TracesWrittenListener = (traces: readonly TraceRow[]) => void;

const KEY = Symbol.for("gatehouse.tracing.writtenListeners");
type Holder = { [KEY]?: Map<string, TracesWrittenListener> };

function listeners(): Map<string, TracesWrittenListener> {
  const g = globalThis as Holder;
  return (g[KEY] ??= new Map());
}

/** Registers (or replaces) the listener called `name`; returns the unregister function. */
export function onTracesWritten(name: string, listener: TracesWrittenListener): () => void {
  listeners().set(name, listener);
  return () => {
    if (listeners().get(name) === listener) listeners().delete(name);
  };
}

/** Called by the writer once a batch is committed. */
export function notifyTracesWritten(traces: readonly TraceRow[]): void {
  if (traces.length === 0) return;
  for (const [name, listener] of listeners()) {
    try {
      listener(traces);
    } catch (err) {
      console.error(`[gatehouse] traces-written listener '${name}' failed:`, err);
    }
  }
}
