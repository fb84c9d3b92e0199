// Prisma CLI configuration (Prisma 7). DATABASE_URL picks the database, and with it the schema and
// the migrations folder: SQLite (default, file:./data/gatehouse.db) or PostgreSQL
// (postgres:// or postgresql://).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import {
  configuredDatabaseUrl,
  prismaPaths,
  providerOfUrl,
  sqliteFilePath,
} from "./lib/db/database-url.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));

// Prisma's native schema engine is a binary downloaded on first use, which fails offline. Unless
// GATEHOUSE_NATIVE_PRISMA_ENGINE=1, the CLI runs our stand-in instead (same engine, compiled to
// WebAssembly). This must be set here: the config loads before the CLI looks for the engine.
if (process.env.GATEHOUSE_NATIVE_PRISMA_ENGINE !== "1") {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "scripts", "prisma-schema-engine.mjs");
}

const configuredUrl = configuredDatabaseUrl();
const provider = providerOfUrl(configuredUrl);

// A relative SQLite path is relative to the working directory, as in lib/db (getDb).
let url = configuredUrl;
if (provider === "sqlite") {
  const file = sqliteFilePath(configuredUrl);
  if (file !== ":memory:") {
    mkdirSync(path.dirname(file), { recursive: true });
    url = `file:${file}`;
  }
}

const paths = prismaPaths(provider);

export default defineConfig({
  schema: path.join(root, paths.schema),
  migrations: { path: path.join(root, paths.migrations) },
  datasource: {
    url,
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
  },
});
