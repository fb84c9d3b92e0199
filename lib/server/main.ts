// Production entry (scripts/start.mjs imports this under tsx): PORT (default 3000) and HOSTNAME
// (default 0.0.0.0), graceful shutdown on SIGTERM / SIGINT.

import { WorkerTraceWriter } from "../tracing/worker-writer";
import { bootOrExit } from "./boot";
import { exitOnSignals, startServer } from "./server";

function portFromEnv(): number {
  const raw = process.env.PORT;
  if (raw === undefined || raw === "") return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${raw}'`);
  return port;
}

// Traces are written on a worker thread here: the gateway's event loop only appends to a queue.
// GATEHOUSE_TRACE_WORKER=0 keeps the writer on the main thread.
const onWorker = process.env.GATEHOUSE_TRACE_WORKER !== "0";
// A configuration error (e.g. a malformed GATEHOUSE_ENCRYPTION_KEY) exits here with one line.
await bootOrExit({ traceWriter: onWorker ? () => new WorkerTraceWriter() : undefined });
const running = await startServer({ port: portFromEnv(), hostname: process.env.HOSTNAME || "0.0.0.0" });
exitOnSignals(running);
console.log(`[gatehouse] ready on ${running.url} (gateway: ${running.url}/gateway/mlflow/v1)`);
