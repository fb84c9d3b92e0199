#!/usr/bin/env node
// Generates both Prisma clients: lib/db/generated/sqlite (from prisma/schema.prisma) and
// lib/db/generated/postgres (from prisma/postgres/schema.prisma). Runs on `npm install`
// (postinstall), `npm run db:generate`, and from `npm start` when the clients are missing or older
// than the schemas (e.g. after a pull that changed them); works offline (no engine download).
// It does not regenerate prisma/postgres/schema.prisma: that is `node scripts/gen-pg-schema.mjs`.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { prismaPaths } from "../lib/db/database-url.mjs";
import { runPrisma } from "./lib/prisma-cli.mjs";

const PROVIDERS = ["sqlite", "postgresql"];
/** Hash of the schemas the clients were generated from. */
const STAMP = "lib/db/generated/schema-stamp";

function schemaHash() {
  const hash = createHash("sha256");
  for (const provider of PROVIDERS) hash.update(readFileSync(prismaPaths(provider).schema));
  return hash.digest("hex");
}

/** True when both clients exist and were generated from the current schemas. */
export function clientsAreCurrent() {
  return existsSync(STAMP) && readFileSync(STAMP, "utf8").trim() === schemaHash();
}

export async function generateClients() {
  for (const provider of PROVIDERS) {
    const { schema } = prismaPaths(provider);
    await runPrisma(["generate", "--schema", schema], { capture: true });
    console.log(`Generated the ${provider} Prisma client from ${schema}`);
  }
  writeFileSync(STAMP, `${schemaHash()}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await generateClients();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
