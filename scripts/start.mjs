#!/usr/bin/env node
// `npm start`: the one command that brings Gatehouse up.
//  1. ./data exists (embedded SQLite + generated keys live there)
//  2. the Prisma clients match the schemas (else generate them: a pull may have changed them)
//  3. a production build exists and matches the sources (else build)
//  4. pending migrations are applied to DATABASE_URL (default: SQLite file ./data/gatehouse.db)
//  5. the production server starts: /gateway/* straight to the gateway core, the rest to Next.
import { existsSync, mkdirSync } from "node:fs";
import { buildIsCurrent } from "./build-stamp.mjs";
import { build } from "./build.mjs";
import { migrate } from "./migrate.mjs";
import { clientsAreCurrent, generateClients } from "./prisma-generate.mjs";

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
mkdirSync("data", { recursive: true });

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

await migrate(process.env.DATABASE_URL);

// The server is TypeScript (lib/server); tsx compiles it on load.
const { register } = await import("tsx/esm/api");
register();
await import("../lib/server/main.ts");
