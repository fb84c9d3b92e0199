// The dashboard's pure helpers: number formats (unknown cost is "unknown", never $0), chart rows
// per bucket, and the trace explorer links a chart click opens.
import { describe, expect, it } from "vitest";
import { filtersFromSearchParams, traceFiltersSchema } from "@/lib/tracing/schemas";
import { breakdownHref, bucketLabel, clearFiltersHref, costHint, dashboardLinkBase, bucketPatch, chartRows, explorerHref, formatMs, formatMsTick, formatPercent, formatUsd, isSparse, noLinkReason, SERIES, utcDateParam } from "@/lib/usage/display";
import type { UsagePoint } from "@/lib/usage/queries";

function point(time: string, over: Partial<UsagePoint> = {}): UsagePoint {
  return {
    time,
    requests: 10,
    errors: 2,
    errorRate: 0.2,
    p50Ms: 120,
    p90Ms: 400,
    p99Ms: 900,
    avgLatencyMs: 200,
    avgTtftMs: null,
    inputTokens: 100,
    outputTokens: 50,
    cacheReadTokens: 0,
    cacheCreationTokens: 0,
    totalTokens: 150,
    tokensPerRequest: 15,
    costUsd: 0.0123,
    unknownCostRequests: 0,
    cumulativeTokens: 150,
    cumulativeCostUsd: 0.0123,
    ...over,
  };
}

describe("formats", () => {
  it("unknown cost is 'unknown', zero is $0.00, small amounts keep their digits", () => {
    expect(formatUsd(null)).toBe("unknown");
    expect(formatUsd(undefined)).toBe("unknown");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(12.345)).toBe("$12.35");
    expect(formatUsd(0.0123)).toBe("$0.0123");
    expect(formatUsd(0.00042)).toBe("$0.00042");
    expect(formatUsd(0.0000047)).toBe("$0.0000047");
    expect(formatUsd(6e-7)).toBe("$0.0000006");
    // One rule everywhere: never fewer than two decimals.
    expect(formatUsd(0.2)).toBe("$0.20");
    expect(formatUsd(0.123456)).toBe("$0.1235");
    expect(formatUsd(0.0000465)).toBe("$0.000047");
    expect(formatUsd(1234.5)).toBe("$1,235");
    // A configured price keeps every digit.
    expect(formatUsd(1.875, { exact: true })).toBe("$1.875");
    expect(formatUsd(3, { exact: true })).toBe("$3.00");
    expect(formatUsd(0.2, { exact: true })).toBe("$0.20");
    expect(formatUsd(0, { exact: true })).toBe("$0.00");
  });
  it("latency and percentages", () => {
    expect(formatMs(null)).toBe("—");
    expect(formatMs(87.4)).toBe("87 ms");
    expect(formatMs(1530)).toBe("1.53 s");
    expect(formatMsTick(0.5)).toBe("0.5 ms");
    expect(formatMsTick(1)).toBe("1 ms");
    expect(formatMsTick(4.25)).toBe("4.3 ms");
    expect(formatMsTick(12.5)).toBe("13 ms");
    expect(formatMsTick(1500)).toBe("1.50 s");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(0.0345)).toBe("3.5%");
    expect(formatPercent(0.5)).toBe("50%");
  });
  it("bucket labels are UTC and fit the bucket width", () => {
    expect(bucketLabel("2026-12-01T09:05:00.000Z", 60)).toBe("09:05");
    expect(bucketLabel("2026-12-01T09:00:00.000Z", 3600)).toBe("1 Dec 09:00");
    expect(bucketLabel("2026-12-01T00:00:00.000Z", 86400)).toBe("1 Dec");
  });
});

describe("chartRows", () => {
  it("one row per bucket with its bounds; unknown values stay null (a gap, not a zero)", () => {
    const rows = chartRows(
      [point("2026-12-01T09:00:00.000Z"), point("2026-12-01T10:00:00.000Z", { requests: 0, errors: 0, errorRate: null, p50Ms: null, p90Ms: null, p99Ms: null, costUsd: null, tokensPerRequest: null })],
      3600,
    );
    expect(rows[0]).toMatchObject({
      label: "1 Dec 09:00",
      from: "2026-12-01T09:00:00.000Z",
      to: "2026-12-01T10:00:00.000Z",
      [SERIES.ok]: 8,
      [SERIES.errors]: 2,
      [SERIES.errorRate]: 20,
      [SERIES.p99]: 900,
      [SERIES.cost]: 0.0123,
    });
    expect(rows[1][SERIES.cost]).toBeNull();
    expect(rows[1][SERIES.p50]).toBeNull();
    expect(rows[1][SERIES.errorRate]).toBeNull();
  });
});

describe("explorerHref", () => {
  const base = "range=7d&endpoint=chat&excludeCaller=judge";

  it("keeps the dashboard's filters; a bucket replaces the range by from/to", () => {
    const href = explorerHref(base, bucketPatch({ from: "2026-12-01T09:00:00.000Z", to: "2026-12-01T10:00:00.000Z" }, SERIES.tokensPerRequest));
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/traces");
    expect(url.searchParams.get("range")).toBeNull();
    expect(url.searchParams.get("from")).toBe("2026-12-01T09:00:00.000Z");
    expect(url.searchParams.get("to")).toBe("2026-12-01T10:00:00.000Z");
    expect(url.searchParams.get("endpoint")).toBe("chat");
    expect(url.searchParams.get("excludeCaller")).toBe("judge");
    expect(url.searchParams.get("status")).toBeNull();
    // The explorer's schema accepts what the dashboard links to.
    expect(traceFiltersSchema.safeParse(filtersFromSearchParams(url.searchParams)).success).toBe(true);
  });

  it("a succeeded bar adds status=ok, a failed-requests bar status=error; a latency point adds minLatencyMs", () => {
    const bucket = { from: "2026-12-01T09:00:00.000Z", to: "2026-12-01T10:00:00.000Z" };
    const succeeded = new URL(explorerHref(base, bucketPatch(bucket, SERIES.ok)), "http://x").searchParams;
    expect(succeeded.get("status")).toBe("ok");
    expect(succeeded.get("from")).toBe(bucket.from);
    expect(traceFiltersSchema.parse(filtersFromSearchParams(succeeded)).status).toBe("ok");
    expect(new URL(explorerHref(base, bucketPatch(bucket, SERIES.errors)), "http://x").searchParams.get("status")).toBe("error");
    expect(new URL(explorerHref(base, bucketPatch(bucket, SERIES.errorRate)), "http://x").searchParams.get("status")).toBe("error");
    expect(new URL(explorerHref(base, bucketPatch(bucket, SERIES.p99, 912.6)), "http://x").searchParams.get("minLatencyMs")).toBe("912");
  });

  it("a category replaces that filter and keeps the range; null clears a filter", () => {
    const url = new URL(explorerHref(base, { endpoint: "other", model: "gpt-4o", provider: null }), "http://x");
    expect(url.searchParams.get("endpoint")).toBe("other");
    expect(url.searchParams.get("model")).toBe("gpt-4o");
    expect(url.searchParams.get("range")).toBe("7d");
    expect(url.searchParams.has("provider")).toBe(false);
    expect(explorerHref("")).toBe("/traces");
  });

  it("drops keys the explorer must not inherit (cursor, unknown keys)", () => {
    expect(explorerHref("range=1h&cursor=abc&foo=bar")).toBe("/traces?range=1h");
  });
});

describe("breakdownHref (dashboard rankings → trace explorer)", () => {
  const base = "range=1h&excludeCaller=judge";

  it("links a model of a provider, an endpoint, a team to the explorer filtered to it", () => {
    const model = new URL(breakdownHref(base, { model: "gpt-4o", provider: "openai" })!, "http://x");
    expect(model.pathname).toBe("/traces");
    expect(Object.fromEntries(model.searchParams)).toEqual({ range: "1h", excludeCaller: "judge", model: "gpt-4o", provider: "openai" });
    expect(traceFiltersSchema.safeParse(filtersFromSearchParams(model.searchParams)).success).toBe(true);
    expect(breakdownHref(base, { endpoint: "chat" })).toBe("/traces?range=1h&excludeCaller=judge&endpoint=chat");
    expect(breakdownHref(base, { team: "team_1" })).toBe("/traces?range=1h&excludeCaller=judge&team=team_1");
    expect(breakdownHref("", { provider: "anthropic" })).toBe("/traces?provider=anthropic");
  });

  it("a row without a value ((no team), (no model), (no provider)) has no link: no filter selects it", () => {
    // Before: these linked to /traces?range=1h, i.e. every trace of the range.
    expect(breakdownHref(base, { team: null })).toBeNull();
    expect(breakdownHref(base, { team: "" })).toBeNull();
    expect(breakdownHref(base, { model: "", provider: "openai" })).toBeNull();
    expect(breakdownHref(base, { model: "", provider: "" })).toBeNull();
    expect(breakdownHref(base, { provider: "" })).toBeNull();
    expect(breakdownHref(base, { endpoint: "" })).toBeNull();
  });

  it("links from a dashboard on its default range keep that range (the explorer's default is any time)", () => {
    expect(dashboardLinkBase({})).toBe("range=24h");
    expect(breakdownHref(dashboardLinkBase({ endpoint: "chat" }), { team: "t1" })).toBe("/traces?range=24h&endpoint=chat&team=t1");
    expect(dashboardLinkBase({ range: "7d" })).toBe("range=7d");
    expect(dashboardLinkBase({ from: "2026-12-01T00:00:00Z" })).toBe("from=2026-12-01T00%3A00%3A00Z");
  });

  it("says why a row has no link", () => {
    expect(noLinkReason({ team: null })).toBe("No link: Traces has no filter for requests without a team.");
    expect(noLinkReason({ model: "", provider: "" })).toBe("No link: Traces has no filter for requests without a model or provider.");
    expect(noLinkReason({ model: "", provider: "openai" })).toBe("No link: Traces has no filter for requests without a model.");
  });
});

describe("utcDateParam", () => {
  it("reads a datetime-local value as UTC and leaves full ISO dates alone", () => {
    expect(utcDateParam("2026-12-01T10:30")).toBe("2026-12-01T10:30:00Z");
    expect(utcDateParam("2026-12-01T10:30:15")).toBe("2026-12-01T10:30:15Z");
    expect(utcDateParam("2026-12-01T10:30:00.000Z")).toBe("2026-12-01T10:30:00.000Z");
    expect(utcDateParam(undefined)).toBeUndefined();
  });
});

describe("chart density and unknown cumulative cost", () => {
  const idle = { requests: 0, errors: 0, errorRate: null, p50Ms: null, p90Ms: null, p99Ms: null, tokensPerRequest: null, totalTokens: 0, costUsd: 0, cumulativeTokens: 0, cumulativeCostUsd: 0 };

  it("cumulative cost is a line from 0 like the cumulative tokens: empty buckets count as 0", () => {
    // Bursty traffic: requests in the last bucket only.
    const rows = chartRows(
      [
        point("2026-12-01T08:00:00.000Z", idle),
        point("2026-12-01T09:00:00.000Z", idle),
        point("2026-12-01T10:00:00.000Z", { costUsd: 0.5, cumulativeCostUsd: 0.5, cumulativeTokens: 150 }),
      ],
      3600,
    );
    expect(rows.map((r) => r[SERIES.cumulativeCost])).toEqual([0, 0, 0.5]);
    expect(rows.map((r) => r[SERIES.cumulativeTokens])).toEqual([0, 0, 150]);
    // The per-bucket cost of an empty bucket stays as the query reports it.
    expect(rows[0][SERIES.cost]).toBe(0);
  });

  it("buckets with only unpriced requests add 0 (unknown cost is left out, never a gap)", () => {
    const rows = chartRows(
      [
        point("2026-12-01T08:00:00.000Z", idle),
        point("2026-12-01T09:00:00.000Z", { costUsd: null, unknownCostRequests: 10, cumulativeCostUsd: 0 }),
        point("2026-12-01T10:00:00.000Z", { costUsd: 0.5, cumulativeCostUsd: 0.5 }),
        point("2026-12-01T11:00:00.000Z", { ...idle, cumulativeCostUsd: 0.5 }),
        point("2026-12-01T12:00:00.000Z", { costUsd: null, unknownCostRequests: 10, cumulativeCostUsd: 0.5 }),
      ],
      3600,
    );
    expect(rows.map((r) => r[SERIES.cumulativeCost])).toEqual([0, 0, 0.5, 0.5, 0.5]);
    expect(rows[1][SERIES.cost]).toBeNull();
  });

  it("cumulative cost is unknown throughout when no request of the range has a price (no $0 line)", () => {
    const unpriced = chartRows(
      [point("2026-12-01T08:00:00.000Z", idle), point("2026-12-01T09:00:00.000Z", { costUsd: null, unknownCostRequests: 10, cumulativeCostUsd: 0 })],
      3600,
    );
    expect(unpriced.map((r) => r[SERIES.cumulativeCost])).toEqual([null, null]);
    const empty = chartRows([point("2026-12-01T08:00:00.000Z", idle), point("2026-12-01T09:00:00.000Z", idle)], 3600);
    expect(empty.map((r) => r[SERIES.cumulativeCost])).toEqual([null, null]);
  });

  it("a series with values in fewer than half of the buckets is sparse (drawn as bars)", () => {
    const empty = { requests: 0, errors: 0, errorRate: null, p50Ms: null, p90Ms: null, p99Ms: null };
    const times = Array.from({ length: 6 }, (_, i) => `2026-12-01T0${i}:00:00.000Z`);
    const burst = chartRows(times.map((t, i) => point(t, i === 5 ? {} : empty)), 3600);
    expect(isSparse(burst, [SERIES.p50, SERIES.p99])).toBe(true);
    const steady = chartRows(times.map((t, i) => point(t, i === 0 ? empty : {})), 3600);
    expect(isSparse(steady, [SERIES.p50, SERIES.p99])).toBe(false);
  });
});

describe("empty dashboard", () => {
  it("the cost tile never says every request is priced when there is none", () => {
    expect(costHint({ requests: 0, costUsd: 0, unknownCostRequests: 0 })).toBe("No requests");
    expect(costHint({ requests: 3, costUsd: 0.01, unknownCostRequests: 0 })).toBe("All requests priced");
    expect(costHint({ requests: 3, costUsd: null, unknownCostRequests: 3 })).toBe("No request had a price");
    expect(costHint({ requests: 3, costUsd: 0.01, unknownCostRequests: 1 })).toBe("+ 1 requests without a price");
  });

  it("Clear filters keeps the time range unless it is the only filter", () => {
    expect(clearFiltersHref({ range: "1h", model: "nothing-here" })).toBe("/?range=1h");
    expect(clearFiltersHref({ from: "2026-12-01T00:00:00Z", team: "x" })).toBe("/?from=2026-12-01T00%3A00%3A00Z");
    expect(clearFiltersHref({ from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z" })).toBe("/");
    expect(clearFiltersHref({ endpoint: "chat" })).toBe("/");
  });
});
