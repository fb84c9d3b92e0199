#!/usr/bin/env node
// `npm test`: every test. Playwright in Debian's Chromium (its web server makes the production
// build), then Vitest (unit + integration on SQLite and PostgreSQL; tests/scripts/start-signals
// runs `node scripts/start.mjs` on that build). Prints one closing line `tests: N passed, N failed` over both runners.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";

mkdirSync("test-results", { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const only = process.argv[2]; // optional: "unit" or "e2e"

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  return r.status ?? 1;
}

function count(file, pick) {
  if (!existsSync(file)) return null;
  try {
    return pick(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let ok = true;

if (only !== "unit") {
  rmSync("test-results/playwright.json", { force: true });
  const code = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test"], {
    stdio: "inherit",
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json" },
  }).status ?? 1;
  const c = count("test-results/playwright.json", (j) => ({ p: j.stats.expected + (j.stats.flaky ?? 0), f: j.stats.unexpected }));
  if (c) { passed += c.p; failed += c.f; }
  if (code !== 0 || !c) { ok = false; if (!c || c.f === 0) failed += 1; }
}

if (only !== "e2e") {
  rmSync("test-results/vitest.json", { force: true });
  const code = run(process.execPath, [
    "node_modules/vitest/vitest.mjs", "run",
    "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json",
  ]);
  const c = count("test-results/vitest.json", (j) => ({ p: j.numPassedTests, f: j.numFailedTests + (j.numRuntimeErrors ?? 0) }));
  if (c) { passed += c.p; failed += c.f; }
  if (code !== 0 || !c) { ok = false; if (!c || c.f === 0) failed += 1; }
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
