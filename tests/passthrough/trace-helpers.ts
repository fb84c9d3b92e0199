// Shared by the passthrough tests: the trace records the gateway hands to its sink, and the check
// that a fake upstream never saw the caller's team token.

import { expect } from "vitest";
import { setTraceSink, type GatewayTraceRecord } from "../../lib/gateway/trace-hook";
import type { FakeProviderServer } from "../fakes/fake-switches";
import { TEAM_TOKEN } from "../helpers/gateway";

export class TraceCollector {
  readonly records: GatewayTraceRecord[] = [];

  install(): void {
    setTraceSink((r) => this.records.push(r));
  }

  uninstall(): void {
    setTraceSink(null);
  }

  clear(): void {
    this.records.length = 0;
  }

  /** The only trace, once the request finished (a stream's trace lands after its last byte). */
  async single(): Promise<GatewayTraceRecord> {
    await expect.poll(() => this.records.length, { timeout: 2_000 }).toBe(1);
    return this.records[0];
  }
}

/** Every request the fake received carried no trace of the caller's token (headers or URL). */
export function expectNoTeamToken(fake: FakeProviderServer): void {
  expect(fake.requests.length).toBeGreaterThan(0);
  for (const request of fake.requests) {
    expect(request.url).not.toContain(TEAM_TOKEN);
    for (const [name, value] of Object.entries(request.headers)) {
      expect(String(value), `header '${name}'`).not.toContain(TEAM_TOKEN);
    }
  }
}

/** Nothing of `secret` in a response body, error or trace record. */
export function expectNoSecret(value: unknown, secret: string): void {
  expect(typeof value === "string" ? value : JSON.stringify(value)).not.toContain(secret);
}
