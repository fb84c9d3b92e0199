// Browser tests in Debian's Chromium (/usr/bin/chromium; .ci/run installs it). Each run starts
// two production servers on fresh SQLite databases in a temp dir: one with an initial admin
// (GATEHOUSE_INIT_ADMIN_*) for the console flow, one empty for the first-run setup page.
// `npm start` (scripts/start.mjs) builds when the build is stale, migrates and starts the server;
// the servers start one after the other, so only the first can trigger the build.

import path from "node:path";
import { defineConfig } from "@playwright/test";
import { ADMIN, CONSOLE_PORT, E2E_DIR, SETUP_PORT } from "./e2e/env";

const CHROMIUM = process.env.GATEHOUSE_E2E_CHROMIUM ?? "/usr/bin/chromium";

function server(name: string, port: number, extraEnv: Record<string, string>) {
  const dir = path.join(E2E_DIR, name);
  return {
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${port}/signin`,
    // A cold `next build` on 2 cores takes minutes.
    timeout: 15 * 60_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: `file:${path.join(dir, "db.sqlite")}`,
      // Keys in the temp dir, never the developer's ./data.
      GATEHOUSE_ENCRYPTION_KEY_FILE: path.join(dir, "encryption.key"),
      GATEHOUSE_AUTH_SECRET_FILE: path.join(dir, "auth-secret"),
      NEXT_TELEMETRY_DISABLED: "1",
      ...extraEnv,
    },
  };
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/playwright.json" }]],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: "setup.spec.ts", use: { baseURL: `http://127.0.0.1:${SETUP_PORT}` } },
    { name: "console", testMatch: "console.spec.ts", use: { baseURL: `http://127.0.0.1:${CONSOLE_PORT}` } },
    // Same server, after the console flow (which expects an empty console at its start).
    { name: "usage", testMatch: "usage.spec.ts", dependencies: ["console"], use: { baseURL: `http://127.0.0.1:${CONSOLE_PORT}` } },
    // Same server again, declared after usage (which counts every trace of the server); it filters by its own endpoint.
    { name: "eval", testMatch: "eval.spec.ts", dependencies: ["console"], use: { baseURL: `http://127.0.0.1:${CONSOLE_PORT}` } },
    // Same server; its endpoints track no usage, so it adds no trace to what usage and eval count.
    { name: "tokens", testMatch: "tokens.spec.ts", dependencies: ["console"], use: { baseURL: `http://127.0.0.1:${CONSOLE_PORT}` } },
    // Same server, over the traffic usage leaves (they add no trace of their own).
    { name: "layout", testMatch: "layout.spec.ts", dependencies: ["usage"], use: { baseURL: `http://127.0.0.1:${CONSOLE_PORT}` } },
    { name: "paging-forms", testMatch: "paging-forms.spec.ts", dependencies: ["usage"], use: { baseURL: `http://127.0.0.1:${CONSOLE_PORT}` } },
  ],
  webServer: [
    server("console", CONSOLE_PORT, {
      GATEHOUSE_INIT_ADMIN_EMAIL: ADMIN.email,
      GATEHOUSE_INIT_ADMIN_PASSWORD: ADMIN.password,
    }),
    // Started after the first server has built: reuse that build, never rebuild under it.
    server("setup", SETUP_PORT, { GATEHOUSE_REUSE_BUILD: "1" }),
  ],
});
