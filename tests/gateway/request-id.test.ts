import { describe, expect, it } from "vitest";
import { uuidv7 } from "../../lib/gateway/request-id";

describe("request ids (UUIDv7)", () => {
  it("are RFC 9562 version 7 UUIDs carrying the time in milliseconds", () => {
    const now = Date.UTC(2026, 11, 6, 17, 30, 0, 123);
    const id = uuidv7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(now);
  });

  it("sort by time and do not repeat", () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 100; i < ids.length; i += 100) expect(ids[i - 1] < ids[i]).toBe(true); // across milliseconds
    // The random part is random: every hex digit shows up in every random position.
    for (const pos of [15, 20, 35]) expect(new Set(ids.slice(0, 2000).map((id) => id[pos])).size).toBe(16);
  });
});
