#!/usr/bin/env node
// `npm run db:migrate`: applies pending migrations (`prisma migrate deploy`) to DATABASE_URL
// (default: the SQLite file ./data/gatehouse.db). Creates the database if it does not exist.
// prisma.config.ts picks prisma/migrations or prisma/postgres/migrations from the URL.
// SQLite: the engine locks the file exclusively while migrating, so run this before the server
// opens the database (npm start does), not while another process has it open.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configuredDatabaseUrl } from "../lib/db/database-url.mjs";
import { runPrisma } from "./lib/prisma-cli.mjs";

/**
 * Applies pending migrations to `databaseUrl` (default: DATABASE_URL / the SQLite default).
 * With `quiet`, the CLI's output is returned instead of printed (it is part of the error on failure).
 * @param {string} [databaseUrl]
 * @param {{ quiet?: boolean }} [options]
 * @returns {Promise<string>} the CLI's output when quiet, else ""
 */
export async function migrate(databaseUrl = configuredDatabaseUrl(), { quiet = false } = {}) {
  const { stdout } = await runPrisma(["migrate", "deploy"], {
    env: { DATABASE_URL: databaseUrl },
    capture: quiet,
  });
  return stdout;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  migrate().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
