#!/usr/bin/env node
// `npm run db:migrate`: applies pending migrations (`prisma migrate deploy`) to DATABASE_URL
// (default: the SQLite file ./data/gatehouse.db). A URL that cannot work (a PostgreSQL URL without a
// database name, a bad ?schema=) is refused with one line. A missing database is created, with a
// loud notice that this is a fresh, empty Gatehouse (scripts/lib/ensure-database.mjs);
// GATEHOUSE_CREATE_DATABASE=0 refuses instead. With ?schema=, the migrations go into that schema
// (created when missing). prisma.config.ts picks prisma/migrations or prisma/postgres/migrations
// from the URL.
// SQLite: the engine locks the file exclusively while migrating, so run this before the server
// opens the database (npm start does), not while another process has it open.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkDatabaseUrl, configuredDatabaseUrl, prismaPaths } from "../lib/db/database-url.mjs";
import { databaseCreatedWarning, ensureDatabase } from "./lib/ensure-database.mjs";
import { runPrisma } from "./lib/prisma-cli.mjs";

/**
 * The Prisma CLI names "prisma/migrations" whichever folder prisma.config.ts gave it: name the
 * folder actually used.
 * @param {"sqlite" | "postgresql"} provider
 * @returns {(text: string) => string}
 */
export function migrationsFolderRewrite(provider) {
  const folder = prismaPaths(provider).migrations;
  return (text) => text.replace(/(found in) prisma\/migrations\b/g, `$1 ${folder}`);
}

/**
 * Applies pending migrations to `databaseUrl` (default: DATABASE_URL / the SQLite default).
 * With `quiet`, the CLI's output is returned instead of printed (it is part of the error on failure)
 * and the created-database notice is not printed.
 * @param {string} [databaseUrl]
 * @param {{ quiet?: boolean }} [options]
 * @returns {Promise<string>} the CLI's output when quiet, else ""
 */
export async function migrate(databaseUrl = configuredDatabaseUrl(), { quiet = false } = {}) {
  const { provider } = checkDatabaseUrl(databaseUrl);
  const database = await ensureDatabase(databaseUrl);
  if (database.created && !quiet) process.stderr.write(databaseCreatedWarning(databaseUrl, database.name));
  const { stdout } = await runPrisma(["migrate", "deploy"], {
    env: { DATABASE_URL: databaseUrl },
    capture: quiet,
    rewrite: migrationsFolderRewrite(provider),
  });
  return stdout;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  migrate().catch((error) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error?.name === "DatabaseUrlError" ? `gatehouse: cannot migrate: ${message}` : message);
    process.exit(1);
  });
}
