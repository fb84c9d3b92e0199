// Production entry (scripts/start.mjs imports this under tsx): PORT (default 3000) and HOSTNAME
// (default 0.0.0.0), graceful shutdown on SIGTERM / SIGINT / SIGHUP (run-server.ts).

import { WorkerTraceWriter } from "../tracing/worker-writer";
import { runServer } from "./run-server";

function portFromEnv(): number {
  const raw = process.env.PORT;
  if (raw === undefined || raw === "") return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`[gatehouse] cannot start: PORT must be a port number, got '${raw}'\n`);
    process.exit(1);
  }
  return port;
}

// Traces are written on a worker thread here: the gateway's event loop only appends to a queue.
// GATEHOUSE_TRACE_WORKER=0 keeps the writer on the main thread.
const onWorker = process.env.GATEHOUSE_TRACE_WORKER !== "0";
await runServer({
  port: portFromEnv(),
  hostname: process.env.HOSTNAME || "0.0.0.0",
  traceWriter: onWorker ? () => new WorkerTraceWriter() : undefined,
});
