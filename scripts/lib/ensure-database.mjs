// Before `prisma migrate deploy`: does the database DATABASE_URL names exist? Prisma would create
// a missing one quietly (one ordinary log line), so a misspelt name used to start an empty
// Gatehouse at /setup without anyone noticing. Here a missing database is created by us, and
// loudly (databaseCreatedWarning), or refused with GATEHOUSE_CREATE_DATABASE=0.
import { existsSync } from "node:fs";
import pg from "pg";
import {
  checkDatabaseUrl,
  DatabaseUrlError,
  redactDatabaseUrl,
  sqliteFilePath,
} from "../../lib/db/database-url.mjs";

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/**
 * GATEHOUSE_CREATE_DATABASE=0 (or false/no/off) turns automatic creation off.
 * @param {Record<string, string | undefined>} [env]
 */
export function mayCreateDatabase(env = process.env) {
  return !/^(0|false|no|off)$/i.test(env.GATEHOUSE_CREATE_DATABASE?.trim() ?? "");
}

async function withClient(config, fn) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Same server and credentials, another database. */
function onDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  parsed.searchParams.delete("schema");
  return parsed.toString();
}

function refuse(what) {
  return new DatabaseUrlError(
    `${what} does not exist, and GATEHOUSE_CREATE_DATABASE=0 forbids creating it: check DATABASE_URL for a typo, ` +
      "or create the database (or unset GATEHOUSE_CREATE_DATABASE) for a new installation.",
  );
}

/**
 * Makes sure the database exists, creating it when missing (unless `create` is false).
 * @param {string} url a DATABASE_URL
 * @param {{ create?: boolean }} [options]
 * @returns {Promise<{ created: boolean, name: string }>} `name`: the database name or SQLite file
 */
export async function ensureDatabase(url, { create = mayCreateDatabase() } = {}) {
  const checked = checkDatabaseUrl(url);
  if (checked.provider === "sqlite") {
    const file = sqliteFilePath(url);
    if (file === ":memory:" || existsSync(file)) return { created: false, name: file };
    if (!create) throw refuse(`The SQLite database file ${file}`);
    return { created: true, name: file }; // the migration creates the file
  }
  const name = checked.database;
  try {
    await withClient({ connectionString: onDatabase(url, name) }, () => {});
    return { created: false, name };
  } catch (error) {
    // 3D000: database does not exist. Anything else (server down, bad password) is left to the
    // migration, whose Prisma error says what is wrong.
    if (error?.code !== "3D000") return { created: false, name };
  }
  const host = new URL(url).host;
  if (!create) throw refuse(`PostgreSQL database "${name}" on ${host}`);
  try {
    await withClient({ connectionString: onDatabase(url, "postgres") }, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  } catch (error) {
    if (error?.code === "42P04") return { created: false, name }; // created concurrently
    throw new DatabaseUrlError(
      `PostgreSQL database "${name}" on ${host} does not exist and could not be created (${error?.message ?? error}): ` +
        "create it yourself (CREATE DATABASE), or give the DATABASE_URL user the CREATEDB privilege.",
    );
  }
  return { created: true, name };
}

/**
 * The warning printed when ensureDatabase created the database.
 * @param {string} url
 * @param {string} name
 */
export function databaseCreatedWarning(url, name) {
  const what = checkDatabaseUrl(url).provider === "sqlite" ? `SQLite database file ${name}` : `PostgreSQL database "${name}" on ${new URL(url).host}`;
  const bar = "*".repeat(78);
  const lines = [
    `NOTICE: created a new, empty ${what}.`,
    "This is a fresh Gatehouse: no users, provider keys, endpoints or traces (first admin at /setup).",
    "If you meant an existing installation, stop now and check DATABASE_URL for a typo:",
    `  ${redactDatabaseUrl(url)}`,
    "GATEHOUSE_CREATE_DATABASE=0 refuses to create missing databases.",
  ];
  return `\n${bar}\n${lines.map((l) => `*  ${l}`).join("\n")}\n${bar}\n\n`;
}
