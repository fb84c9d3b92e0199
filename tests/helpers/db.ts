// Integration tests run against BOTH databases: a SQLite file and PostgreSQL (the server at
// GATEHOUSE_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
//
// Pattern — one fresh, fully migrated database per suite, and DATABASE_URL pointing at it while
// the suite runs, so code under test that calls getDb() uses it:
//
//   import { describe, expect, it } from "vitest";
//   import { getDb } from "@/lib/db";
//   import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";
//
//   describe.each(TEST_DATABASES)("teams (%s)", (kind) => {
//     const database = useFreshDatabase(kind);
//     it("creates a team", async () => {
//       await createTeam(actor, { name: "a" });          // calls getDb() inside
//       expect(await database.db.team.count()).toBe(1);  // same client as getDb()
//     });
//   });
//
// Call getDb() at use sites (not in a module-level constant): it follows DATABASE_URL.
// For manual control use freshDatabase(kind) and its cleanup().
//
// Speed: the first use per migration set builds a template (`prisma migrate deploy` into a SQLite
// file under the OS temp dir / a PostgreSQL database `gatehouse_tpl_<hash>`), reused across runs
// until a migration changes. Each fresh database is then a file copy / `CREATE DATABASE … TEMPLATE`
// (tens of milliseconds), identical to a migrate deploy, `_prisma_migrations` included.
import { createHash, randomBytes } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Client } from "pg";
import { afterAll, beforeAll } from "vitest";
import { prismaPaths } from "../../lib/db/database-url.mjs";
import { dbFor, disconnectDb, type Db, type DbProvider } from "../../lib/db";
import { migrate } from "../../scripts/migrate.mjs";
import {
  dropDatabase,
  quoteIdent,
  scratchDatabaseName,
  scratchDatabaseUrl,
  withServerClient,
} from "../../scripts/lib/scratch-postgres.mjs";

export type TestDatabaseKind = DbProvider;

export const TEST_DATABASES: readonly TestDatabaseKind[] = ["sqlite", "postgresql"];

export interface TestDatabase {
  kind: TestDatabaseKind;
  url: string;
  /** The shared client for `url` (what getDb() returns while DATABASE_URL = url). */
  db: Db;
  /** Disconnects and deletes the database. */
  cleanup(): Promise<void>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TEMPLATE_DIR = path.join(os.tmpdir(), "gatehouse-test-templates");
/** Test databases left behind by killed runs are dropped once they are this old. */
const STALE_AFTER_SECONDS = 2 * 60 * 60;

/** A fresh database of `kind` with every migration applied, and its shared client. */
export async function freshDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  return kind === "sqlite" ? freshSqliteDatabase() : freshPostgresDatabase();
}

/**
 * Registers beforeAll/afterAll hooks that create a fresh database for the current suite, point
 * DATABASE_URL at it while the suite runs, then restore DATABASE_URL and delete the database.
 * Read `url` / `db` inside tests or hooks (they are set once beforeAll ran).
 */
export function useFreshDatabase(kind: TestDatabaseKind): { readonly url: string; readonly db: Db } {
  let current: TestDatabase | undefined;
  let previousUrl: string | undefined;
  beforeAll(async () => {
    current = await freshDatabase(kind);
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = current.url;
  });
  afterAll(async () => {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await current?.cleanup();
  });
  const started = (): TestDatabase => {
    if (!current) throw new Error("useFreshDatabase: the database exists only once beforeAll has run");
    return current;
  };
  return {
    get url() {
      return started().url;
    },
    get db() {
      return started().db;
    },
  };
}

/** Hash of the provider's migrations folder: a template is valid for exactly one migration set. */
async function migrationsHash(kind: TestDatabaseKind): Promise<string> {
  const dir = path.join(ROOT, prismaPaths(kind).migrations);
  const hash = createHash("sha256");
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    hash.update(`${entry.name}\0`);
    hash.update(await readFile(path.join(dir, entry.name, "migration.sql")));
  }
  return hash.digest("hex").slice(0, 16);
}

// ── SQLite ──────────────────────────────────────────────────────────────────────────────────────

let sqliteTemplate: Promise<string> | undefined;

async function buildSqliteTemplate(): Promise<string> {
  const file = path.join(TEMPLATE_DIR, `sqlite-${await migrationsHash("sqlite")}.db`);
  if (await exists(file)) return file;
  await mkdir(TEMPLATE_DIR, { recursive: true });
  const building = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await migrate(`file:${building}`, { quiet: true });
    await rename(building, file); // atomic: a concurrent builder's identical file is replaced
  } finally {
    await rm(building, { force: true });
  }
  return file;
}

async function freshSqliteDatabase(): Promise<TestDatabase> {
  sqliteTemplate ??= buildSqliteTemplate();
  const template = await sqliteTemplate;
  const dir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-test-"));
  const file = path.join(dir, "test.db");
  await copyFile(template, file);
  const url = `file:${file}`;
  return {
    kind: "sqlite",
    url,
    db: dbFor(url),
    async cleanup() {
      await disconnectDb(url);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────

let postgresTemplate: Promise<string> | undefined;

/** Template databases are named gatehouse_tpl_<migrations hash>_<unix seconds>. */
async function buildPostgresTemplate(): Promise<string> {
  const prefix = `gatehouse_tpl_${await migrationsHash("postgresql")}`;
  return withServerClient(async (client) => {
    await dropStaleDatabases(client, prefix);
    const findTemplate = async () => {
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname LIMIT 1",
        [`${prefix}_`],
      );
      return rows[0]?.datname;
    };
    const existing = await findTemplate();
    if (existing) return existing;
    const building = scratchDatabaseName("gatehouse_tplbuild");
    try {
      await migrate(scratchDatabaseUrl(building), { quiet: true });
      const template = `${prefix}_${Math.floor(Date.now() / 1000)}`;
      await client.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(template)}`);
    } catch (error) {
      // Another process finished the same template at the same second: use theirs.
      if ((error as { code?: string }).code !== "42P04") throw error;
    } finally {
      await dropDatabase(client, building);
    }
    const template = await findTemplate();
    if (!template) throw new Error(`PostgreSQL test template ${prefix}_* was not created`);
    return template;
  });
}

/**
 * Drops what killed runs left behind (test databases, half-built templates) and templates of
 * other migration sets, once they are older than STALE_AFTER_SECONDS.
 */
async function dropStaleDatabases(client: Client, currentTemplatePrefix: string): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname ~ '^gatehouse_(test|tplbuild|tpl_[0-9a-f]+)_[0-9]+(_[0-9a-f]+)?$'",
  );
  const now = Date.now() / 1000;
  for (const { datname } of rows) {
    if (datname.startsWith(`${currentTemplatePrefix}_`)) continue;
    const createdAt = Number(/_(\d{9,})(?:_[0-9a-f]+)?$/.exec(datname)?.[1]);
    if (now - createdAt > STALE_AFTER_SECONDS) await dropDatabase(client, datname);
  }
}

async function createFromTemplate(template: string, name: string): Promise<void> {
  await withServerClient(async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
        return;
      } catch (error) {
        // 55006: the template is briefly in use (e.g. a concurrent copy); retry a few times.
        if ((error as { code?: string }).code !== "55006" || attempt === 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
}

async function freshPostgresDatabase(): Promise<TestDatabase> {
  postgresTemplate ??= buildPostgresTemplate();
  const template = await postgresTemplate;
  const name = scratchDatabaseName("gatehouse_test");
  await createFromTemplate(template, name);
  const url = scratchDatabaseUrl(name);
  return {
    kind: "postgresql",
    url,
    db: dbFor(url),
    async cleanup() {
      await disconnectDb(url);
      await withServerClient((client) => dropDatabase(client, name));
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
