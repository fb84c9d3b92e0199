// "A batch of traces was written" listeners (e.g. online evaluation, lib/eval/online.ts). Called by
// the trace writer after each committed batch, off the request path. Listeners must be synchronous
// and cheap (queue the work); a throwing listener is logged and never affects the writer.
// A listener may narrow its interest to some endpoints (ids or names): the trace-writer thread then
// relays only those traces to the gateway's thread (a listener can still be handed others).
// Kept on globalThis: the writer and the listener may live in different bundles of the process.

import type { TraceRow } from "./rows";

export type TracesWrittenListener = (traces: readonly TraceRow[]) => void;

/** The traces a listener wants: all, or those of these endpoints (ids or names). */
export type WrittenInterest = "all" | ReadonlySet<string>;

interface Entry {
  listener: TracesWrittenListener;
  interest: WrittenInterest;
}

interface Registry {
  entries: Map<string, Entry>;
  /** The trace-writer thread's hook (lib/tracing/worker-writer.ts). */
  onInterestChange: (() => void) | null;
}

const KEY = Symbol.for("gatehouse.tracing.writtenListeners");
type Holder = { [KEY]?: Registry };

function registry(): Registry {
  const g = globalThis as Holder;
  return (g[KEY] ??= { entries: new Map(), onInterestChange: null });
}

function interestChanged(): void {
  registry().onInterestChange?.();
}

/** Registers (or replaces) the listener called `name`; returns the unregister function. */
export function onTracesWritten(name: string, listener: TracesWrittenListener, interest: WrittenInterest = "all"): () => void {
  const entries = registry().entries;
  const entry: Entry = { listener, interest };
  entries.set(name, entry);
  interestChanged();
  return () => {
    if (entries.get(name) !== entry) return;
    entries.delete(name);
    interestChanged();
  };
}

/** Narrows (or widens) what the listener called `name` wants. */
export function setWrittenInterest(name: string, interest: WrittenInterest): void {
  const entry = registry().entries.get(name);
  if (!entry) return;
  entry.interest = interest;
  interestChanged();
}

/** What all listeners together want (an empty set: nobody listens). */
export function writtenInterest(): "all" | Set<string> {
  const union = new Set<string>();
  for (const { interest } of registry().entries.values()) {
    if (interest === "all") return "all";
    for (const key of interest) union.add(key);
  }
  return union;
}

/** The trace-writer thread's hook: called whenever writtenInterest() may have changed. */
export function onWrittenInterestChange(callback: (() => void) | null): void {
  registry().onInterestChange = callback;
}

/** Called by the writer once a batch is committed. */
export function notifyTracesWritten(traces: readonly TraceRow[]): void {
  if (traces.length === 0) return;
  for (const [name, { listener }] of registry().entries) {
    try {
      listener(traces);
    } catch (err) {
      console.error(`[gatehouse] traces-written listener '${name}' failed:`, err);
    }
  }
}

/** Whether a written trace is one some listener wants (`interest` from writtenInterest()). */
export function wanted(interest: "all" | ReadonlySet<string>, trace: Pick<TraceRow, "endpointId" | "endpointName">): boolean {
  if (interest === "all") return true;
  return (trace.endpointId !== null && interest.has(trace.endpointId)) || interest.has(trace.endpointName);
}
