// How a DATABASE_URL maps to a database kind, a SQLite file and a Prisma schema. Plain JavaScript
// (with JSDoc types) because the plain-Node scripts (migrations, the schema-engine stand-in,
// prisma.config.ts) share it with lib/db/index.ts.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/gatehouse.db";

/**
 * The configured database URL (DATABASE_URL, else the embedded SQLite file).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function configuredDatabaseUrl(env = process.env) {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/**
 * @param {string} url
 * @returns {"sqlite" | "postgresql"}
 */
export function providerOfUrl(url) {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `Unsupported DATABASE_URL scheme "${url.split(":")[0]}:": use file:<path> for SQLite or ` +
      "postgresql://user:password@host:port/database for PostgreSQL.",
  );
}

/**
 * `file:./x.db?opt=1` → absolute path; relative paths resolve against `cwd`.
 * @param {string} url
 * @param {string} [cwd]
 * @returns {string} the absolute path, or ":memory:"
 */
export function sqliteFilePath(url, cwd = process.cwd()) {
  const location = decodeURI(url.replace(/^file:/, "").split("?")[0]);
  if (location === "" || location === ":memory:") return ":memory:";
  return path.resolve(cwd, location);
}

/**
 * The Prisma schema and migrations folder for a database kind, relative to the repository root.
 * prisma/schema.prisma is the source of truth; the PostgreSQL schema is generated from it.
 * @param {"sqlite" | "postgresql"} provider
 */
export function prismaPaths(provider) {
  return provider === "sqlite"
    ? { schema: "prisma/schema.prisma", migrations: "prisma/migrations" }
    : { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" };
}
