// The trace explorer's page links: the cursor API pages forward only, so the cursors of the pages
// before this one travel in the URL (`back`) and "← Newer" pops the last one.
import { describe, expect, it } from "vitest";
import { MAX_BACK, parseBack, tracePageLinks } from "@/lib/console/trace-paging";

const params = (href: string | null) => Object.fromEntries(new URL(href!, "http://x").searchParams);

describe("trace page links", () => {
  it("the first page: Next carries no back-stack; no Newer, no Newest", () => {
    const links = tracePageLinks("endpoint=chat&limit=5", undefined, [], "c1");
    expect(params(links.next)).toEqual({ endpoint: "chat", limit: "5", cursor: "c1" });
    expect(links.newer).toBeNull();
    expect(links.newest).toBeNull();
  });

  it("the second page: Next pushes its cursor, Newer is the first page (no separate Newest)", () => {
    const links = tracePageLinks("limit=5", "c1", [], "c2");
    expect(params(links.next)).toEqual({ limit: "5", cursor: "c2", back: "c1" });
    expect(links.newer).toBe("/traces?limit=5");
    expect(links.newest).toBeNull();
  });

  it("deeper: Newer pops the last cursor, Newest is the first page; the last page has no Next", () => {
    const links = tracePageLinks("q=hi", "c3", ["c1", "c2"], null);
    expect(links.next).toBeNull();
    expect(params(links.newer)).toEqual({ q: "hi", cursor: "c2", back: "c1" });
    expect(links.newest).toBe("/traces?q=hi");
    expect(tracePageLinks("", "c2", ["c1"], null).newer).toBe("/traces?cursor=c1");
  });

  it("reads the back-stack defensively and keeps it bounded", () => {
    expect(parseBack("c1.c2")).toEqual(["c1", "c2"]);
    expect(parseBack(["c1", "c2.c3"])).toEqual(["c1", "c2", "c3"]);
    expect(parseBack("ok..bad cursor!.x_-9")).toEqual(["ok", "x_-9"]);
    expect(parseBack(undefined)).toEqual([]);
    const long = Array.from({ length: MAX_BACK }, (_, i) => `c${i}`);
    const next = params(tracePageLinks("", "now", long, "later").next).back.split(".");
    expect(next).toHaveLength(MAX_BACK);
    expect(next.at(-1)).toBe("now");
  });
});
