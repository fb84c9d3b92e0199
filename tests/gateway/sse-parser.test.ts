// The shared SSE parser (lib/providers/sse.ts) against the framing cases upstreams produce.

import { describe, expect, it } from "vitest";
import { SseParser } from "../../lib/providers/sse";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("SseParser", () => {
  it("parses events split anywhere across chunks, including inside a UTF-8 character", () => {
    const text = 'event: delta\ndata: {"t":"héllo"}\n\ndata: [DONE]\n\n';
    const all = bytes(text);
    for (let cut = 1; cut < all.length; cut++) {
      const p = new SseParser();
      const events = [...p.push(all.slice(0, cut)), ...p.push(all.slice(cut)), ...p.end()];
      expect(events).toEqual([
        { event: "delta", data: '{"t":"héllo"}', id: undefined },
        { event: undefined, data: "[DONE]", id: undefined },
      ]);
    }
  });

  it("handles CRLF, comments, ids, multi-line data and a missing final blank line", () => {
    const p = new SseParser();
    const events = [...p.push(bytes(": keep-alive\r\nid: 7\r\ndata: a\r\ndata:b\r\n\r\nevent: ping\r\n\r\ndata: tail")), ...p.end()];
    expect(events).toEqual([
      { event: undefined, data: "a\nb", id: "7" },
      { event: undefined, data: "tail", id: "7" }, // the last event id persists, as the spec says
    ]);
  });
});
