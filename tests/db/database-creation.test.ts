// What `npm run db:migrate` and boot do with a PostgreSQL DATABASE_URL that names no database or a
// database that does not exist: no name is refused with one line (nothing is installed in the
// server's default database); a missing database is created with a loud notice naming it, or
// refused under GATEHOUSE_CREATE_DATABASE=0. Real scripts in child processes.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "@/scripts/lib/prisma-cli.mjs";
import { dropDatabase, scratchDatabaseName, scratchDatabaseUrl, SCRATCH_SERVER_URL, withServerClient } from "@/scripts/lib/scratch-postgres.mjs";
import { bootChild } from "../helpers/boot-child";

const run = promisify(execFile);

async function migrateScript(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/migrate.mjs"], { cwd: ROOT, env: { ...process.env, GATEHOUSE_CREATE_DATABASE: "", ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const databaseExists = (name: string) =>
  withServerClient(async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);

describe("PostgreSQL database name", () => {
  const created: string[] = [];
  afterAll(async () => {
    await withServerClient(async (client) => {
      for (const name of created) await dropDatabase(client, name);
    });
  });
  const serverRoot = () => {
    const url = new URL(SCRATCH_SERVER_URL);
    url.pathname = "/";
    return url.toString();
  };

  it("a URL without a database name is refused by migrate (before Prisma connects) and by boot, with one line", async () => {
    const failed = await migrateScript({ DATABASE_URL: serverRoot() });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^gatehouse: cannot migrate: DATABASE_URL \S+ names no database: add one after the host/),
    ]);
    expect(failed.stdout).toBe("");

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-no-db-"));
    try {
      const boot = await bootChild(dir, { DATABASE_URL: serverRoot(), GATEHOUSE_ENCRYPTION_KEY: "x".repeat(43) + "=" });
      expect(boot).toMatchObject({ code: 1, stdout: "" });
      expect(boot.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^\[gatehouse\] cannot start: DATABASE_URL \S+ names no database/)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("a missing database is created with a notice naming it; the next run is quiet", async () => {
    const name = scratchDatabaseName("gatehouse_test");
    created.push(name);
    const first = await migrateScript({ DATABASE_URL: scratchDatabaseUrl(name) });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`NOTICE: created a new, empty PostgreSQL database "${name}" on`);
    expect(first.stderr).toMatch(/This is a fresh Gatehouse: .*\/setup/);
    expect(first.stderr).toMatch(/check DATABASE_URL for a typo/);
    expect(first.stdout).toMatch(/\d+ migrations found in prisma\/postgres\/migrations/);
    expect(first.stdout).not.toMatch(/found in prisma\/migrations/);

    const second = await migrateScript({ DATABASE_URL: scratchDatabaseUrl(name) });
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain("NOTICE");
  }, 90_000);

  it("GATEHOUSE_CREATE_DATABASE=0 refuses a missing database with one line and creates nothing", async () => {
    const name = scratchDatabaseName("gatehouse_test");
    created.push(name);
    const failed = await migrateScript({ DATABASE_URL: scratchDatabaseUrl(name), GATEHOUSE_CREATE_DATABASE: "0" });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^gatehouse: cannot migrate: PostgreSQL database "${name}" on \\S+ does not exist, and GATEHOUSE_CREATE_DATABASE=0 forbids creating it`)),
    ]);
    expect(await databaseExists(name)).toBe(false);
  }, 60_000);
});
