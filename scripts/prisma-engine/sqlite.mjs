// SQLite side of the schema-engine stand-in: @prisma/adapter-better-sqlite3 plus the fixes the
// WASM engine needs on top of it (see /work/shared/PRISMA.md, "Gaps" 1–3).
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { sqliteFilePath } from "../../lib/db/database-url.mjs";
import { EngineCliError } from "./errors.mjs";

const EMPTY_RESULT_SET = Object.freeze({ columnNames: [], columnTypes: [], rows: [] });
const SQLITE_ERROR = 1; // generic: SQLITE_BUSY (5) would be reported as "P1008 Socket timeout"

/** Wraps a connected better-sqlite3 adapter so the WASM engine's expectations hold. */
function patchAdapter(adapter) {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    async queryRaw(query) {
      try {
        return await adapter.queryRaw(query);
      } catch (error) {
        // Gap 1: the engine treats any failing read of the migrations table as an error instead of
        // "not initialised yet" (P1014 in `migrate dev` / `status`). A missing table reads as empty.
        if (isMissingMigrationsTable(error)) return EMPTY_RESULT_SET;
        throw explainLocked(error);
      }
    },
    async executeRaw(query) {
      try {
        return await adapter.executeRaw(query);
      } catch (error) {
        // Gap 2: migrations are replayed as one multi-statement executeRaw, which better-sqlite3
        // refuses; without arguments the same text can run as a script.
        if (query.args.length === 0 && isMultiStatementError(error)) {
          await adapter.executeScript(query.sql).catch((scriptError) => {
            throw explainLocked(scriptError);
          });
          return 0;
        }
        throw explainLocked(error);
      }
    },
    executeScript: (script) =>
      adapter.executeScript(script).catch((error) => {
        throw explainLocked(error);
      }),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: adapter.getConnectionInfo ? () => adapter.getConnectionInfo() : undefined,
    dispose: () => adapter.dispose(),
  };
}

/**
 * The engine takes the SQLite file in exclusive locking mode. If another process has it open (a
 * running server, a test client), the adapter reports SQLITE_BUSY as kind "SocketTimeout", which
 * the WASM engine cannot decode ("unknown variant"). Report it as a plain SQLite error instead.
 */
function explainLocked(error) {
  if (error?.cause?.kind !== "SocketTimeout") return error;
  return new DriverAdapterError({
    kind: "sqlite",
    extendedCode: SQLITE_ERROR,
    message:
      "database is locked: another connection has the SQLite file open (for example a running " +
      "Gatehouse server). Stop it and retry.",
  });
}

function isMissingMigrationsTable(error) {
  const cause = error?.cause;
  return cause?.kind === "TableDoesNotExist" && cause.table === "_prisma_migrations";
}

function isMultiStatementError(error) {
  return error instanceof RangeError && /more than one statement/.test(error.message);
}

/**
 * A migration-aware adapter factory for one SQLite file. The shadow database is in memory.
 * `onConnect` receives every adapter handed out, so the host can close them before deleting the file.
 */
export function createSqliteAdapterFactory(url, onConnect) {
  const filePath = sqliteFilePath(url);
  const connectTo = async (location) => {
    if (location !== ":memory:") await mkdir(path.dirname(location), { recursive: true });
    const adapter = patchAdapter(await new PrismaBetterSqlite3({ url: location }).connect());
    onConnect(adapter);
    return adapter;
  };
  return {
    provider: "sqlite",
    adapterName: "@prisma/adapter-better-sqlite3",
    connect: () => connectTo(filePath),
    connectToShadowDb: () => connectTo(":memory:"),
  };
}

/**
 * Gap 3: the engine's reset only deletes rows, so the next deploy fails with "table already
 * exists". A real reset deletes the file and its journals (connections must be closed first).
 */
export async function deleteSqliteDatabase(url) {
  const filePath = sqliteFilePath(url);
  if (filePath === ":memory:") return false;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    await rm(filePath + suffix, { force: true });
  }
  return true;
}

export function sqliteCanConnect(url) {
  const filePath = sqliteFilePath(url);
  if (filePath !== ":memory:" && !existsSync(filePath)) {
    throw new EngineCliError(
      "P1003",
      `Database ${path.basename(filePath)} does not exist at ${filePath}`,
    );
  }
}

export async function sqliteCreateDatabase(url) {
  const filePath = sqliteFilePath(url);
  if (filePath === ":memory:") return ":memory:";
  await mkdir(path.dirname(filePath), { recursive: true });
  new Database(filePath).close();
  return path.basename(filePath);
}
