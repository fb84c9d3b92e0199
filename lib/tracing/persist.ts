// One batch of gateway trace records → one database transaction: Trace and Span rows
// (createMany) plus the merged UsageRollup increments.

import type { Db } from "../db";
import type { GatewayTraceRecord } from "../gateway/trace-hook";
import { priceSnapshot } from "../usage/price-overrides";
import { RollupAccumulator, type RollupDelta } from "../usage/rollup-build";
import { writeRollups } from "../usage/rollup-write";
import { SPAN_COLUMNS, spanRows, TRACE_COLUMNS, traceCost, traceRow, type SpanRow, type TraceRow } from "./rows";
import { insertRows } from "./sql";

export interface PreparedBatch {
  records: GatewayTraceRecord[];
  traces: TraceRow[];
  spans: SpanRow[];
  rollups: RollupDelta[];
}

/** Serialises payloads, computes costs and merges rollups (needs the price overrides). */
export async function prepareBatch(
  db: Db,
  records: GatewayTraceRecord[],
  maxPayloadBytes: number,
): Promise<PreparedBatch> {
  const prices = await priceSnapshot(db);
  const traces: TraceRow[] = [];
  const spans: SpanRow[] = [];
  const rollups = new RollupAccumulator();
  for (const record of records) {
    const cost = traceCost(record, (provider, model, u) =>
      prices.cost(provider, model, {
        inputTokens: u.input,
        outputTokens: u.output,
        cacheReadTokens: u.cacheRead,
        cacheCreationTokens: u.cacheCreation,
      }),
    );
    const row = traceRow(record, cost, maxPayloadBytes);
    traces.push(row);
    spans.push(...spanRows(record));
    rollups.add(row);
  }
  return { records, traces, spans, rollups: rollups.deltas() };
}

export async function writeBatch(db: Db, batch: PreparedBatch): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await insertRows(tx, "Trace", TRACE_COLUMNS, batch.traces.map((t) => TRACE_COLUMNS.map((c) => t[c])));
      await insertRows(tx, "Span", SPAN_COLUMNS, batch.spans.map((s) => SPAN_COLUMNS.map((c) => s[c])));
      await writeRollups(tx, batch.rollups);
    },
    // A batch is a few hundred rows; the generous timeout covers a slow disk or a busy database.
    { maxWait: 10_000, timeout: 60_000 },
  );
}
