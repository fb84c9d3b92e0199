// The production server: one node:http server that hands /gateway/* straight to the gateway core
// (no Next.js on the hot path) and everything else to Next's request handler. Graceful close:
// stop accepting, let in-flight requests finish (bounded), then flush and run shutdown hooks.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { stopGatewaySnapshot } from "../gateway/snapshot";
import { closeUpstreamDispatcher } from "../gateway/upstream";
import { gatewayRequestListener } from "./node-adapter";
import { runShutdownHooks } from "./shutdown";

export interface StartServerOptions {
  port?: number;
  hostname?: string;
  /** Serve the console and admin API through Next (default true; false = gateway only). */
  next?: boolean;
  /** The Next project directory (default: the working directory). */
  dir?: string;
  /** How long close() lets in-flight requests run before cutting connections (default 10 s). */
  drainTimeoutMs?: number;
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  /** Graceful shutdown; safe to call more than once. */
  close(): Promise<void>;
}

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function loadNext(dir: string, hostname: string, port: number): Promise<{ handle: NextHandler; close(): Promise<void> }> {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  return { handle: (req, res) => handle(req, res), close: () => app.close() };
}

function notFound(res: ServerResponse): void {
  const body = JSON.stringify({ error: { message: "Not found.", type: "not_found_error", code: "not_found", param: null } });
  res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? 3000;
  const hostname = options.hostname ?? "0.0.0.0";
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  const nextApp = options.next === false ? null : await loadNext(options.dir ?? process.cwd(), hostname, port);

  let inFlight = 0;
  let idle: (() => void) | null = null;
  const server = createServer((req, res) => {
    inFlight++;
    const url = req.url ?? "/";
    const gateway = url.startsWith("/gateway/") ? gatewayRequestListener(req, res) : null;
    // One "close" listener per request: in-flight accounting, and the gateway's disconnect handling
    // (cancels the upstream call in flight when the client left before the response completed).
    res.once("close", () => {
      gateway?.clientClosed();
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    if (gateway !== null) {
      // served by the gateway core
    } else if (nextApp !== null) {
      nextApp.handle(req, res).catch((err: unknown) => {
        console.error("[gatehouse] Next request handler failed:", err);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    } else {
      notFound(res);
    }
  });
  // Longer than common load-balancer idle timeouts, so the LB closes idle connections first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const drained = new Promise<void>((resolve) => (idle = resolve));
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainTimeoutMs)));
        await Promise.race([drained, deadline]);
        clearTimeout(timer);
        if (inFlight > 0) console.error(`[gatehouse] ${inFlight} request(s) still running after ${drainTimeoutMs} ms; closing them`);
      }
      server.closeAllConnections();
      await closed;
      await stopGatewaySnapshot();
      await runShutdownHooks(drainTimeoutMs);
      await closeUpstreamDispatcher();
      await nextApp?.close();
    })());

  const shownHost = hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  return { server, port: actualPort, url: `http://${shownHost}:${actualPort}`, close };
}

/** SIGTERM / SIGINT / SIGHUP → graceful close, then exit (a second signal exits at once). */
export function exitOnSignals(running: RunningServer): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`[gatehouse] ${signal}: shutting down`);
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("[gatehouse] shutdown failed:", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  process.on("SIGHUP", onSignal);
}
