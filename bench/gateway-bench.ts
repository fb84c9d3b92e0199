// `npm run bench`: the gateway's added latency and throughput, measured in one run against
//   direct  — the fake OpenAI upstream itself (fixed latency),
//   proxy   — a bare node:http + undici Pool proxy (the floor for any Node gateway),
//   gateway — Gatehouse's production server path (lib/server, gateway only, in-memory config,
//             usage tracking on with a trace sink that appends to an array).
// Each runs in its own process; this process is the load generator (undici Pools).
// Reports added p50/p99 at concurrency 1, max req/s at concurrency 64 and streaming added TTFT.
// Env: BENCH_UPSTREAM_LATENCY_MS (default 1), BENCH_SEQUENTIAL (default 2000),
// BENCH_DATABASE_URL (where traces go; default a temporary SQLite file), BENCH_LOOP_DELAY=1 (report
// the gateway's event-loop delay; the monitor's 1 ms timer itself moves latencies),
// BENCH_THROUGHPUT_SECONDS (default 3, per target and round), BENCH_THROUGHPUT_ROUNDS (default 5:
// the targets take turns, and each figure is the median over the rounds), BENCH_STREAMS (default 300), BENCH_CPU_PROF (a directory:
// the proxy and gateway processes write V8 CPU profiles there, one file per thread).

import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";
import { BENCH_TOKEN, runRole, type Role } from "./bench-servers";

const SELF = fileURLToPath(import.meta.url);
const LATENCY_MS = Number(process.env.BENCH_UPSTREAM_LATENCY_MS ?? 1);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 3);
const THROUGHPUT_ROUNDS = Number(process.env.BENCH_THROUGHPUT_ROUNDS ?? 5);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 300);
const CONCURRENCY = 64;
const PIN = process.env.BENCH_PIN === "1";

function pin(pid: number | undefined, cpus: string): void {
  if (pid) execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
}
// Default: the gateway writes real traces (background writer, SQLite file in a temp dir).
const TRACE_DB = process.env.BENCH_TRACE_DB !== "0";

interface Target {
  name: "direct" | "proxy" | "gateway" | "passthrough";
  origin: string;
  path: string;
  /** The process serving this target (for CPU time per request). */
  child: ChildProcess;
}

/** Sends `msg` to a server process and waits for its reply carrying `key`. */
function ask<T>(child: ChildProcess, msg: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: unknown) => {
      if (!reply || typeof reply !== "object" || !(key in reply)) return;
      child.off("message", onMessage);
      resolve(reply as T);
    };
    child.on("message", onMessage);
    child.send(msg);
  });
}

interface CpuSample {
  /** User + system CPU time of the whole process, µs. */
  total: number;
  /** Of which its main thread (null where /proc is missing). */
  main: number | null;
}

/** CPU time of a server process. */
function cpuOf(child: ChildProcess): Promise<CpuSample> {
  return new Promise((resolve) => {
    const onMessage = (msg: unknown) => {
      const { cpu, mainThreadUs } = msg as { cpu?: NodeJS.CpuUsage; mainThreadUs?: number | null };
      if (!cpu) return;
      child.off("message", onMessage);
      resolve({ total: cpu.user + cpu.system, main: mainThreadUs ?? null });
    };
    child.on("message", onMessage);
    child.send("cpu");
  });
}

function body(stream: boolean): string {
  return JSON.stringify({
    model: "bench",
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "Summarize this support ticket: the customer cannot log in after resetting the password." },
    ],
    temperature: 0.2,
    ...(stream ? { stream: true } : {}),
  });
}

const HEADERS = { "content-type": "application/json", authorization: `Bearer ${BENCH_TOKEN}` };
const CHAT = body(false);
const STREAM = body(true);

function startChild(role: Role, env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const prof = role !== "upstream" && process.env.BENCH_CPU_PROF;
  const extra = role === "gateway" && process.env.BENCH_GATEWAY_NODE_FLAGS ? process.env.BENCH_GATEWAY_NODE_FLAGS.split(" ") : [];
  const execArgv = [...process.execArgv, ...extra, ...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : [])];
  const child = fork(SELF, [role], { env: { ...process.env, ...env }, execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (msg) => resolve({ child, port: (msg as { port: number }).port }));
    child.once("exit", (code) => reject(new Error(`${role} exited early (code ${code})`)));
  });
}

/** One request; returns the gateway's `x-gatehouse-overhead-ms` (NaN for the others). */
async function once(pool: Pool, t: Target, payload: string): Promise<number> {
  const res = await pool.request({ path: t.path, method: "POST", headers: HEADERS, body: payload });
  await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${t.name}: HTTP ${res.statusCode}`);
  return Number(res.headers["x-gatehouse-overhead-ms"]);
}

/** Time to the first SSE bytes, then drains the stream. */
async function ttft(pool: Pool, t: Target): Promise<number> {
  const start = performance.now();
  const res = await pool.request({ path: t.path, method: "POST", headers: HEADERS, body: STREAM });
  if (res.statusCode !== 200) throw new Error(`${t.name}: HTTP ${res.statusCode}`);
  let first = 0;
  for await (const chunk of res.body) {
    if (first === 0 && (chunk as Buffer).includes("data:")) first = performance.now() - start;
  }
  return first;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sequential latencies, interleaved across targets in rounds so drift affects all equally. */
async function sequential(targets: Target[], pools: Map<string, Pool>, n: number, fn: (pool: Pool, t: Target) => Promise<number>) {
  const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const rounds = 10;
  for (let r = 0; r < rounds; r++) {
    for (const t of targets) {
      const pool = pools.get(t.name) as Pool;
      const out = samples.get(t.name) as number[];
      for (let i = 0; i < n / rounds; i++) out.push(await fn(pool, t));
    }
  }
  return new Map([...samples].map(([k, v]) => [k, v.sort((a, b) => a - b)]));
}

interface Throughput {
  rps: number;
  /** CPU time of the target's own process per request (the upstream's for "direct"). */
  cpuUsPerRequest: number;
  /** Of which the main thread (the request path); the rest is other threads (trace writer). */
  mainCpuUsPerRequest: number | null;
}

async function throughput(t: Target, seconds: number): Promise<Throughput> {
  const pool = new Pool(t.origin, { connections: CONCURRENCY, pipelining: 1 });
  const cpuBefore = await cpuOf(t.child);
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await once(pool, t, CHAT);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = await cpuOf(t.child);
  await pool.close();
  const main = cpuAfter.main !== null && cpuBefore.main !== null ? (cpuAfter.main - cpuBefore.main) / done : null;
  return { rps: done / elapsed, cpuUsPerRequest: (cpuAfter.total - cpuBefore.total) / done, mainCpuUsPerRequest: main };
}

async function main(): Promise<void> {
  console.log(`gatehouse bench: upstream latency ${LATENCY_MS} ms, ${SEQUENTIAL} sequential requests, ${THROUGHPUT_ROUNDS} × ${THROUGHPUT_SECONDS} s at concurrency ${CONCURRENCY}, ${STREAMS} streams\n`);
  const dbDir = mkdtempSync(path.join(tmpdir(), "gatehouse-bench-"));
  const gatewayEnv: Record<string, string> = {};
  if (TRACE_DB) {
    // BENCH_DATABASE_URL: write the traces there instead (e.g. a scratch PostgreSQL database; it is
    // migrated, and the traces stay).
    const url = process.env.BENCH_DATABASE_URL || `file:${path.join(dbDir, "bench.db")}`;
    const { migrate } = (await import("../scripts/migrate.mjs")) as { migrate: (u: string, o: { quiet: boolean }) => Promise<string> };
    await migrate(url, { quiet: true });
    gatewayEnv.DATABASE_URL = url;
    console.log(`traces: written by the real trace writer to ${url}\n`);
  } else {
    console.log("traces: BENCH_TRACE_DB=0, appended to an in-memory queue and dropped\n");
  }
  const upstream = await startChild("upstream", { BENCH_UPSTREAM_LATENCY_MS: String(LATENCY_MS) });
  const upstreamOrigin = `http://127.0.0.1:${upstream.port}`;
  const [proxy, gateway] = await Promise.all([
    startChild("proxy", { BENCH_UPSTREAM: upstreamOrigin }),
    startChild("gateway", { BENCH_UPSTREAM: upstreamOrigin, ...gatewayEnv }),
  ]);
  const children = [upstream.child, proxy.child, gateway.child];
  if (PIN) {
    // One core for the server under test, the other for the load generator and the upstream.
    pin(process.pid, "0");
    pin(upstream.child.pid, "0");
    pin(proxy.child.pid, "1");
    pin(gateway.child.pid, "1");
  }
  try {
    const targets: Target[] = [
      { name: "direct", origin: upstreamOrigin, path: "/v1/chat/completions", child: upstream.child },
      { name: "proxy", origin: `http://127.0.0.1:${proxy.port}`, path: "/v1/chat/completions", child: proxy.child },
      { name: "gateway", origin: `http://127.0.0.1:${gateway.port}`, path: "/gateway/mlflow/v1/chat/completions", child: gateway.child },
      // The same gateway process, provider-native route (issue 4: same speed rules as the unified API).
      { name: "passthrough", origin: `http://127.0.0.1:${gateway.port}`, path: "/gateway/openai/v1/chat/completions", child: gateway.child },
    ];
    const pools = new Map(targets.map((t) => [t.name, new Pool(t.origin, { connections: 1, pipelining: 1 })]));

    // Warm-up: JIT, connection pools, the gateway's snapshot.
    for (const t of targets) {
      const pool = pools.get(t.name) as Pool;
      for (let i = 0; i < 500; i++) await once(pool, t, CHAT);
      for (let i = 0; i < 50; i++) await ttft(pool, t);
    }

    gateway.child.send("loop-reset"); // measure the event loop from here on, not start-up and warm-up
    const overhead: number[] = [];
    const passthroughOverhead: number[] = [];
    const latency = await sequential(targets, pools, SEQUENTIAL, async (pool, t) => {
      const start = performance.now();
      const own = await once(pool, t, CHAT);
      const elapsed = performance.now() - start;
      if (t.name === "gateway") overhead.push(own);
      if (t.name === "passthrough") passthroughOverhead.push(own);
      return elapsed;
    });
    overhead.sort((a, b) => a - b);
    passthroughOverhead.sort((a, b) => a - b);
    // Rounds in turn, so a slow spell of this shared machine hits every target alike.
    const rounds = new Map<string, Throughput[]>(targets.map((t) => [t.name, []]));
    for (let r = 0; r < THROUGHPUT_ROUNDS; r++) {
      for (const t of targets) rounds.get(t.name)?.push(await throughput(t, THROUGHPUT_SECONDS));
    }
    const rps = new Map([...rounds].map(([name, rs]) => [name, medianThroughput(rs)]));
    const ratioOf = (name: string) => (rounds.get(name) as Throughput[]).map((g, i) => g.rps / (rounds.get("proxy") as Throughput[])[i].rps);
    const ratios = ratioOf("gateway");
    const firstToken = await sequential(targets, pools, STREAMS, ttft);
    await Promise.all([...pools.values()].map((p) => p.close()));

    report(latency, rps, firstToken, ratios, ratioOf("passthrough"));
    console.log(
      `gateway's own time per request (x-gatehouse-overhead-ms, inside the process, outside the upstream call): ` +
        `p50 ${pct(overhead, 50).toFixed(3)} ms, p99 ${pct(overhead, 99).toFixed(3)} ms; passthrough ` +
        `p50 ${pct(passthroughOverhead, 50).toFixed(3)} ms, p99 ${pct(passthroughOverhead, 99).toFixed(3)} ms`,
    );
    const m = await ask<{ tracing: Record<string, unknown> | null; loopDelayMs: unknown }>(gateway.child, "tracing", "tracing");
    if (TRACE_DB) console.log(`\ntrace writer: ${JSON.stringify(m.tracing)}`);
    if (m.loopDelayMs) console.log(`gateway event-loop delay after warm-up (ms): ${JSON.stringify(m.loopDelayMs)}`);
  } finally {
    for (const child of children) child.kill("SIGTERM");
    rmSync(dbDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

function medianThroughput(rounds: Throughput[]): Throughput {
  const mains = rounds.map((r) => r.mainCpuUsPerRequest);
  return {
    rps: median(rounds.map((r) => r.rps)),
    cpuUsPerRequest: median(rounds.map((r) => r.cpuUsPerRequest)),
    mainCpuUsPerRequest: mains.every((m) => m !== null) ? median(mains as number[]) : null,
  };
}

function report(
  latency: Map<string, number[]>,
  rps: Map<string, Throughput>,
  firstToken: Map<string, number[]>,
  ratios: number[],
  passthroughRatios: number[],
): void {
  const ms = (v: number) => v.toFixed(3);
  const row = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(10) : c.padStart(14))).join(""));
  row(["", "p50 ms", "p99 ms", "req/s (c=64)", "CPU µs/req", "TTFT p50 ms", "TTFT p99 ms"]);
  for (const name of ["direct", "proxy", "gateway", "passthrough"]) {
    const l = latency.get(name) as number[];
    const f = firstToken.get(name) as number[];
    const tp = rps.get(name) as Throughput;
    row([name, ms(pct(l, 50)), ms(pct(l, 99)), tp.rps.toFixed(0), tp.cpuUsPerRequest.toFixed(0), ms(pct(f, 50)), ms(pct(f, 99))]);
  }
  const added = (m: Map<string, number[]>, who: string, p: number) => pct(m.get(who) as number[], p) - pct(m.get("direct") as number[], p);
  const addedP50 = added(latency, "gateway", 50);
  const addedP99 = added(latency, "gateway", 99);
  const gw = rps.get("gateway") as Throughput;
  const px = rps.get("proxy") as Throughput;
  const ratio = median(ratios);
  console.log("");
  console.log(`bare proxy added latency: p50 ${ms(added(latency, "proxy", 50))} ms, p99 ${ms(added(latency, "proxy", 99))} ms`);
  console.log(`gateway added latency:    p50 ${ms(addedP50)} ms, p99 ${ms(addedP99)} ms`);
  const overProxy = (p: number) => pct(latency.get("gateway") as number[], p) - pct(latency.get("proxy") as number[], p);
  console.log(`gateway over the proxy:   p50 ${ms(overProxy(50))} ms, p99 ${ms(overProxy(99))} ms (its own cost beyond the extra hop)`);
  console.log(`gateway added TTFT:       p50 ${ms(added(firstToken, "gateway", 50))} ms, p99 ${ms(added(firstToken, "gateway", 99))} ms`);
  const pcts = ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(", ");
  console.log(`gateway throughput:       ${(ratio * 100).toFixed(0)}% of the bare proxy (median; rounds: ${pcts})`);
  const ptRatio = median(passthroughRatios);
  console.log(
    `passthrough (/gateway/openai): added p50 ${ms(added(latency, "passthrough", 50))} ms, p99 ${ms(added(latency, "passthrough", 99))} ms, ` +
      `TTFT p50 ${ms(added(firstToken, "passthrough", 50))} ms, throughput ${(ptRatio * 100).toFixed(0)}% of the bare proxy`,
  );
  console.log(`gateway CPU per request:  ${gw.cpuUsPerRequest.toFixed(0)} µs vs ${px.cpuUsPerRequest.toFixed(0)} µs for the bare proxy (under c=64 load)`);
  if (gw.mainCpuUsPerRequest !== null) {
    const other = gw.cpuUsPerRequest - gw.mainCpuUsPerRequest;
    console.log(`  of which:                ${gw.mainCpuUsPerRequest.toFixed(0)} µs on the request thread, ${other.toFixed(0)} µs on other threads (trace writer, GC helpers)`);
  }
  console.log("");
  const check = (label: string, ok: boolean) => console.log(`${ok ? "PASS" : "FAIL"}  ${label}`);
  check("added p50 <= 0.3 ms", addedP50 <= 0.3);
  check("added p99 <= 1 ms", addedP99 <= 1);
  check("throughput >= 60% of the bare undici proxy", ratio >= 0.6);
}

const role = process.argv[2] as Role | undefined;
if (role) {
  await runRole(role);
} else {
  await main();
  process.exit(0);
}
