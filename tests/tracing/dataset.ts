// A fixed set of traces around a fixed "now" for the query tests, written through the real
// TraceWriter, plus the expected numbers computed straight from the records.
import type { Db } from "../../lib/db";
import type { GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import { TraceWriter } from "../../lib/tracing/writer";
import { computeCost } from "../../lib/usage/prices";
import { traceRecord, usage } from "./fixtures";

export const NOW = new Date("2025-03-10T12:00:30.000Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const TEAMS = [
  { id: "team_a", name: "Team A" },
  { id: "team_b", name: "Team B" },
];

function build(): GatewayTraceRecord[] {
  const out: GatewayTraceRecord[] = [];
  const t = (msAgo: number) => NOW.getTime() - msAgo;
  // Last hour: chat (team A, gpt-4o-mini), one every 2 minutes; every 5th is a judge call.
  for (let i = 0; i < 30; i++) {
    out.push(
      traceRecord({
        requestId: `chat-${i}`,
        startTime: t(i * 2 * MIN),
        latencyMs: 200 + i * 50,
        caller: i % 5 === 0 ? "judge" : null,
        request: { messages: [{ role: "user", content: i === 3 ? "What is 100% of 5?" : `Hello there #${i}` }] },
      }),
    );
  }
  // Last 24 h: embeddings (team B), one per hour.
  for (let i = 0; i < 24; i++) {
    out.push(
      traceRecord({
        requestId: `embed-${i}`,
        startTime: t(i * HOUR + 7 * MIN),
        endpoint: "embed",
        endpointId: "ep_embed",
        teamId: "team_b",
        operation: "embeddings",
        model: "text-embedding-3-small",
        usage: usage(500, 0),
        latencyMs: 80,
        request: { input: ["some text"] },
        response: { data: "1 embedding × 1536 dimensions" },
      }),
    );
  }
  // Claude calls (team A) over the last week, every 4th one failed; streaming.
  for (let i = 0; i < 14; i++) {
    const failed = i % 4 === 0;
    out.push(
      traceRecord({
        requestId: `claude-${i}`,
        startTime: t(i * 12 * HOUR + 30 * MIN),
        endpoint: "claude",
        endpointId: "ep_claude",
        provider: "anthropic",
        model: "claude-sonnet-4-5-20250929",
        status: failed ? "error" : "ok",
        usage: failed ? null : usage(10_000, 500, 6_000, 2_000),
        streaming: true,
        ttftMs: 300,
        latencyMs: failed ? 30_000 : 4_000,
      }),
    );
  }
  // An unpriced model, 3 and 20 days ago; one trace 40 days ago (outside every preset).
  out.push(traceRecord({ requestId: "custom-1", startTime: t(3 * DAY), model: "my-finetune", teamId: null }));
  out.push(traceRecord({ requestId: "custom-2", startTime: t(20 * DAY), model: "my-finetune", teamId: null }));
  out.push(traceRecord({ requestId: "old-1", startTime: t(40 * DAY) }));
  // Three traces with the same start time (pagination ties).
  for (const id of ["tie-a", "tie-b", "tie-c"]) {
    out.push(traceRecord({ requestId: id, startTime: t(5 * HOUR), endpoint: "ties", teamId: "team_b" }));
  }
  return out;
}

export const RECORDS = build();

export async function writeDataset(db: Db): Promise<void> {
  for (const team of TEAMS) await db.team.upsert({ where: { id: team.id }, create: team, update: {} });
  const writer = new TraceWriter({ db });
  for (const r of RECORDS) writer.enqueue(r);
  const { remaining } = await writer.close();
  if (remaining !== 0) throw new Error("dataset not written");
}

/** The records a minute-aligned window [from, to) of the dashboard contains. */
export function inWindow(msBack: number, pred: (r: GatewayTraceRecord) => boolean = () => true): GatewayTraceRecord[] {
  const to = Math.ceil(NOW.getTime() / MIN) * MIN;
  const from = Math.floor((NOW.getTime() - msBack) / MIN) * MIN;
  return RECORDS.filter((r) => r.startTime >= from && r.startTime < to && pred(r));
}

export function costOf(records: GatewayTraceRecord[]): number {
  let sum = 0;
  for (const r of records) {
    if (!r.usage || !r.provider || !r.model) continue;
    const c = computeCost(r.provider, r.model, {
      inputTokens: r.usage.input,
      outputTokens: r.usage.output,
      cacheReadTokens: r.usage.cacheRead,
      cacheCreationTokens: r.usage.cacheCreation,
    });
    sum += c?.costUsd ?? 0;
  }
  return sum;
}

export const DURATION = { MIN, HOUR, DAY };
