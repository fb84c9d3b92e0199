// GET /api/health: is the database reachable, and how is the trace writer doing. Public (load
// balancers probe it), so it reports states and counters only — no configuration, no secrets.

import { getDb } from "../db";
import { getTracingMetrics, type TracingMetrics } from "./index";
import { errorMessage } from "./write-errors";

export interface HealthReport {
  status: "ok" | "degraded";
  db: { status: "ok" | "unavailable"; latencyMs: number; error?: string };
  /** null when tracing is not running in this process. */
  tracing: TracingMetrics | null;
}

const DB_PROBE_TIMEOUT_MS = 2_000;

async function probeDb(): Promise<HealthReport["db"]> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${DB_PROBE_TIMEOUT_MS} ms`)), DB_PROBE_TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - t0) };
  } catch (err) {
    return { status: "unavailable", latencyMs: Math.round(performance.now() - t0), error: errorMessage(err) };
  } finally {
    clearTimeout(timer);
  }
}

export async function healthReport(): Promise<HealthReport> {
  const db = await probeDb();
  return { status: db.status === "ok" ? "ok" : "degraded", db, tracing: getTracingMetrics() };
}
