// Where the trace writer puts a prepared batch. Each database has a direct store (statements built
// once, driver called directly); without one, the writer goes through Prisma (persist.ts), which
// works on any Db but costs several times the CPU per trace.

import { providerOfUrl, sqliteFilePath } from "../db/database-url.mjs";
import type { PreparedBatch } from "./persist";
import { PgTraceStore } from "./pg-store";
import { SqliteTraceStore } from "./sqlite-store";

export interface TraceStore {
  /** Writes the batch in one transaction; throws what the driver throws (see write-errors.ts). */
  write(batch: PreparedBatch): void | Promise<void>;
  close(): void | Promise<void>;
}

/** The direct store for a database URL. */
/** `sqliteBusyTimeoutMs`: how long a SQLite write may block its thread waiting for a lock. */
export function traceStoreFor(url: string, options: { sqliteBusyTimeoutMs?: number } = {}): TraceStore {
  return providerOfUrl(url) === "sqlite" ? new SqliteTraceStore(sqliteFilePath(url), options.sqliteBusyTimeoutMs) : new PgTraceStore(url);
}
