// Server time of the usage dashboard (getUsageDashboard) at scale: seeds synthetic traces through
// the real writer path when the database has fewer than --count (scripts/seed-traces.ts), then
// times the dashboard for 1h / 24h / 7d / 30d windows and a few filters. Target: ≤ 300 ms.
//
//   npx tsx bench/dashboard-bench.ts [--count 1000000] [--runs 7]
//
// DATABASE_URL picks the database; default a SQLite file under /tmp (never the developer's
// ./data). For PostgreSQL use a scratch database, e.g.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gatehouse_bench npx tsx bench/dashboard-bench.ts

import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.DATABASE_URL ??= "file:/tmp/gatehouse-bench/dashboard.db";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive integer`);
  return n;
}

const COUNT = arg("count", 1_000_000);
const RUNS = arg("runs", 7);
const TARGET_MS = 300;

async function main(): Promise<void> {
  const { migrate } = await import("../scripts/migrate.mjs");
  await migrate(undefined, { quiet: true });
  const { getDb } = await import("../lib/db");
  const { getUsageDashboard } = await import("../lib/usage/queries");
  const db = getDb();
  const seeded = await db.trace.count({ where: { id: { startsWith: "seed-" } } });
  if (seeded < COUNT) {
    console.log(`${seeded.toLocaleString("en")} seeded traces < ${COUNT.toLocaleString("en")}: seeding (this takes a while)…`);
    const seed = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/seed-traces.ts"), "--count", String(COUNT), "--reset"], {
      stdio: "inherit",
      env: process.env,
      cwd: root,
    });
    if (seed.status !== 0) throw new Error("seeding failed");
  }
  const traces = await db.trace.count();
  const rollups = await db.usageRollup.count();
  const url = process.env.DATABASE_URL!.replace(/\/\/[^@/]*@/, "//…@");
  console.log(`\ngetUsageDashboard server time — ${url}`);
  console.log(`${traces.toLocaleString("en")} traces, ${rollups.toLocaleString("en")} rollup rows; median of ${RUNS} runs after a warm-up\n`);

  const admin = { kind: "admin-token", tokenId: "bench" } as const;
  const cases: Array<[string, Record<string, string>]> = [
    ["1h", { range: "1h" }],
    ["24h", { range: "24h" }],
    ["7d", { range: "7d" }],
    ["30d", { range: "30d" }],
    ["30d, endpoint=seed-claude", { range: "30d", endpoint: "seed-claude" }],
    ["30d, excludeCaller=judge", { range: "30d", excludeCaller: "judge" }],
    ["7d, team=seed-team-2", { range: "7d", team: "seed-team-2" }],
  ];
  let worst = 0;
  for (const [name, filters] of cases) {
    await getUsageDashboard(admin, filters);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await getUsageDashboard(admin, filters);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    worst = Math.max(worst, median);
    console.log(`  ${name.padEnd(28)} median ${median.toFixed(1).padStart(7)} ms   min ${times[0].toFixed(1).padStart(7)}   max ${times[times.length - 1].toFixed(1).padStart(7)}`);
  }
  console.log(`\nslowest median ${worst.toFixed(1)} ms — target ≤ ${TARGET_MS} ms: ${worst <= TARGET_MS ? "met" : "NOT met"}`);
  await db.$disconnect();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
