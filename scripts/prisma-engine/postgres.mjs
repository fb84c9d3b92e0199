// PostgreSQL side of the schema-engine stand-in: @prisma/adapter-pg plus the fixes the WASM engine
// needs on top of it (see /work/shared/PRISMA.md, "Gaps" 4–5, plus multi-statement scripts).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { postgresConnectionConfig } from "../../lib/db/database-url.mjs";
import { EngineCliError } from "./errors.mjs";

const PG_CHAR_OID = 18; // Postgres' internal one-byte "char" type
const PG_TEXT_OID = 25;

/**
 * Gap 4: schema inspection selects `"char"` columns from pg_catalog, and adapter-pg cannot map
 * that type. Its values arrive as one-character strings, so they are reported as text.
 */
class CharAsTextPool extends pg.Pool {
  query(...args) {
    const result = super.query(...args);
    return typeof result?.then === "function" ? result.then(reportCharAsText) : result;
  }
}

function reportCharAsText(result) {
  for (const part of Array.isArray(result) ? result : [result]) {
    for (const field of part?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

function parseUrl(url) {
  const parsed = new URL(url);
  return {
    database: decodeURIComponent(parsed.pathname.slice(1)) || "postgres",
    host: parsed.hostname || "localhost",
    port: parsed.port || "5432",
    user: decodeURIComponent(parsed.username),
    schema: parsed.searchParams.get("schema") ?? undefined,
  };
}

/** The same server and credentials, another database. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function withClient(url, fn) {
  const client = new pg.Client(postgresConnectionConfig(url));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `schema` when missing (checked first: CREATE SCHEMA needs a privilege that an existing
 * schema's owner may lack on the database). */
async function ensureSchema(url, schema) {
  await withClient(url, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    if (!rowCount) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  });
}

async function connectAdapter(url, onConnect) {
  // `?schema=`: the engine inspects that schema by name, and the migration scripts (unqualified
  // SQL) and the `_prisma_migrations` table follow the session's search_path, set to it here.
  const { schema } = parseUrl(url);
  if (schema) await ensureSchema(url, schema);
  const pool = new CharAsTextPool(postgresConnectionConfig(url));
  const factory = new PrismaPg(pool, { schema, disposeExternalPool: true });
  const adapter = await factory.connect();
  // adapter-pg's executeScript splits the script on every ";", which breaks valid migrations
  // (string literals, $$ function bodies). A query without parameters goes through Postgres'
  // simple query protocol, which runs the whole script, as the native engine does.
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  onConnect(adapter);
  return adapter;
}

/** Temporary shadow databases that exist right now, so an interrupted run can still drop them. */
const liveShadowDatabases = new Map(); // name → admin URL

async function dropShadowDatabase(name) {
  const adminUrl = liveShadowDatabases.get(name);
  if (!adminUrl) return;
  liveShadowDatabases.delete(name);
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

export async function dropLeftoverShadowDatabases() {
  await Promise.allSettled([...liveShadowDatabases.keys()].map(dropShadowDatabase));
}

/**
 * A migration-aware adapter factory for one PostgreSQL database.
 *
 * Gap 5 (dangerous): adapter-pg's own connectToShadowDb() hands pg both `connectionString` and
 * `database`; the connection string wins, so its "shadow" database is the main database and the
 * engine would reset it. Here the shadow database is either the configured `shadowDatabaseUrl` or a
 * temporary database created next to the main one and dropped when the engine releases it.
 */
export function createPostgresAdapterFactory(url, shadowDatabaseUrl, onConnect) {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectAdapter(url, onConnect),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) return connectAdapter(shadowDatabaseUrl, onConnect);
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await withClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
      liveShadowDatabases.set(name, url);
      try {
        const adapter = await connectAdapter(withDatabase(url, name), onConnect);
        const dispose = adapter.dispose.bind(adapter);
        adapter.dispose = async () => {
          try {
            await dispose();
          } finally {
            await dropShadowDatabase(name);
          }
        };
        return adapter;
      } catch (error) {
        await dropShadowDatabase(name);
        throw error;
      }
    },
  };
}

function toCliError(error, url) {
  const { database, host, port, user } = parseUrl(url);
  switch (error?.code) {
    case "3D000":
      return new EngineCliError(
        "P1003",
        `Database \`${database}\` does not exist on the database server at \`${host}:${port}\`.`,
      );
    case "42P04":
      return new EngineCliError(
        "P1009",
        `Database \`${database}\` already exists on the database server at \`${host}:${port}\``,
      );
    case "28P01":
    case "28000":
      return new EngineCliError(
        "P1000",
        `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at the configured address.`,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
      return new EngineCliError(
        "P1001",
        `Can't reach database server at \`${host}:${port}\`\n\nPlease make sure your database server is running at \`${host}:${port}\`.`,
      );
    default:
      return error;
  }
}

export async function postgresCanConnect(url) {
  try {
    await withClient(url, (client) => client.query("SELECT 1"));
  } catch (error) {
    throw toCliError(error, url);
  }
}

export async function postgresCreateDatabase(url) {
  const { database } = parseUrl(url);
  try {
    await withClient(withDatabase(url, "postgres"), (client) =>
      client.query(`CREATE DATABASE ${quoteIdent(database)}`),
    );
  } catch (error) {
    throw toCliError(error, url);
  }
  return database;
}
