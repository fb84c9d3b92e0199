// Process-wide gateway settings from the environment, read once; tests and the benchmark may
// override them with configureGateway().

import { positiveIntFromEnv } from "../config/env";

export interface GatewaySettings {
  /** Request body limit in bytes (GATEHOUSE_MAX_BODY_BYTES, default 32 MB) → 413 above it. */
  maxBodyBytes: number;
  /** Streaming: longest wait for the first upstream chunk before falling over to the next target
   * (GATEHOUSE_FIRST_BYTE_TIMEOUT_MS, default 15 s; never above the endpoint's timeoutMs). */
  firstByteTimeoutMs: number;
  /** Longest Retry-After the gateway waits before retrying the same target; longer → skip it. */
  maxRetryAfterMs: number;
}

const KEY = Symbol.for("gatehouse.gateway.settings");
type Holder = { [KEY]?: GatewaySettings };

export function gatewaySettings(): GatewaySettings {
  const g = globalThis as Holder;
  return (g[KEY] ??= {
    maxBodyBytes: positiveIntFromEnv("GATEHOUSE_MAX_BODY_BYTES", 32 * 1024 * 1024),
    firstByteTimeoutMs: positiveIntFromEnv("GATEHOUSE_FIRST_BYTE_TIMEOUT_MS", 15_000),
    maxRetryAfterMs: 2_000,
  });
}

export function configureGateway(overrides: Partial<GatewaySettings>): void {
  Object.assign(gatewaySettings(), overrides);
}
