import { describe, expect, it } from "vitest";
import { decodeRecord, encodeRecord } from "../../lib/tracing/record-codec";
import { traceRecord, usage } from "./fixtures";

describe("trace records crossing to the writer thread", () => {
  it("come back field for field, with and without payloads", () => {
    const full = traceRecord({
      streaming: true,
      ttftMs: 12.5,
      metadata: { customer: "acme", nested: { a: [1, 2] } },
      caller: "judge",
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      request: '{"model":"chat","messages":[]}',
      response: { choices: [] },
    });
    full.attempts.unshift({ provider: "anthropic", model: "claude", start: 1, end: 2, status: "timeout", httpStatus: null, error: "slow", usage: null });
    expect(decodeRecord(structuredClone(encodeRecord(full, 65_536)))).toEqual(full);

    const bare = traceRecord({ usage: usage(1, 2, 3, 4) });
    delete bare.request;
    delete bare.response;
    const decoded = decodeRecord(structuredClone(encodeRecord(bare, 65_536)));
    expect(decoded).toEqual(bare);
    expect("request" in decoded).toBe(false);
  });

  it("cut payload text far beyond the writer's limit, leaving it more than the limit to cut", () => {
    const long = "é".repeat(50_000);
    const decoded = decodeRecord(encodeRecord(traceRecord({ request: long, response: "ok" }), 1_000));
    expect(decoded.request).toBe("é".repeat(1_001));
    expect(Buffer.byteLength(decoded.request as string)).toBeGreaterThan(1_000);
    expect(decoded.response).toBe("ok");
  });
});
