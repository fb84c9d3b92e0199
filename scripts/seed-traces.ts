// Seeds synthetic traces through the real writer path (lib/tracing/persist: payload capture, cost,
// rollups; one transaction per batch), then measures the usage dashboard's server time.
//
//   tsx scripts/seed-traces.ts [--count 1000000] [--days 30] [--batch 2000] [--reset] [--bench-only]
//
// DATABASE_URL picks the database (default: the embedded SQLite file); it is migrated first.
// Seeded rows are recognisable (trace ids `seed-…`, endpoints `seed-…`, teams `seed-team-…`);
// --reset deletes them (and their rollups) before seeding.

import { randomUUID } from "node:crypto";
import { getDb } from "../lib/db";
import type { GatewayTraceRecord } from "../lib/gateway/trace-hook";
import type { Actor } from "../lib/auth/actor";
import { prepareBatch, writeBatch } from "../lib/tracing/persist";
import { listTraces } from "../lib/tracing/queries";
import { getUsageDashboard } from "../lib/usage/queries";
import { migrate } from "./migrate.mjs";

interface Options {
  count: number;
  days: number;
  batch: number;
  reset: boolean;
  benchOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { count: 1_000_000, days: 30, batch: 2000, reset: false, benchOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const num = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${arg} needs a positive integer`);
      return n;
    };
    if (arg === "--count") opts.count = num();
    else if (arg === "--days") opts.days = num();
    else if (arg === "--batch") opts.batch = num();
    else if (arg === "--reset") opts.reset = true;
    else if (arg === "--bench-only") opts.benchOnly = true;
    else throw new Error(`Unknown argument ${arg}. Usage: tsx scripts/seed-traces.ts [--count N] [--days D] [--batch B] [--reset] [--bench-only]`);
  }
  return opts;
}

// Endpoint → (provider, model); a realistic mix of priced and unpriced models.
const TARGETS = [
  { endpoint: "seed-chat", provider: "openai", model: "gpt-4o-mini", weight: 30 },
  { endpoint: "seed-chat-smart", provider: "openai", model: "gpt-4.1", weight: 10 },
  { endpoint: "seed-claude", provider: "anthropic", model: "claude-sonnet-4-5-20250929", weight: 15 },
  { endpoint: "seed-haiku", provider: "bedrock", model: "us.anthropic.claude-haiku-4-5-20251001-v1:0", weight: 10 },
  { endpoint: "seed-gemini", provider: "gemini", model: "gemini-2.5-flash", weight: 12 },
  { endpoint: "seed-mistral", provider: "mistral", model: "mistral-small-latest", weight: 5 },
  { endpoint: "seed-embed", provider: "openai", model: "text-embedding-3-small", weight: 15 },
  { endpoint: "seed-local", provider: "openai-compatible", model: "llama-3.1-8b-instruct", weight: 3 },
];
const TOTAL_WEIGHT = TARGETS.reduce((s, t) => s + t.weight, 0);
const TEAM_NAMES = ["seed-team-1", "seed-team-2", "seed-team-3", "seed-team-4", "seed-team-5"];

// Deterministic PRNG (mulberry32) so runs are comparable.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickTarget(r: number) {
  let acc = 0;
  for (const t of TARGETS) {
    acc += t.weight;
    if (r * TOTAL_WEIGHT < acc) return t;
  }
  return TARGETS[TARGETS.length - 1];
}

function syntheticRecord(i: number, startTime: number, teamIds: string[], random: () => number): GatewayTraceRecord {
  const t = pickTarget(random());
  const embeddings = t.endpoint === "seed-embed";
  const failed = random() < 0.03;
  const streaming = !embeddings && random() < 0.4;
  // Log-normal-ish latency: embeddings ~100 ms, chat ~1.5 s with a long tail.
  const latencyMs = Math.round((embeddings ? 80 : 900) * Math.exp(random() * 1.6 + (random() < 0.02 ? 2 : 0)));
  const input = embeddings ? 20 + Math.floor(random() * 500) : 200 + Math.floor(random() * 4000);
  const output = embeddings ? 0 : 20 + Math.floor(random() * 800);
  const cacheRead = !embeddings && random() < 0.3 ? Math.floor(input * 0.6) : 0;
  const usage = failed ? null : { input, output, cacheRead, cacheCreation: 0, total: input + output };
  const end = startTime + latencyMs;
  return {
    requestId: `seed-${String(i).padStart(8, "0")}-${randomUUID().slice(0, 8)}`,
    startTime,
    endpoint: t.endpoint,
    endpointId: `ep_${t.endpoint}`,
    teamId: teamIds[Math.floor(random() * teamIds.length)],
    tokenId: "tok_seed",
    route: "unified",
    operation: embeddings ? "embeddings" : "chat",
    provider: t.provider,
    model: t.model,
    status: failed ? "error" : "ok",
    httpStatus: failed ? 502 : 200,
    errorType: failed ? "upstream_error" : null,
    errorMessage: failed ? "Upstream returned 500 Internal Server Error" : null,
    latencyMs,
    ttftMs: streaming ? Math.round(latencyMs * 0.2) : null,
    usage,
    streaming,
    attempts: [
      {
        provider: t.provider,
        model: t.model,
        start: startTime + 2,
        end: end - 1,
        status: failed ? "error" : "ok",
        httpStatus: failed ? 500 : 200,
        error: failed ? "Upstream returned 500 Internal Server Error" : null,
        usage,
      },
    ],
    request: embeddings
      ? { model: t.endpoint, input: [`document ${i}`] }
      : { model: t.endpoint, messages: [{ role: "user", content: `Synthetic question #${i}` }] },
    response: failed
      ? undefined
      : embeddings
        ? { data: "1 embedding × 1536 dimensions" }
        : { choices: [{ index: 0, message: { role: "assistant", content: `Synthetic answer #${i}` } }] },
    caller: random() < 0.1 ? "judge" : null,
    metadata: null,
    traceparent: null,
  };
}

async function reset(): Promise<void> {
  const db = getDb();
  console.log("Deleting earlier seed data…");
  await db.span.deleteMany({ where: { traceId: { startsWith: "seed-" } } });
  const traces = await db.trace.deleteMany({ where: { id: { startsWith: "seed-" } } });
  const rollups = await db.usageRollup.deleteMany({ where: { endpointName: { startsWith: "seed-" } } });
  console.log(`  ${traces.count} traces, ${rollups.count} rollup rows deleted`);
}

async function seed(opts: Options): Promise<void> {
  const db = getDb();
  const teamIds: string[] = [];
  for (const name of TEAM_NAMES) {
    teamIds.push((await db.team.upsert({ where: { name }, create: { name }, update: {} })).id);
  }
  const random = rng(42);
  const now = Date.now();
  const span = opts.days * 86_400_000;
  const step = span / opts.count;
  const t0 = performance.now();
  let written = 0;
  // Traces are generated in time order, so each batch touches few rollup buckets.
  for (let start = 0; start < opts.count; start += opts.batch) {
    const n = Math.min(opts.batch, opts.count - start);
    const records: GatewayTraceRecord[] = [];
    for (let i = start; i < start + n; i++) {
      records.push(syntheticRecord(i, Math.floor(now - span + i * step + random() * step), teamIds, random));
    }
    await writeBatch(db, await prepareBatch(db, records, 64 * 1024));
    written += n;
    if (written % (opts.batch * 25) === 0 || written === opts.count) {
      const s = (performance.now() - t0) / 1000;
      console.log(`  ${written.toLocaleString("en")} traces in ${s.toFixed(1)} s (${Math.round(written / s).toLocaleString("en")}/s)`);
    }
  }
}

async function timeIt(fn: () => Promise<unknown>, runs = 5): Promise<{ median: number; min: number; max: number }> {
  await fn(); // warm-up: connection, query plans, page cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], min: times[0], max: times[runs - 1] };
}

async function bench(): Promise<void> {
  const db = getDb();
  const admin: Actor = { kind: "admin-token", tokenId: "seed-bench" };
  const traces = await db.trace.count();
  const rollups = await db.usageRollup.count();
  console.log(`\nDashboard server time (${traces.toLocaleString("en")} traces, ${rollups.toLocaleString("en")} rollup rows):`);
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["dashboard 1h", () => getUsageDashboard(admin, { range: "1h" })],
    ["dashboard 24h", () => getUsageDashboard(admin, { range: "24h" })],
    ["dashboard 7d", () => getUsageDashboard(admin, { range: "7d" })],
    ["dashboard 30d", () => getUsageDashboard(admin, { range: "30d" })],
    ["dashboard 30d, endpoint filter", () => getUsageDashboard(admin, { range: "30d", endpoint: "seed-claude" })],
    ["dashboard 30d, excludeCaller=judge", () => getUsageDashboard(admin, { range: "30d", excludeCaller: "judge" })],
    ["trace list, first page (50)", () => listTraces(admin, { range: "24h" })],
    ["trace list, status=error, 30d", () => listTraces(admin, { range: "30d", status: "error" })],
  ];
  for (const [name, fn] of cases) {
    const t = await timeIt(fn);
    console.log(`  ${name.padEnd(38)} median ${t.median.toFixed(1).padStart(7)} ms  (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)})`);
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  await migrate(undefined, { quiet: true });
  if (!opts.benchOnly) {
    if (opts.reset) await reset();
    console.log(`Seeding ${opts.count.toLocaleString("en")} traces over ${opts.days} days (batches of ${opts.batch})…`);
    await seed(opts);
  }
  await bench();
  await getDb().$disconnect();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
