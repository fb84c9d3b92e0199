// The database layer end to end: migrations through the Prisma CLI and our schema-engine stand-in
// (scripts/prisma-schema-engine.mjs) on SQLite and PostgreSQL, the two schemas staying in sync,
// and the shared client from getDb().
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { prismaPaths } from "@/lib/db/database-url.mjs";
import { dbFor, dbProvider, disconnectDb, getDb } from "@/lib/db";
import { migrate } from "@/scripts/migrate.mjs";
import { ROOT, runPrisma } from "@/scripts/lib/prisma-cli.mjs";
import {
  dropDatabase,
  scratchDatabaseName,
  scratchDatabaseUrl,
  withServerClient,
} from "@/scripts/lib/scratch-postgres.mjs";
import { TEST_DATABASES, freshDatabase, useFreshDatabase, type TestDatabaseKind } from "../helpers/db";

const run = promisify(execFile);

async function migrationNames(kind: TestDatabaseKind): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, prismaPaths(kind).migrations), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

/** A URL for a database that does not exist yet, and a function that deletes it. */
async function emptyDatabase(kind: TestDatabaseKind): Promise<{ url: string; remove(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-migrate-test-"));
    const url = `file:${path.join(dir, "nested", "app.db")}`;
    return { url, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = scratchDatabaseName("gatehouse_test");
  return {
    url: scratchDatabaseUrl(name),
    remove: () => withServerClient((client) => dropDatabase(client, name)),
  };
}

async function temporaryShadowDatabases(): Promise<string[]> {
  return withServerClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'prisma\\_shadow\\_%'",
    );
    return rows.map((row) => row.datname);
  });
}

describe("schemas", () => {
  it("prisma/postgres/schema.prisma is generated from prisma/schema.prisma", async () => {
    const { stdout } = await run(process.execPath, ["scripts/gen-pg-schema.mjs", "--check"], { cwd: ROOT });
    expect(stdout).toContain("in sync");
  });

  it("both migration folders have the same migrations (by name, without the timestamp)", async () => {
    const strip = (names: string[]) => names.map((name) => name.replace(/^\d+_/, ""));
    expect(strip(await migrationNames("postgresql"))).toEqual(strip(await migrationNames("sqlite")));
  });
});

describe.each(TEST_DATABASES)("migrations on %s", (kind) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("migrate deploy creates the database and applies every migration, then has nothing to do", async () => {
    const database = await emptyDatabase(kind);
    cleanups.push(database.remove, () => disconnectDb(database.url));

    const first = await migrate(database.url, { quiet: true });
    expect(first).toContain("All migrations have been successfully applied");

    const db = dbFor(database.url);
    const applied = await db.$queryRawUnsafe<Array<{ migration_name: string; finished_at: unknown }>>(
      "SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(applied.map((row) => row.migration_name)).toEqual(await migrationNames(kind));
    expect(applied.every((row) => row.finished_at !== null)).toBe(true);
    expect(await db.user.count()).toBe(0);
    // The engine locks a SQLite file exclusively while migrating: close our connection first.
    await disconnectDb(database.url);

    const second = await migrate(database.url, { quiet: true });
    expect(second).toContain("No pending migrations to apply");
  });

  it("the migrations produce exactly the schema, and the shadow database is not the main one", async () => {
    // `migrate diff --from-migrations` replays the migrations on a shadow database (SQLite: in
    // memory; PostgreSQL: a temporary database) and diffs the result against the schema. The row
    // written first proves the main database was not used as the shadow (it would be reset).
    const database = await freshDatabase(kind);
    cleanups.push(database.cleanup);
    const db = database.db;
    await db.team.create({ data: { name: "kept" } });
    const shadowsBefore = kind === "postgresql" ? await temporaryShadowDatabases() : [];

    const { schema, migrations } = prismaPaths(kind);
    const { stdout } = await runPrisma(
      ["migrate", "diff", "--from-migrations", migrations, "--to-schema", schema, "--exit-code"],
      { env: { DATABASE_URL: database.url }, capture: true },
    );
    expect(stdout).toContain("No difference detected");
    expect((await db.team.findMany()).map((team) => team.name)).toEqual(["kept"]);
    if (kind === "postgresql") {
      const leftover = (await temporaryShadowDatabases()).filter((name) => !shadowsBefore.includes(name));
      expect(leftover).toEqual([]);
    }
  });
});

describe.each(TEST_DATABASES)("getDb() on %s", (kind) => {
  const database = useFreshDatabase(kind);

  it("is the shared client for DATABASE_URL", () => {
    expect(process.env.DATABASE_URL).toBe(database.url);
    expect(getDb()).toBe(database.db);
    expect(getDb()).toBe(getDb());
    expect(dbProvider()).toBe(kind);
  });

  it("creates and reads related rows and JSON columns", async () => {
    const db = getDb();
    const user = await db.user.create({ data: { email: `a-${kind}@example.com`, passwordHash: "x" } });
    const team = await db.team.create({
      data: { name: `team-${kind}`, members: { create: { userId: user.id } } },
    });
    await db.apiToken.create({
      data: { kind: "team", name: "ci", prefix: "gh_abc", hash: `h-${kind}`, teamId: team.id, endpoints: ["chat", "embed"] },
    });

    const loaded = await db.team.findUniqueOrThrow({
      where: { name: `team-${kind}` },
      include: { members: { include: { user: true } }, tokens: true },
    });
    expect(loaded.members.map((member) => member.user.email)).toEqual([`a-${kind}@example.com`]);
    expect(loaded.tokens.map((token) => token.endpoints)).toEqual([["chat", "embed"]]);
    expect(loaded.createdAt).toBeInstanceOf(Date);
    expect(await database.db.apiToken.count()).toBe(1);
  });
});

describe("getDb() on SQLite", () => {
  useFreshDatabase("sqlite");

  it("runs in WAL mode", async () => {
    const [mode] = await getDb().$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
    expect(mode?.journal_mode).toBe("wal");
  });
});
