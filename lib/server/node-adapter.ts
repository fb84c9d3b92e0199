// node:http ⇄ gateway core: builds a GatewayRequest from IncomingMessage and writes the
// GatewayResponse back (streams with backpressure; a disconnect aborts the request's signal).

import type { IncomingMessage, ServerResponse } from "node:http";
import { handleGatewayRequest } from "../gateway/handler";
import { clientGoneError, type Cancelable, type GatewayRequest, type GatewayResponse } from "../gateway/types";

/** A GatewayRequest over node:http. The query and the disconnect signal are built on first use
 * (a plain chat call reads neither); a class, so creating one per request is cheap. The server
 * calls `clientClosed()` from the response's one "close" listener (lib/server/server.ts): it
 * cancels the buffered upstream call in flight, or aborts the signal if one was built. */
export class NodeGatewayRequest implements GatewayRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: IncomingMessage | null;
  inflight: Cancelable | null = null;
  disconnected = false;
  private readonly rawQuery: string;
  private parsedQuery: URLSearchParams | null = null;
  private controller: AbortController | null = null;

  constructor(
    req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    this.method = req.method ?? "GET";
    this.path = q === -1 ? url : url.slice(0, q);
    this.rawQuery = q === -1 ? "" : url.slice(q + 1);
    this.headers = req.headers;
    this.body = this.method === "GET" || this.method === "HEAD" ? null : req;
  }

  get query(): URLSearchParams {
    return (this.parsedQuery ??= new URLSearchParams(this.rawQuery));
  }

  /** Aborts when the client goes away before the response is complete. */
  get signal(): AbortSignal {
    if (this.controller === null) {
      this.controller = new AbortController();
      if (this.disconnected || (this.res.closed && !this.res.writableFinished)) this.controller.abort(clientGoneError());
    }
    return this.controller.signal;
  }

  /** The response closed: if before it was complete, the client went away. */
  clientClosed(): void {
    if (this.res.writableFinished || this.disconnected) return;
    this.disconnected = true;
    const reason = clientGoneError();
    this.inflight?.cancel(reason);
    this.inflight = null;
    this.controller?.abort(reason);
  }
}

/** How long an oversized upload may keep sending after its 413 before the socket is cut. */
const UNREAD_BODY_GRACE_MS = 5_000;

export async function writeGatewayResponse(req: IncomingMessage, res: ServerResponse, out: GatewayResponse): Promise<void> {
  const headers: Record<string, string | number> = out.headers;
  // The core stopped reading an oversized body (413): let Node discard the rest of the upload so
  // the client, still writing, gets to read the answer (closing at once makes it fail with EPIPE
  // instead), but never for longer than UNREAD_BODY_GRACE_MS.
  // (No `connection: close`: Node would then destroy the socket right after the answer.)
  if (!req.complete && req.method !== "GET" && req.method !== "HEAD") {
    req.resume();
    const timer = setTimeout(() => req.socket.destroy(), UNREAD_BODY_GRACE_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
  }
  const body = out.body;
  if (body === null) {
    headers["content-length"] = 0;
    res.writeHead(out.status, headers).end();
    return;
  }
  if (typeof body === "string" || body instanceof Uint8Array) {
    headers["content-length"] = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
    res.writeHead(out.status, headers).end(body);
    return;
  }
  res.writeHead(out.status, headers);
  for await (const chunk of body) {
    if (res.destroyed) break; // client gone: leaving the loop runs the body's cleanup (aborts upstream)
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Serves one request with the gateway core; returns the GatewayRequest, whose `clientClosed()` the
 * server calls when the response closes. */
export function gatewayRequestListener(req: IncomingMessage, res: ServerResponse): NodeGatewayRequest {
  const gatewayReq = new NodeGatewayRequest(req, res);
  handleGatewayRequest(gatewayReq)
    .then((out) => writeGatewayResponse(req, res, out))
    .catch((err: unknown) => {
      console.error("[gatehouse] failed to write a gateway response:", err);
      if (!res.headersSent) {
        const body = JSON.stringify({ error: { message: "Internal gateway error.", type: "server_error", code: "internal_error", param: null } });
        res.writeHead(500, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
      } else {
        res.destroy();
      }
    });
  return gatewayReq;
}
