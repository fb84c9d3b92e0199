// The database client. DATABASE_URL picks the database: a SQLite file (default
// file:./data/gatehouse.db, relative to the working directory) or PostgreSQL (postgres:// or
// postgresql://). Queries run in-process through Prisma's driver adapters.
//
// Call getDb() where you need it rather than keeping the client in a module-level constant: it
// returns the client for the *current* DATABASE_URL, which is how integration tests point code
// under test at their own database (see tests/helpers/db.ts).
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { checkDatabaseUrl, configuredDatabaseUrl, postgresConnectionConfig, providerOfUrl, sqliteFilePath } from "./database-url.mjs";

export { isWriteConflict } from "./errors";

/**
 * The Prisma client type. Both generated clients come from the same models, so the PostgreSQL
 * client has the same API; the SQLite client's type stands for both.
 */
export type Db = SqlitePrismaClient;
export type DbProvider = "sqlite" | "postgresql";

/** How long a SQLite write waits for another connection's lock before failing (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

// One client per URL per process, kept on globalThis so the Next.js bundle, the custom Node server
// and dev-mode module reloads all share it instead of each opening their own connections.
const CLIENTS = Symbol.for("gatehouse.db.clients");
type GlobalWithClients = typeof globalThis & { [CLIENTS]?: Map<string, Db> };

function clients(): Map<string, Db> {
  const g = globalThis as GlobalWithClients;
  g[CLIENTS] ??= new Map();
  return g[CLIENTS];
}

function createSqliteClient(url: string): Db {
  const file = sqliteFilePath(url);
  if (file !== ":memory:") {
    mkdirSync(path.dirname(file), { recursive: true });
    // WAL lets the gateway's readers proceed while a writer commits. The journal mode is stored
    // in the database file, so setting it once through a short-lived connection is enough.
    const setup = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    try {
      setup.pragma("journal_mode = WAL");
    } finally {
      setup.close();
    }
  }
  // `timeout` is better-sqlite3's busy_timeout for the adapter's own connection.
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new SqlitePrismaClient({ adapter });
}

function createPostgresClient(url: string): Db {
  // `?schema=`: Prisma's queries name the schema, and the session's search_path (set from the same
  // parameter) covers raw SQL; a URL without a database name is refused (checkDatabaseUrl).
  const checked = checkDatabaseUrl(url);
  const schema = checked.provider === "postgresql" ? checked.schema : undefined;
  const adapter = new PrismaPg(postgresConnectionConfig(url), { schema });
  // Same models, same API (see `Db`); the generated classes are distinct types only nominally.
  return new PostgresPrismaClient({ adapter }) as unknown as Db;
}

/** The shared client for a database URL (created on first use). */
export function dbFor(url: string): Db {
  const cache = clients();
  let db = cache.get(url);
  if (!db) {
    db = providerOfUrl(url) === "sqlite" ? createSqliteClient(url) : createPostgresClient(url);
    cache.set(url, db);
  }
  return db;
}

/** The shared client for the configured DATABASE_URL. */
export function getDb(): Db {
  return dbFor(configuredDatabaseUrl());
}

/** Which database DATABASE_URL points at, for the few queries that must differ. */
export function dbProvider(): DbProvider {
  return providerOfUrl(configuredDatabaseUrl());
}

/** Closes and forgets the client for a URL (default: DATABASE_URL), e.g. on shutdown. */
export async function disconnectDb(url: string = configuredDatabaseUrl()): Promise<void> {
  const cache = clients();
  const db = cache.get(url);
  if (!db) return;
  cache.delete(url);
  await db.$disconnect();
}
