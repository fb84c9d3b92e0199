#!/usr/bin/env node
// `npm start`: the one command that brings Gatehouse up.
//  1. ./data exists (embedded SQLite + generated keys live there)
//  2. the Prisma clients match the schemas (else generate them: a pull may have changed them)
//  3. a production build exists and matches the sources (else build)
//  4. pending migrations are applied to DATABASE_URL (default: SQLite file ./data/gatehouse.db)
//  5. the production server starts in this process: /gateway/* straight to the gateway core, the
//     rest to Next. SIGTERM / SIGINT / SIGHUP shut it down gracefully and the process exits with
//     the server's status; so does the exit of the parent process (`kill -TERM <pid of npm>`
//     leaves no orphaned server, scripts/lib/parent-watch.mjs). A problem the operator can fix (a
//     DATABASE_URL without a database name, a port in use) is one line and exit status 1.
import { existsSync, mkdirSync } from "node:fs";
import { buildIsCurrent } from "./build-stamp.mjs";
import { build } from "./build.mjs";
import { migrate } from "./migrate.mjs";
import { shutDownWhenParentExits } from "./lib/parent-watch.mjs";
import { clientsAreCurrent, generateClients } from "./prisma-generate.mjs";

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
mkdirSync("data", { recursive: true });
shutDownWhenParentExits();

// GATEHOUSE_REUSE_BUILD=1: use whatever production build exists (the e2e config starts a second
// server right after the first has built; sources edited in between must not trigger a rebuild
// under a running server).
if (!clientsAreCurrent()) {
  console.log("gatehouse: the Prisma clients are missing or older than the schema; generating them...");
  await generateClients();
}

const reuse = process.env.GATEHOUSE_REUSE_BUILD === "1" && existsSync(".next/BUILD_ID");
if (!reuse && !buildIsCurrent()) {
  console.log("gatehouse: no current production build; building (this takes a few minutes once)...");
  build();
}

try {
  await migrate(process.env.DATABASE_URL);
} catch (error) {
  // DatabaseUrlError: one line. Anything else (e.g. the server is unreachable): Prisma's message.
  const message = error instanceof Error ? error.message : String(error);
  console.error(error?.name === "DatabaseUrlError" ? `[gatehouse] cannot start: ${message}` : `[gatehouse] migration failed: ${message}`);
  process.exit(1);
}

// The server is TypeScript (lib/server); tsx compiles it on load.
const { register } = await import("tsx/esm/api");
register();
try {
  await import("../lib/server/main.ts");
} catch (error) {
  // Without this the rejection is printed but the trace writer's thread keeps the process alive.
  console.error("[gatehouse] cannot start:", error);
  process.exit(1);
}
