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

/** A DATABASE_URL that cannot work, reported as one line (migrate, boot, getDb). */
export class DatabaseUrlError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

/** Schema names Gatehouse accepts in `?schema=`: plain identifiers (no quoting surprises). */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The URL without its password, for messages.
 * @param {string} url
 * @returns {string}
 */
export function redactDatabaseUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
  }
}

/**
 * Checks a DATABASE_URL before anything connects with it (one shared rule for `npm run
 * db:migrate`, `npm start`'s boot and getDb()). PostgreSQL URLs must name a database: without one,
 * PostgreSQL clients fall back to a default database (`postgres` or the user's name), and
 * Gatehouse would install its tables there. `?schema=` must be a plain identifier.
 * @param {string} url
 * @returns {{ provider: "sqlite" } | { provider: "postgresql", database: string, schema: string | undefined }}
 */
export function checkDatabaseUrl(url) {
  let provider;
  try {
    provider = providerOfUrl(url);
  } catch (error) {
    throw new DatabaseUrlError(error instanceof Error ? error.message : String(error));
  }
  if (provider === "sqlite") return { provider };
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(
      "DATABASE_URL is not a valid PostgreSQL URL; expected postgresql://user:password@host:5432/database " +
        "(percent-encode special characters in the password).",
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) {
    throw new DatabaseUrlError(
      `DATABASE_URL ${redactDatabaseUrl(url)} names no database: add one after the host, e.g. ` +
        "postgresql://user:password@host:5432/gatehouse (without it Gatehouse would install into the server's default database).",
    );
  }
  const schema = parsed.searchParams.get("schema") ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new DatabaseUrlError(
      `DATABASE_URL's ?schema=${schema} is not a plain PostgreSQL identifier: use letters, digits and _ ` +
        "(not starting with a digit, at most 63 characters), or leave ?schema= out to use public.",
    );
  }
  return { provider, database, schema };
}

/**
 * node-postgres connection settings for a PostgreSQL DATABASE_URL: Prisma's `?schema=` becomes the
 * session's search_path, so unqualified SQL (raw queries, migration scripts, the migrations table)
 * lands in the same schema as Prisma's qualified queries.
 * @param {string} url
 * @returns {{ connectionString: string, options?: string }}
 */
export function postgresConnectionConfig(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  if (!schema) return { connectionString: url };
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), options: `-c search_path="${schema}"` };
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
