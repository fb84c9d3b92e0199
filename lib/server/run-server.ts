// Boot + listen + signals: what the production entry (main.ts) runs, as a function so a test can
// run the same path without Next. A port in use (or not allowed) is one line and exit status 1,
// instead of an uncaught exception and a process that hangs on its worker threads.

import type { TraceWriterLike } from "../tracing";
import { bootOrExit } from "./boot";
import { exitOnSignals, startServer, type RunningServer } from "./server";

export interface RunServerOptions {
  port: number;
  hostname: string;
  /** Serve the console through Next (default true). */
  next?: boolean;
  traceWriter?: () => TraceWriterLike;
}

/** The one line for a listen error the operator can fix, else undefined. */
export function listenFailureMessage(err: unknown, port: number): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "EADDRINUSE") return `port ${port} is in use — set PORT to a free port (or stop the process using it)`;
  if (code === "EACCES") return `port ${port} needs privileges this process does not have — set PORT to a port above 1023`;
  if (code === "EADDRNOTAVAIL") return `HOSTNAME is not an address of this machine — set HOSTNAME (default 0.0.0.0)`;
  return undefined;
}

export async function runServer(options: RunServerOptions): Promise<RunningServer> {
  // A configuration error (e.g. a malformed GATEHOUSE_ENCRYPTION_KEY) exits here with one line.
  await bootOrExit({ traceWriter: options.traceWriter });
  let running: RunningServer;
  try {
    running = await startServer({ port: options.port, hostname: options.hostname, next: options.next });
  } catch (err) {
    const line = listenFailureMessage(err, options.port);
    if (line === undefined) throw err;
    process.stderr.write(`[gatehouse] cannot start: ${line}\n`);
    process.exit(1);
  }
  exitOnSignals(running);
  console.log(`[gatehouse] ready on ${running.url} (gateway: ${running.url}/gateway/mlflow/v1)`);
  return running;
}
