// Real database outages for the tracing tests: SQLite locked by another process holding an
// exclusive transaction; PostgreSQL refusing connections with the writer's connections killed.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { quoteIdent, withServerClient } from "../../scripts/lib/scratch-postgres.mjs";
import type { TestDatabaseKind } from "../helpers/db";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Another process takes SQLite's write lock (BEGIN EXCLUSIVE) and holds it for `ms`. Resolves
 * once the lock is held; `released` resolves when the process has let go. better-sqlite3 waits for
 * a lock synchronously, so the holder must not be this process. */
async function lockSqlite(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN EXCLUSIVE");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ["-e", script, file, String(ms)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`))));
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("error", reject);
    released.catch(reject);
  });
  return { released };
}

/** PostgreSQL: refuse new connections to the database and terminate its open ones for `ms`. */
async function cutPostgres(url: string, ms: number): Promise<{ released: Promise<void> }> {
  const name = new URL(url).pathname.slice(1);
  await withServerClient(async (client) => {
    await client.query(`ALTER DATABASE ${quoteIdent(name)} ALLOW_CONNECTIONS false`);
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
      name,
    ]);
  });
  const released = new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() =>
    withServerClient(async (client) => {
      await client.query(`ALTER DATABASE ${quoteIdent(name)} ALLOW_CONNECTIONS true`);
    }),
  );
  return { released };
}

/** Makes the database unavailable for `ms`; resolves once it is, with a promise for its return. */
export function databaseOutage(kind: TestDatabaseKind, url: string, ms: number): Promise<{ released: Promise<void> }> {
  return kind === "sqlite" ? lockSqlite(url.replace(/^file:/, ""), ms) : cutPostgres(url, ms);
}
