// The trace-writer worker thread: owns a TraceWriter (and its own database connections), so building
// rows, pricing and the synchronous SQLite driver never take time from the gateway's event loop.
// Reports its counters after every batch and once a second, and the committed traces (without
// payloads) that traces-written listeners on the gateway's thread want (online evaluation: the
// traces of endpoints with rules), so those still run; nothing is relayed when nobody listens.

import { parentPort, workerData } from "node:worker_threads";
import { getDb } from "../db";
import { configuredDatabaseUrl } from "../db/database-url.mjs";
import { invalidatePriceCache } from "../usage/price-overrides";
import { onTracesWritten, wanted } from "./listeners";
import { decodeRecord } from "./record-codec";
import type { FromWorker, ToWorker, WorkerInit } from "./worker-protocol";
import { traceStoreFor } from "./store";
import { TraceWriter } from "./writer";

const port = parentPort;
if (!port) throw new Error("lib/tracing/worker-main.ts runs as a worker thread");
const init = (workerData ?? {}) as WorkerInit;
// Batches go through the database's direct store (lib/tracing/store.ts).
const writer = new TraceWriter({ db: () => getDb(), store: traceStoreFor(configuredDatabaseUrl()), settings: init.settings });
const send = (msg: FromWorker) => port.postMessage(msg);

/** What the gateway's thread listens for (it says so at once, and whenever it changes). */
let relay: "all" | Set<string> = new Set();

onTracesWritten("worker-relay", (traces) => {
  const relayed = [];
  for (const t of traces) if (wanted(relay, t)) relayed.push({ ...t, requestPayload: null, responsePayload: null });
  if (relayed.length > 0) send({ type: "written", traces: relayed });
  send({ type: "metrics", metrics: writer.metrics() });
});
setInterval(() => send({ type: "metrics", metrics: writer.metrics() }), 1_000).unref();

port.on("message", (msg: ToWorker) => {
  switch (msg.type) {
    case "records":
      for (const record of msg.records) writer.enqueue(decodeRecord(record));
      return;
    case "invalidate-prices":
      invalidatePriceCache();
      return;
    case "relay":
      relay = msg.interest === "all" ? "all" : new Set(msg.interest);
      return;
    case "flush":
    case "close": {
      const done = msg.type === "flush" ? writer.flush(msg.timeoutMs) : writer.close(msg.timeoutMs);
      void done.then((result) => send({ type: "flushed", id: msg.id, result, metrics: writer.metrics() }));
      return;
    }
  }
});
send({ type: "ready" });
