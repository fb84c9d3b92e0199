// Upstream HTTP: one undici Agent (a keep-alive Pool per origin) shared by every request, and a
// per-attempt deadline that aborts the call and remembers why.

import type { IncomingHttpHeaders } from "node:http";
import { Agent, type Dispatcher } from "undici";
import type { UpstreamRequest } from "../providers/types";

const KEY = Symbol.for("gatehouse.gateway.dispatcher");
type Holder = { [KEY]?: Agent };

function dispatcher(): Agent {
  const g = globalThis as Holder;
  return (g[KEY] ??= new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    connect: { timeout: 10_000 },
    // Per-request values below override these.
    headersTimeout: 300_000,
    bodyTimeout: 300_000,
  }));
}

/** Closes pooled upstream connections (graceful shutdown). */
export async function closeUpstreamDispatcher(): Promise<void> {
  const g = globalThis as Holder;
  const agent = g[KEY];
  g[KEY] = undefined;
  await agent?.close();
}

/** Aborts an attempt when the client goes away or its deadline passes; `timedOut` tells which. */
export class AttemptDeadline {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: NodeJS.Timeout | null;
  private readonly onClientAbort = () => this.controller.abort(this.clientSignal.reason);

  constructor(
    private readonly clientSignal: AbortSignal,
    readonly ms: number,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error(`Upstream did not respond within ${ms} ms`));
    }, ms);
    if (clientSignal.aborted) this.controller.abort(clientSignal.reason);
    else clientSignal.addEventListener("abort", this.onClientAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the deadline timer (the client-abort link stays until dispose). */
  clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  dispose(): void {
    this.clearTimer();
    this.clientSignal.removeEventListener("abort", this.onClientAbort);
  }
}

export interface SendOptions {
  signal: AbortSignal;
  /** Max wait for response headers. */
  headersTimeout: number;
  /** Max idle time between body chunks. */
  bodyTimeout: number;
}

function splitUrl(url: string): { origin: string; path: string } {
  const schemeEnd = url.indexOf("://");
  if (schemeEnd === -1) throw new Error(`Invalid upstream URL '${url}'`);
  const pathStart = url.indexOf("/", schemeEnd + 3);
  return { origin: pathStart === -1 ? url : url.slice(0, pathStart), path: pathStart === -1 ? "/" : url.slice(pathStart) };
}

/** A streamed upstream call: the response body is a Readable (streaming attempts). */
export function sendUpstream(req: UpstreamRequest, opts: SendOptions): Promise<Dispatcher.ResponseData> {
  const { origin, path } = splitUrl(req.url);
  return dispatcher().request({
    origin,
    path,
    method: req.method,
    headers: req.headers,
    body: req.body ?? null,
    signal: opts.signal,
    headersTimeout: opts.headersTimeout,
    bodyTimeout: opts.bodyTimeout,
  });
}

export interface BufferedResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface BufferedSendOptions extends Omit<SendOptions, "signal"> {
  /** Aborts the call (null: nothing cancels it but the timeouts). */
  signal: AbortSignal | null;
}

/** A buffered upstream call: resolves with the whole body. Uses undici's dispatch API directly —
 * no response stream, no body mixin — about a quarter less CPU per call than `request()`.
 * Deadlines: one timer of ours for the response head (`headersTimeout`: under heavy load a call
 * once outlived undici's own header timeout — a 1 s answer accepted with 200 ms), then undici's
 * `bodyTimeout` between body chunks. */
export function sendBuffered(req: UpstreamRequest, opts: BufferedSendOptions): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    const { origin, path } = splitUrl(req.url);
    const signal = opts.signal;
    if (signal?.aborted) {
      reject(signal.reason ?? new Error("aborted"));
      return;
    }
    const chunks: Buffer[] = [];
    let statusCode = 0;
    let headers: IncomingHttpHeaders = {};
    let onAbort: (() => void) | null = null;
    let headTimer: ReturnType<typeof setTimeout> | null = null;
    const clearHeadTimer = () => {
      if (headTimer !== null) clearTimeout(headTimer);
      headTimer = null;
    };
    const settle = () => {
      clearHeadTimer();
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      onAbort = null;
    };
    dispatcher().dispatch(
      {
        origin,
        path,
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        // The head deadline is the timer below (undici keeps its agent-wide 300 s default).
        bodyTimeout: opts.bodyTimeout,
      },
      {
        onRequestStart(controller) {
          headTimer ??= setTimeout(() => controller.abort(headersTimeoutError(opts.headersTimeout)), opts.headersTimeout);
          if (!signal) return;
          if (signal.aborted) {
            controller.abort(signal.reason ?? new Error("aborted"));
            return;
          }
          onAbort = () => controller.abort(signal.reason ?? new Error("aborted"));
          signal.addEventListener("abort", onAbort, { once: true });
        },
        onResponseStart(_controller, status, h) {
          clearHeadTimer();
          statusCode = status;
          headers = h;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          settle();
          resolve({ statusCode, headers, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
        },
        onResponseError(_controller, err) {
          settle();
          reject(err);
        },
      },
    );
  });
}

function headersTimeoutError(ms: number): Error {
  return Object.assign(new Error(`No response head within ${ms} ms`), { code: "UND_ERR_HEADERS_TIMEOUT" });
}

export type UpstreamErrorKind = "timeout" | "connection" | "cancelled";

/** Classifies an error thrown by an upstream call (`timedOut`: our own deadline fired). */
export function classifyUpstreamError(err: unknown, timedOut: boolean, clientSignal: AbortSignal): UpstreamErrorKind {
  if (timedOut) return "timeout";
  if (clientSignal.aborted) return "cancelled";
  const code = (err as { code?: string } | null)?.code;
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return "timeout";
  }
  return "connection";
}

/** Retry-After as milliseconds (`retry-after-ms`, `retry-after` seconds or HTTP date). */
export function retryAfterMs(headers: IncomingHttpHeaders): number | null {
  const ms = headers["retry-after-ms"];
  if (typeof ms === "string" && ms !== "") {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const ra = headers["retry-after"];
  if (typeof ra !== "string" || ra === "") return null;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return secs >= 0 ? secs * 1000 : null;
  const date = Date.parse(ra);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
