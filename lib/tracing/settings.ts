// Tracing settings from the environment, read once per writer. Tests pass overrides to
// `new TraceWriter({ settings })` / `startTracing({ settings })`.

import { positiveIntFromEnv } from "../config/env";

export interface TracingSettings {
  /** Largest stored request / response payload in UTF-8 bytes (GATEHOUSE_MAX_PAYLOAD_BYTES,
   * default 64 KB); longer payloads are cut and flagged `requestTruncated` / `responseTruncated` (and `payloadTruncated`). */
  maxPayloadBytes: number;
  /** Records per database transaction (GATEHOUSE_TRACE_BATCH_SIZE, default 200). */
  batchSize: number;
  /** Longest time a record waits before its batch is written (GATEHOUSE_TRACE_FLUSH_MS, default 250). */
  flushIntervalMs: number;
  /** Records kept in memory while the database is failing (GATEHOUSE_TRACE_BUFFER, default 50,000);
   * beyond that the oldest are dropped and counted in the `dropped` metric. */
  maxBuffered: number;
  /** Retry backoff after a failed batch: doubles from min to max. */
  retryMinMs: number;
  retryMaxMs: number;
}

export function tracingSettingsFromEnv(overrides: Partial<TracingSettings> = {}): TracingSettings {
  return {
    maxPayloadBytes: positiveIntFromEnv("GATEHOUSE_MAX_PAYLOAD_BYTES", 64 * 1024),
    batchSize: positiveIntFromEnv("GATEHOUSE_TRACE_BATCH_SIZE", 200),
    flushIntervalMs: positiveIntFromEnv("GATEHOUSE_TRACE_FLUSH_MS", 250),
    maxBuffered: positiveIntFromEnv("GATEHOUSE_TRACE_BUFFER", 50_000),
    retryMinMs: 250,
    retryMaxMs: 10_000,
    ...overrides,
  };
}
