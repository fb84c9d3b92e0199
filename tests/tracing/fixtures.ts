// Gateway trace records for the tracing tests: what lib/gateway's Exchange hands the sink.
import { randomUUID } from "node:crypto";
import type { GatewayTraceRecord, TraceUsage } from "../../lib/gateway/trace-hook";

export function usage(input: number, output: number, cacheRead = 0, cacheCreation = 0): TraceUsage {
  return { input, output, cacheRead, cacheCreation, total: input + output };
}

export function traceRecord(overrides: Partial<GatewayTraceRecord> = {}): GatewayTraceRecord {
  const startTime = overrides.startTime ?? Date.now() - 2_000;
  const latencyMs = overrides.latencyMs ?? 420;
  const provider = overrides.provider === undefined ? "openai" : overrides.provider;
  const model = overrides.model === undefined ? "gpt-4o-mini" : overrides.model;
  const u = overrides.usage === undefined ? usage(1000, 200, 100) : overrides.usage;
  const status = overrides.status ?? "ok";
  return {
    requestId: randomUUID(),
    startTime,
    endpoint: "chat",
    endpointId: "ep_chat",
    teamId: "team_a",
    tokenId: "tok_a",
    route: "unified",
    operation: "chat",
    provider,
    model,
    status,
    httpStatus: status === "ok" ? 200 : 502,
    errorType: status === "ok" ? null : "upstream_error",
    errorMessage: status === "ok" ? null : "upstream returned 500",
    latencyMs,
    ttftMs: null,
    usage: u,
    streaming: false,
    attempts:
      provider && model
        ? [
            {
              provider,
              model,
              start: startTime + 5,
              end: startTime + latencyMs - 5,
              status: status === "ok" ? "ok" : "error",
              httpStatus: status === "ok" ? 200 : 500,
              error: status === "ok" ? null : "upstream returned 500",
              usage: status === "ok" ? u : null,
            },
          ]
        : [],
    request: { model: "chat", messages: [{ role: "user", content: "Hello there" }] },
    response: { choices: [{ index: 0, message: { role: "assistant", content: "General Kenobi" } }] },
    caller: null,
    metadata: null,
    traceparent: null,
    ...overrides,
  };
}

/** Polls until `check` returns true (or fails after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
