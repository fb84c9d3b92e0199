// Multi-row INSERTs for the trace writer. Prisma's createMany costs ~0.7 ms per row on SQLite
// (per-row work in the query compiler); one parameterised INSERT … VALUES (…), (…) is ~15× faster.
// The statements are portable SQL (double-quoted identifiers; `ON CONFLICT … DO UPDATE` with
// `excluded`, which SQLite ≥ 3.24 and PostgreSQL ≥ 9.5 share) and Prisma.sql renders the
// placeholders for each database, so there is no per-database branch.

import { Prisma } from "../db/generated/sqlite/client";

type Executor = Pick<Prisma.TransactionClient, "$executeRaw">;
export type SqlValue = string | number | boolean | Date | null;

/** Bound parameters per statement: far below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 10_000;

/** Rows of `width` columns per multi-row INSERT (the Prisma path here and the direct PostgreSQL store). */
export function rowsPerStatement(width: number): number {
  return Math.max(1, Math.floor(MAX_PARAMS / width));
}

/** A double-quoted SQL identifier (both databases). */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** ` ON CONFLICT (key) DO UPDATE SET c = <table>.c + excluded.c, …`; `table` is the table as
 * written in the statement (quoted, maybe schema-qualified). Identifiers only: no parameters. */
export function incrementOnConflict(table: string, conflictKey: readonly string[], increment: readonly string[]): string {
  const sets = increment.map((c) => `${quoteIdent(c)} = ${table}.${quoteIdent(c)} + excluded.${quoteIdent(c)}`);
  return ` ON CONFLICT (${conflictKey.map(quoteIdent).join(", ")}) DO UPDATE SET ${sets.join(", ")}`;
}

const ident = (name: string) => Prisma.raw(quoteIdent(name));

export interface InsertOptions {
  /** Columns of a unique key: on conflict, `increment` columns are added to the existing row. */
  conflictKey?: readonly string[];
  increment?: readonly string[];
}

/** Inserts `rows` (values in `columns` order) in as few statements as the parameter limit allows. */
export async function insertRows(
  tx: Executor,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
  options: InsertOptions = {},
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = rowsPerStatement(columns.length);
  const head = Prisma.sql`INSERT INTO ${ident(table)} (${Prisma.join(columns.map(ident))}) VALUES `;
  const tail = options.conflictKey
    ? Prisma.raw(incrementOnConflict(quoteIdent(table), options.conflictKey, options.increment ?? []))
    : Prisma.empty;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement).map((r) => Prisma.sql`(${Prisma.join(r)})`);
    await tx.$executeRaw`${head}${Prisma.join(chunk)}${tail}`;
  }
}
