// The trace writer's SQLite path: its own better-sqlite3 connection with the three statements
// prepared once (Trace, Span, UsageRollup upsert), one transaction per batch. Through Prisma the
// same batch costs ~10× the CPU (query building, parameter mapping and a statement prepared per
// batch); on the production server this runs on the writer's worker thread, so the gateway's event
// loop never waits for it.
//
// Values are bound exactly as Prisma's better-sqlite3 adapter binds them (DateTime as ISO-8601
// text with "+00:00", Boolean as 0/1), so Prisma reads these rows like its own.
// The connection uses synchronous = NORMAL, the usual setting with WAL: a commit does not wait for
// fsync; a power cut may lose the last batches but never corrupts the file. Other connections
// (the console's Prisma client) keep their own setting.

import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ROLLUP_COLUMNS, ROLLUP_CONFLICT_KEY, ROLLUP_INCREMENT, rollupValues } from "../usage/rollup-write";
import type { PreparedBatch } from "./persist";
import { SPAN_COLUMNS, TRACE_COLUMNS } from "./rows";
import { incrementOnConflict, quoteIdent as q, type SqlValue } from "./sql";
import type { TraceStore } from "./store";

/** How long a write waits for another connection's lock. better-sqlite3 waits synchronously: fine
 * on the writer thread, but on the main thread (`next dev`, GATEHOUSE_TRACE_WORKER=0) it would
 * freeze the event loop, so startTracing passes a short wait there and the writer's async backoff
 * does the rest. */
const BUSY_TIMEOUT_MS = 5000;

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
}

/** A value as the Prisma adapter binds it. */
function bind(v: SqlValue): string | number | null {
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

export class SqliteTraceStore implements TraceStore {
  readonly #db: Database.Database;
  readonly #write: (batch: PreparedBatch) => void;

  constructor(file: string, busyTimeoutMs = BUSY_TIMEOUT_MS) {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new Database(file, { timeout: busyTimeoutMs });
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("synchronous = NORMAL");
    const trace = this.#db.prepare(insertSql("Trace", TRACE_COLUMNS));
    const span = this.#db.prepare(insertSql("Span", SPAN_COLUMNS));
    const rollup = this.#db.prepare(
      insertSql("UsageRollup", ROLLUP_COLUMNS) + incrementOnConflict(q("UsageRollup"), ROLLUP_CONFLICT_KEY, ROLLUP_INCREMENT),
    );
    // BEGIN IMMEDIATE: take the write lock up front (waiting up to the busy timeout) instead of
    // failing midway when another connection holds it.
    this.#write = this.#db
      .transaction((batch: PreparedBatch) => {
        for (const t of batch.traces) trace.run(TRACE_COLUMNS.map((c) => bind(t[c])));
        for (const s of batch.spans) span.run(SPAN_COLUMNS.map((c) => bind(s[c])));
        for (const d of batch.rollups) rollup.run(rollupValues(d).map(bind));
      })
      .immediate;
  }

  write(batch: PreparedBatch): void {
    this.#write(batch);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
