// Throw-away PostgreSQL databases for migration authoring and tests, on the server named by
// GATEHOUSE_TEST_PG_URL (default: postgresql://postgres@127.0.0.1:5432/postgres).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { withDatabase } from "../prisma-engine/postgres.mjs";

export const SCRATCH_SERVER_URL =
  process.env.GATEHOUSE_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** @param {string} name */
export const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/**
 * Runs `fn` with a client connected to the scratch server's maintenance database.
 * @template T
 * @param {(client: pg.Client) => Promise<T> | T} fn
 * @returns {Promise<T>}
 */
export async function withServerClient(fn) {
  const client = new pg.Client({ connectionString: SCRATCH_SERVER_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed at ${redact(SCRATCH_SERVER_URL)} (set GATEHOUSE_TEST_PG_URL to use another server): ${error.message}`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * `<prefix>_<unix seconds>_<random>`: unique, and old leftovers can be recognised by age.
 * @param {string} prefix
 */
export function scratchDatabaseName(prefix) {
  return `${prefix}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
}

/** @param {string} name */
export function scratchDatabaseUrl(name) {
  return withDatabase(SCRATCH_SERVER_URL, name);
}

/**
 * @param {pg.Client} client
 * @param {string} name
 */
export async function dropDatabase(client, name) {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** @param {string} url */
function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
