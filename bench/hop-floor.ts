// `npm run bench:floor`: what one extra hop costs on this machine, whoever makes it. Measures, at
// concurrency 1 against the same fake OpenAI upstream (1 ms), the latency added by
//   tcp-relay   — bench/tcp-relay.c, an epoll byte relay in C (built with `cc` when there is one)
//   node-relay  — node:net sockets piped both ways (no HTTP)
//   raw-server  — a minimal hand-parsed HTTP/1.1 server on node:net, upstream through undici
//   raw-client  — node:http server, upstream over one hand-written keep-alive socket
//   http-undici — node:http server, upstream through undici's dispatch API, one write back: the
//                 issue's own design (node:http for Next, undici for upstream) doing no other work
//   node-proxy  — node:http + undici Pool, the bare proxy `npm run bench` compares the gateway with
// The raw variants parse only what this benchmark sends (content-length bodies): floors, not
// servers. Requests are interleaved across targets in rounds, as in `npm run bench`.
// Env: BENCH_SEQUENTIAL (default 3000), BENCH_UPSTREAM_LATENCY_MS (default 1).

import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { connect, createServer as createNetServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Pool, type Dispatcher } from "undici";
import { BENCH_TOKEN, runRole, type Role } from "./bench-servers";

const SELF = fileURLToPath(import.meta.url);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 3000);
const BODY = JSON.stringify({
  model: "bench",
  messages: [{ role: "user", content: "Summarize this support ticket: the customer cannot log in after resetting the password." }],
  temperature: 0.2,
});
const HEADERS = { "content-type": "application/json", authorization: `Bearer ${BENCH_TOKEN}` };

type FloorRole = "node-relay" | "raw-server" | "raw-client" | "http-undici";

function listen(server: Server | ReturnType<typeof createServer>): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

/** Splits one complete HTTP/1.1 message with a content-length body off the front of `buf`. */
function takeMessage(buf: Buffer): { head: string; body: Buffer; rest: Buffer } | null {
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString("latin1");
  const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
  if (buf.length < end + 4 + length) return null;
  return { head, body: buf.subarray(end + 4, end + 4 + length), rest: buf.subarray(end + 4 + length) };
}

/** Calls `onMessage` for each complete message arriving on a socket. */
function messages(socket: NodeJS.ReadableStream, onMessage: (head: string, body: Buffer) => void): void {
  let buf: Buffer = Buffer.alloc(0);
  socket.on("data", (data: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, data]) : data;
    for (let m = takeMessage(buf); m; m = takeMessage(buf)) {
      buf = m.rest;
      onMessage(m.head, m.body);
    }
  });
}

/** Collects an undici response and hands back status and body. */
function collect(done: (status: number, body: Buffer) => void, fail: (err: Error) => void): Dispatcher.DispatchHandler {
  let status = 0;
  const chunks: Buffer[] = [];
  return {
    onConnect: () => {},
    onHeaders: (code: number) => ((status = code), true),
    onData: (chunk: Buffer) => (chunks.push(chunk), true),
    onComplete: () => done(status, Buffer.concat(chunks)),
    onError: fail,
  } as Dispatcher.DispatchHandler;
}

async function floorServer(role: FloorRole, upstream: URL): Promise<number> {
  if (role === "node-relay") {
    const server = createNetServer({ noDelay: true }, (client) => {
      const up = connect({ host: upstream.hostname, port: Number(upstream.port), noDelay: true });
      client.pipe(up).pipe(client);
      client.on("error", () => up.destroy());
      up.on("error", () => client.destroy());
    });
    return listen(server);
  }
  if (role === "raw-server") {
    const pool = new Pool(upstream.origin, { connections: 128 });
    const server = createNetServer({ noDelay: true }, (client) => {
      messages(client, (head, body) => {
        const auth = /authorization: *([^\r]*)/i.exec(head)?.[1] ?? "";
        const request = { path: head.split(" ")[1], method: "POST" as const, headers: { "content-type": "application/json", authorization: auth }, body };
        pool.dispatch(
          request,
          collect(
            (status, out) => {
              const reply = `HTTP/1.1 ${status} OK\r\ncontent-type: application/json\r\ncontent-length: ${out.length}\r\nconnection: keep-alive\r\n\r\n`;
              client.write(Buffer.concat([Buffer.from(reply), out]));
            },
            (err) => client.destroy(err),
          ),
        );
      });
    });
    return listen(server);
  }
  if (role === "http-undici") {
    const pool = new Pool(upstream.origin, { connections: 128 });
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const headers = { "content-type": "application/json", authorization: req.headers.authorization ?? "" };
        pool.dispatch(
          { path: req.url ?? "/", method: "POST", headers, body: Buffer.concat(chunks) },
          collect(
            (status, out) => res.writeHead(status, { "content-type": "application/json", "content-length": out.length }).end(out),
            (err) => res.writeHead(502).end(String(err)),
          ),
        );
      });
    });
    server.keepAliveTimeout = 60_000;
    return listen(server);
  }
  // raw-client: one keep-alive socket to the upstream (concurrency 1 only).
  const socket = connect({ host: upstream.hostname, port: Number(upstream.port), noDelay: true });
  let waiting: ((status: number, body: Buffer) => void) | null = null;
  messages(socket, (head, body) => {
    const reply = waiting;
    waiting = null;
    reply?.(Number(head.split(" ")[1]), body);
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      waiting = (status, out) => res.writeHead(status, { "content-type": "application/json", "content-length": out.length }).end(out);
      const head = `POST ${req.url} HTTP/1.1\r\nhost: ${upstream.host}\r\ncontent-type: application/json\r\nauthorization: ${req.headers.authorization}\r\ncontent-length: ${body.length}\r\n\r\n`;
      socket.write(Buffer.concat([Buffer.from(head), body]));
    });
  });
  server.keepAliveTimeout = 60_000;
  return listen(server);
}

function start(role: Role | FloorRole, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(SELF, [role], { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (msg) => resolve({ child, port: (msg as { port: number }).port }));
    child.once("exit", (code) => reject(new Error(`${role} exited early (code ${code})`)));
  });
}

/** Builds and starts the C relay; null where there is no C compiler. */
async function startTcpRelay(dir: string, upstreamPort: number): Promise<{ child: ChildProcess; port: number } | null> {
  const binary = path.join(dir, "tcp-relay");
  try {
    execFileSync("cc", ["-O2", "-o", binary, path.join(path.dirname(SELF), "tcp-relay.c")], { stdio: "ignore" });
  } catch {
    return null;
  }
  const probe = createNetServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  const child = spawn(binary, [String(port), String(upstreamPort)], { stdio: "inherit" });
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => connect(port, "127.0.0.1").on("connect", function (this: import("node:net").Socket) { this.destroy(); resolve(true); }).on("error", () => resolve(false)));
    if (up) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill();
  return null;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-floor-"));
  const upstream = await start("upstream", {});
  const origin = `http://127.0.0.1:${upstream.port}`;
  const env = { BENCH_UPSTREAM: origin };
  const servers = [
    { name: "tcp-relay", server: await startTcpRelay(dir, upstream.port) },
    { name: "node-relay", server: await start("node-relay", env) },
    { name: "raw-server", server: await start("raw-server", env) },
    { name: "raw-client", server: await start("raw-client", env) },
    { name: "http-undici", server: await start("http-undici", env) },
    { name: "node-proxy", server: await start("proxy", env) },
  ];
  const targets = [{ name: "direct", origin }, ...servers.filter((s) => s.server).map((s) => ({ name: s.name, origin: `http://127.0.0.1:${s.server?.port}` }))];
  if (!servers[0].server) console.log("tcp-relay: skipped (no C compiler `cc`)");
  const pools = new Map(targets.map((t) => [t.name, new Pool(t.origin, { connections: 1 })]));
  const once = async (name: string) => {
    const res = await (pools.get(name) as Pool).request({ path: "/v1/chat/completions", method: "POST", headers: HEADERS, body: BODY });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${name}: HTTP ${res.statusCode}`);
  };
  try {
    for (const t of targets) for (let i = 0; i < 500; i++) await once(t.name);
    const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < 10; round++) {
      for (const t of targets) {
        for (let i = 0; i < SEQUENTIAL / 10; i++) {
          const started = performance.now();
          await once(t.name);
          samples.get(t.name)?.push(performance.now() - started);
        }
      }
    }
    const sorted = new Map([...samples].map(([k, v]) => [k, v.sort((a, b) => a - b)]));
    const direct = sorted.get("direct") as number[];
    const cell = (v: number) => v.toFixed(3).padStart(10);
    console.log(`one extra hop, concurrency 1, ${SEQUENTIAL} requests each (ms)\n`);
    console.log(`${"".padEnd(12)}${["p50", "p90", "p99", "added p50", "added p99"].map((h) => h.padStart(10)).join("")}`);
    for (const t of targets) {
      const v = sorted.get(t.name) as number[];
      console.log(`${t.name.padEnd(12)}${cell(pct(v, 50))}${cell(pct(v, 90))}${cell(pct(v, 99))}${cell(pct(v, 50) - pct(direct, 50))}${cell(pct(v, 99) - pct(direct, 99))}`);
    }
  } finally {
    await Promise.all([...pools.values()].map((p) => p.close()));
    for (const s of [upstream, ...servers.map((x) => x.server)]) s?.child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

const role = process.argv[2];
if (role === "node-relay" || role === "raw-server" || role === "raw-client" || role === "http-undici") {
  const port = await floorServer(role, new URL(process.env.BENCH_UPSTREAM as string));
  process.on("SIGTERM", () => process.exit(0));
  process.send?.({ port });
} else if (role) {
  await runRole(role as Role);
} else {
  await main();
  process.exit(0);
}
