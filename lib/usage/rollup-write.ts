// Writes merged rollup deltas inside the tracing writer's transaction: one multi-row
// INSERT … ON CONFLICT DO UPDATE adding every counter to the existing row, so concurrent writers
// (several processes) add up correctly and a batch costs one statement.

import type { Prisma } from "../db/generated/sqlite/client";
import { insertRows, type SqlValue } from "../tracing/sql";
import { LATENCY_COLUMNS } from "./histogram";
import { COUNTER_FIELDS, type RollupDelta } from "./rollup-build";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

const KEY_COLUMNS = ["granularity", "bucketStart", "endpointName", "teamId", "provider", "model", "caller"] as const;
const VALUE_COLUMNS = [...COUNTER_FIELDS, ...LATENCY_COLUMNS];

export const ROLLUP_COLUMNS: readonly string[] = [...KEY_COLUMNS, ...VALUE_COLUMNS];
/** The upsert: on a row with the same key, every value column is added to the existing one. */
export const ROLLUP_CONFLICT_KEY: readonly string[] = KEY_COLUMNS;
export const ROLLUP_INCREMENT: readonly string[] = VALUE_COLUMNS;

export function rollupValues(d: RollupDelta): SqlValue[] {
  return [...KEY_COLUMNS.map((c) => d[c]), ...COUNTER_FIELDS.map((c) => d[c]), ...d.histogram];
}

export async function writeRollups(tx: Tx, deltas: readonly RollupDelta[]): Promise<void> {
  await insertRows(tx, "UsageRollup", ROLLUP_COLUMNS, deltas.map(rollupValues), {
    conflictKey: ROLLUP_CONFLICT_KEY,
    increment: ROLLUP_INCREMENT,
  });
}
