// Shared by playwright.config.ts and the specs. Values that must agree between Playwright's main
// process and its workers are created once and passed on through the environment (workers inherit
// it), so every process sees the same temp dir and ports.

import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

function freePort(): number {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

function once(name: string, make: () => string): string {
  process.env[name] ??= make();
  return process.env[name]!;
}

export const E2E_DIR = once("GATEHOUSE_E2E_DIR", () => mkdtempSync(path.join(tmpdir(), "gatehouse-e2e-")));

/** Server with GATEHOUSE_INIT_ADMIN_* set: the console flow signs in with these. */
export const CONSOLE_PORT = Number(once("GATEHOUSE_E2E_CONSOLE_PORT", () => String(freePort())));
/** Server on an empty database without an initial admin: the setup page test. */
export const SETUP_PORT = Number(once("GATEHOUSE_E2E_SETUP_PORT", () => String(freePort())));

export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };

export const SCREENS_DIR = path.resolve("test-results", "screens");
