// The benchmark's server processes: the fake upstream, the bare undici proxy and the gateway.
// Each listens on 127.0.0.1:<random> and reports its port to the parent over IPC.

import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";
import { hashToken } from "../lib/gateway/snapshot-build";
import { useStaticConfig } from "../lib/gateway/snapshot";
import { setTraceSink, type GatewayTraceRecord } from "../lib/gateway/trace-hook";
import { getTracingMetrics, startTracing } from "../lib/tracing";
import { WorkerTraceWriter } from "../lib/tracing/worker-writer";
import { startServer } from "../lib/server/server";

export type Role = "upstream" | "proxy" | "gateway";

export const BENCH_TOKEN = "gth_benchToken0000000000000000000000000000000000";

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

const COMPLETION = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "The customer cannot log in after a password reset; escalate to identity support.", refusal: null },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: { prompt_tokens: 38, completion_tokens: 17, total_tokens: 55, prompt_tokens_details: { cached_tokens: 0 } },
  system_fingerprint: "fp_bench",
});

function sseChunks(): { first: string; rest: string } {
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-4o-mini", choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null })}\n\n`;
  const words = "The customer cannot log in after a password reset; escalate to identity support.".split(" ");
  const rest =
    words.map((w) => chunk({ content: `${w} ` })).join("") +
    chunk({}, "stop") +
    `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 38, completion_tokens: 17, total_tokens: 55 } })}\n\n` +
    "data: [DONE]\n\n";
  return { first: chunk({ role: "assistant", content: "" }), rest };
}

async function upstream(): Promise<number> {
  const latency = Number(process.env.BENCH_UPSTREAM_LATENCY_MS ?? 1);
  const { first, rest } = sseChunks();
  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    const stream = body.includes('"stream":true');
    setTimeout(() => {
      if (!stream) {
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(COMPLETION) }).end(COMPLETION);
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(first);
      setTimeout(() => res.end(rest), 1);
    }, latency);
  });
  server.keepAliveTimeout = 60_000;
  return listen(server);
}

/** The floor: forward method, path, body and auth; stream the response back. */
async function proxy(): Promise<number> {
  const pool = new Pool(process.env.BENCH_UPSTREAM as string, { connections: 128, pipelining: 1 });
  const server = createServer(async (req, res) => {
    try {
      const body = await readAll(req);
      const up = await pool.request({
        path: req.url ?? "/",
        method: "POST",
        headers: { "content-type": "application/json", authorization: req.headers.authorization ?? "" },
        body,
      });
      res.writeHead(up.statusCode, { "content-type": String(up.headers["content-type"] ?? "application/json") });
      for await (const chunk of up.body) res.write(chunk);
      res.end();
    } catch (err) {
      res.writeHead(502).end(String(err));
    }
  });
  server.keepAliveTimeout = 60_000;
  return listen(server);
}

async function gateway(): Promise<number> {
  const up = process.env.BENCH_UPSTREAM as string;
  if (process.env.DATABASE_URL) {
    // The real trace writer on a migrated database (the parent made it): traces, spans and
    // rollups are written in the background exactly as in production.
    startTracing({ create: () => new WorkerTraceWriter() }); // as the production server does
  } else {
    // BENCH_TRACE_DB=0: an in-memory queue drained each second (isolates the request path).
    let queue: GatewayTraceRecord[] = [];
    setTraceSink((r) => {
      queue.push(r);
    });
    setInterval(() => {
      queue = [];
    }, 1_000).unref();
  }
  useStaticConfig({
    version: 1,
    tokens: [{ id: "tok_bench", teamId: "team_bench", hash: hashToken(BENCH_TOKEN), endpoints: null, expiresAt: null, revokedAt: null }],
    endpoints: [
      {
        id: "ep_bench",
        name: "bench",
        kind: "chat",
        maxAttempts: 3,
        timeoutMs: 30_000,
        usageTracking: true,
        capturePayloads: true,
        fallbackOn: null,
        createdAt: new Date(),
        models: [
          { id: "em_bench", provider: "openai", model: "gpt-4o-mini", weight: 1, fallbackOrder: null, position: 0, credentials: { apiKey: "sk-bench" }, config: { baseUrl: `${up}/v1` } },
        ],
      },
    ],
  });
  const running = await startServer({ port: 0, hostname: "127.0.0.1", next: false });
  return running.port;
}

/** CPU time of this (the main) thread in µs, from /proc (10 ms ticks); the rest of the process's
 * time is its other threads: the trace writer, libuv's pool, V8's GC helpers. */
function mainThreadCpuUs(): number | null {
  try {
    const fields = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime + stime, USER_HZ = 100
  } catch {
    return null;
  }
}

/** Event-loop delay of this server process (how long a ready callback waited), 1 ms resolution. */
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
/** The monitor wakes its process every millisecond, which itself moves latencies: opt-in, and only
 * in the gateway (BENCH_LOOP_DELAY=1). */
const LOOP_DELAY = process.env.BENCH_LOOP_DELAY === "1";

export async function runRole(role: Role): Promise<void> {
  if (LOOP_DELAY && role === "gateway") loopDelay.enable();
  const port = role === "upstream" ? await upstream() : role === "proxy" ? await proxy() : await gateway();
  process.on("SIGTERM", () => process.exit(0));
  // The parent samples each server's CPU time around the throughput run.
  process.on("message", (msg) => {
    if (msg === "cpu") process.send?.({ cpu: process.cpuUsage(), mainThreadUs: mainThreadCpuUs() });
    if (msg === "loop-reset") loopDelay.reset();
    if (msg === "tracing") {
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const loop = LOOP_DELAY ? { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) } : null;
      process.send?.({ tracing: getTracingMetrics(), loopDelayMs: loop });
    }
  });
  process.send?.({ port });
}
