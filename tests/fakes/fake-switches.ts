// Shared machinery of the fake provider servers (tests/fakes/anthropic.ts, gemini.ts): a node:http
// server on 127.0.0.1:<random>, recorded requests, and behaviour switches (errors, latency, hangs,
// mid-stream cuts and in-stream errors).

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSwitches {
  /** Delay before the response head, ms. */
  latencyMs?: number;
  /** Delay between streamed events, ms. */
  eventDelayMs?: number;
  /** Accept requests and never answer (the socket stays open until the client gives up). */
  hang?: boolean;
  /** Answer with the provider's error JSON; `times` limits it to the next N requests; `headers`
   * are sent with it (rate limits, request id, `retry-after-ms`). */
  fail?: { status: number; message?: string; type?: string; times?: number; retryAfterSeconds?: number; headers?: Record<string, string> };
  /** Streaming: destroy the connection after this many events, before the stream is complete. */
  cutAfterEvents?: number;
  /** Streaming: end the response cleanly after this many events, without the terminal event(s). */
  endAfterEvents?: number;
  /** Streaming: send the provider's in-stream error after this many events, then close. */
  errorAfterEvents?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query */
  url: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when empty); `any` so assertions can read it freely. */
  body: any;
}

/** An error the fake answers with: `status` and the provider's error body. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type?: string,
  ) {
    super(message);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export abstract class FakeProviderServer {
  switches: FakeSwitches = {};
  readonly requests: RecordedRequest[] = [];
  /** Requests whose connection the caller closed before the answer was complete. */
  abandoned = 0;
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get lastRequest(): RecordedRequest {
    const last = this.requests[this.requests.length - 1];
    if (!last) throw new Error("the fake has received no request");
    return last;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      res.once("close", () => {
        if (!res.writableFinished) this.abandoned++;
      });
      this.serve(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.sendError(res, new FakeHttpError(500, String(err)));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  reset(): void {
    this.switches = {};
    this.requests.length = 0;
    this.abandoned = 0;
  }

  /** Routes one request; throw FakeHttpError to answer with the provider's error format. */
  protected abstract handle(req: RecordedRequest, res: ServerResponse): Promise<void>;
  /** The provider's error body for a status and message. */
  protected abstract errorBody(status: number, message: string, type?: string): unknown;

  protected sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  protected sendError(res: ServerResponse, err: FakeHttpError, headers: Record<string, string> = {}): void {
    this.sendJson(res, err.status, this.errorBody(err.status, err.message, err.type), headers);
  }

  /** Writes SSE events honouring the stream switches. `errorEvent` is the provider's in-stream
   * error framing; the connection is destroyed (no terminal event) on `cutAfterEvents`. */
  protected async streamEvents(res: ServerResponse, events: string[], errorEvent: string): Promise<void> {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const { cutAfterEvents, endAfterEvents, errorAfterEvents, eventDelayMs } = this.switches;
    for (let i = 0; i < events.length; i++) {
      if (cutAfterEvents !== undefined && i === cutAfterEvents) {
        res.destroy();
        return;
      }
      if (endAfterEvents !== undefined && i === endAfterEvents) {
        res.end();
        return;
      }
      if (errorAfterEvents !== undefined && i === errorAfterEvents) {
        res.end(errorEvent);
        return;
      }
      if (eventDelayMs) await sleep(eventDelayMs);
      res.write(events[i]);
    }
    res.end();
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      this.sendError(res, new FakeHttpError(400, "Request body is not valid JSON."));
      return;
    }
    const recorded: RecordedRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
    this.requests.push(recorded);

    const { hang, latencyMs, fail } = this.switches;
    if (hang) return; // never answer
    if (latencyMs) await sleep(latencyMs);
    if (fail && (fail.times === undefined || fail.times > 0)) {
      if (fail.times !== undefined) fail.times -= 1;
      const headers: Record<string, string> = { ...fail.headers };
      if (fail.retryAfterSeconds !== undefined) headers["retry-after"] = String(fail.retryAfterSeconds);
      this.sendError(res, new FakeHttpError(fail.status, fail.message ?? `Injected failure ${fail.status}`, fail.type), headers);
      return;
    }
    try {
      await this.handle(recorded, res);
    } catch (err) {
      if (err instanceof FakeHttpError && !res.headersSent) this.sendError(res, err);
      else throw err;
    }
  }
}

/** Splits text into roughly `size`-character pieces, as token streams arrive. */
export function pieces(text: string, size = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
