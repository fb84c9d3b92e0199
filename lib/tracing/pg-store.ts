// The trace writer's PostgreSQL path: node-postgres directly, one multi-row INSERT per table and
// one upsert for the rollups, in one transaction per batch. Through Prisma's raw queries the same
// batch cost ~125 µs of CPU per trace (statement building and parameter mapping in the client);
// here it is a few µs. Values are sent as Prisma's pg adapter sends them (DateTime as UTC
// "YYYY-MM-DD HH:MM:SS.mmm" for `timestamp(3)`, Json as text), so Prisma reads the rows as its own.

import pg from "pg";
import { ROLLUP_COLUMNS, ROLLUP_CONFLICT_KEY, ROLLUP_INCREMENT, rollupValues } from "../usage/rollup-write";
import type { PreparedBatch } from "./persist";
import { SPAN_COLUMNS, TRACE_COLUMNS } from "./rows";
import type { TraceStore } from "./store";
import { incrementOnConflict, quoteIdent as q, rowsPerStatement, type SqlValue } from "./sql";

const ignore = () => {};

/** A value as Prisma's pg adapter sends it. */
function bind(v: SqlValue): string | number | boolean | null {
  return v instanceof Date ? v.toISOString().slice(0, 23).replace("T", " ") : v;
}

interface Statement {
  table: string;
  columns: readonly string[];
  tail: string;
}

export class PgTraceStore implements TraceStore {
  readonly #pool: pg.Pool;
  readonly #trace: Statement;
  readonly #span: Statement;
  readonly #rollup: Statement;
  readonly #sql = new Map<string, string>();

  /** `url`: a postgresql:// URL; Prisma's `?schema=` parameter is honoured. */
  constructor(url: string) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema");
    parsed.searchParams.delete("schema");
    const table = (name: string) => (schema ? `${q(schema)}.${q(name)}` : q(name));
    // One connection: batches are written one at a time.
    this.#pool = new pg.Pool({ connectionString: parsed.toString(), max: 1, idleTimeoutMillis: 60_000 });
    // A connection the server drops while idle is replaced on the next batch (the writer retries).
    this.#pool.on("error", ignore);
    this.#trace = { table: table("Trace"), columns: TRACE_COLUMNS, tail: "" };
    this.#span = { table: table("Span"), columns: SPAN_COLUMNS, tail: "" };
    this.#rollup = {
      table: table("UsageRollup"),
      columns: ROLLUP_COLUMNS,
      tail: incrementOnConflict(table("UsageRollup"), ROLLUP_CONFLICT_KEY, ROLLUP_INCREMENT),
    };
  }

  async write(batch: PreparedBatch): Promise<void> {
    const client = await this.#pool.connect();
    // The pool listens for errors of idle connections only: a session ended by the server between
    // two statements of this batch would otherwise be an unhandled 'error' event. The statement
    // that follows fails, and the batch is retried.
    client.on("error", ignore);
    try {
      await client.query("BEGIN");
      await this.#insert(client, this.#trace, batch.traces.map((t) => TRACE_COLUMNS.map((c) => t[c])));
      await this.#insert(client, this.#span, batch.spans.map((s) => SPAN_COLUMNS.map((c) => s[c])));
      await this.#insert(client, this.#rollup, batch.rollups.map(rollupValues));
      await client.query("COMMIT");
      client.off("error", ignore);
      client.release();
    } catch (err) {
      // The server refused a statement: roll back and keep the connection. Anything else (a lost
      // connection): discard it, the pool opens a new one for the retry.
      const refused = (err as { severity?: unknown }).severity === "ERROR"; // not FATAL: a terminated session
      if (refused) await client.query("ROLLBACK").catch(ignore);
      client.off("error", ignore);
      client.release(refused ? undefined : (err as Error));
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async #insert(client: pg.PoolClient, s: Statement, rows: SqlValue[][]): Promise<void> {
    const perStatement = rowsPerStatement(s.columns.length);
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      const values: (string | number | boolean | null)[] = [];
      for (const row of chunk) for (const v of row) values.push(bind(v));
      await client.query(this.#text(s, chunk.length), values);
    }
  }

  /** The statement for `n` rows (cached: batches mostly have the same few sizes). */
  #text(s: Statement, n: number): string {
    const key = `${s.table}:${n}`;
    let text = this.#sql.get(key);
    if (text === undefined) {
      const width = s.columns.length;
      const tuples = Array.from({ length: n }, (_, r) => `(${s.columns.map((_c, c) => `$${r * width + c + 1}`).join(", ")})`);
      text = `INSERT INTO ${s.table} (${s.columns.map(q).join(", ")}) VALUES ${tuples.join(", ")}${s.tail}`;
      if (this.#sql.size > 200) this.#sql.clear();
      this.#sql.set(key, text);
    }
    return text;
  }
}
