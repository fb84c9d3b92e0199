// DATABASE_URL with `?schema=` on PostgreSQL: `npm run db:migrate` creates the schema and migrates
// into it (the migrations table included; nothing in public), a second run has nothing to do, two
// installations can share one database in two schemas, and the app's client (Prisma's queries and
// raw SQL alike) works in the schema.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbFor, disconnectDb } from "@/lib/db";
import { ROOT } from "@/scripts/lib/prisma-cli.mjs";
import { dropDatabase, quoteIdent, scratchDatabaseName, scratchDatabaseUrl, withServerClient } from "@/scripts/lib/scratch-postgres.mjs";
import { migrate } from "@/scripts/migrate.mjs";

const run = promisify(execFile);

describe("PostgreSQL ?schema=", () => {
  const name = scratchDatabaseName("gatehouse_test");
  const base = scratchDatabaseUrl(name);
  const inSchema = (schema: string) => `${base}?schema=${schema}`;
  const tablesBySchema = async (): Promise<Record<string, number>> => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_schema: string; n: number }>(
        "SELECT table_schema, count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') GROUP BY 1",
      );
      return Object.fromEntries(rows.map((r) => [r.table_schema, r.n]));
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await withServerClient((client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  });
  afterAll(async () => {
    await disconnectDb(inSchema("gh2"));
    await withServerClient((client) => dropDatabase(client, name));
  });

  it("migrates into the schema (created when missing), and again has nothing to do", async () => {
    const { stdout } = await run(process.execPath, ["scripts/migrate.mjs"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: inSchema("gh2") } });
    expect(stdout).toContain('schema "gh2"');
    expect(stdout).toMatch(/\d+ migrations found in prisma\/postgres\/migrations/);
    expect(stdout).toContain("All migrations have been successfully applied");
    const tables = await tablesBySchema();
    expect(tables.gh2).toBeGreaterThan(10);
    expect(tables.public).toBeUndefined();

    expect(await migrate(inSchema("gh2"), { quiet: true })).toContain("No pending migrations to apply");
    // A second installation in another schema of the same database.
    expect(await migrate(inSchema("gh3"), { quiet: true })).toContain("All migrations have been successfully applied");
    const after = await tablesBySchema();
    expect(after.gh3).toBe(after.gh2);
    expect(after.public).toBeUndefined();
  }, 120_000);

  it("the app's client reads and writes the schema, raw SQL included", async () => {
    const db = dbFor(inSchema("gh2"));
    await db.team.create({ data: { name: "in-gh2" } });
    expect(await db.team.count()).toBe(1);
    const raw = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Team"`;
    expect(raw[0].n).toBe(1);
    const other = dbFor(inSchema("gh3"));
    try {
      expect(await other.team.count()).toBe(0);
    } finally {
      await disconnectDb(inSchema("gh3"));
    }
  });
});
