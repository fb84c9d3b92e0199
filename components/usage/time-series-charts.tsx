"use client";

// The dashboard's charts over time (Tremor). The data is fetched and shaped on the server
// (lib/usage/display.ts) and passed in as props; a click on a bar or a point opens the trace
// explorer on that bucket (and, for failures or a latency percentile, on that slice).

import { AreaChart, BarChart, LineChart, type EventProps } from "@tremor/react";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Card } from "@/components/card";
import { bucketPatch, explorerHref, formatCount, formatMs, formatUsd, isSparse, SERIES, type ChartRow } from "@/lib/usage/display";

function ChartCard({ id, title, hint, children, wide = false }: { id: string; title: string; hint?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <Card className={`p-4 ${wide ? "lg:col-span-2" : ""}`}>
      <div className="flex items-baseline justify-between gap-3">
        <h3 className="font-semibold text-tremor-content-strong">{title}</h3>
        {hint ? <p className="text-tremor-label text-tremor-content">{hint}</p> : null}
      </div>
      <div data-chart={id} className="mt-2">
        {children}
      </div>
    </Card>
  );
}

const percent = (v: number) => `${v}%`;
const usd = (v: number) => formatUsd(v);
const count = (v: number) => formatCount(v);
const ms = (v: number) => formatMs(v);

export function TimeSeriesCharts({ rows, base, unknownCostRequests }: { rows: ChartRow[]; base: string; unknownCostRequests: number }) {
  const router = useRouter();
  const onClick = (value: EventProps) => {
    // null: a click that deselects; "category": a legend click (no bucket).
    if (!value || value.eventType === "category") return;
    const from = value.from;
    const to = value.to;
    if (typeof from !== "string" || typeof to !== "string") return;
    router.push(explorerHref(base, bucketPatch({ from, to }, value.categoryClicked, value[value.categoryClicked])));
  };
  // tickGap: x-axis labels ("3 Dec 14:00" on the 7-day range) keep a clear gap; the axis shows
  // fewer of them rather than letting two touch.
  const common = { data: rows, index: "label", onValueChange: onClick, className: "h-56", showAnimation: false, yAxisWidth: 64, tickGap: 28 } as const;
  // A line needs neighbours: bursty traffic (a few buckets with values) is drawn as bars.
  const trend = (categories: string[], colors: string[], valueFormatter: (v: number) => string, yAxisWidth = 64) =>
    isSparse(rows, categories) ? (
      <BarChart {...common} categories={categories} colors={colors} valueFormatter={valueFormatter} yAxisWidth={yAxisWidth} />
    ) : (
      <LineChart {...common} categories={categories} colors={colors} valueFormatter={valueFormatter} yAxisWidth={yAxisWidth} />
    );
  // Every request in the range is unpriced: no cost chart at all rather than a flat "$0".
  const costUnknown = unknownCostRequests > 0 && rows.every((r) => r[SERIES.cumulativeCost] === null);
  const costHint = unknownCostRequests > 0 ? `${formatCount(unknownCostRequests)} requests without a price are not included` : undefined;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard id="requests" title="Requests" hint="Click a bar or a point to open its traces" wide>
        <BarChart {...common} categories={[SERIES.ok, SERIES.errors]} colors={["indigo", "rose"]} stack valueFormatter={count} allowDecimals={false} />
      </ChartCard>
      <ChartCard id="error-rate" title="Error rate">
        {trend([SERIES.errorRate], ["rose"], percent)}
      </ChartCard>
      <ChartCard id="latency" title="Latency" hint="p50 / p90 / p99">
        {trend([SERIES.p50, SERIES.p90, SERIES.p99], ["emerald", "amber", "rose"], ms)}
      </ChartCard>
      <ChartCard id="tokens-per-request" title="Tokens per request">
        {trend([SERIES.tokensPerRequest], ["violet"], count)}
      </ChartCard>
      <ChartCard id="cumulative-tokens" title="Cumulative tokens">
        <AreaChart {...common} categories={[SERIES.cumulativeTokens]} colors={["cyan"]} valueFormatter={count} />
      </ChartCard>
      {costUnknown ? (
        <ChartCard id="cost" title="Cost" wide>
          <p className="py-6 text-center italic text-tremor-content">
            Unknown: none of these {formatCount(unknownCostRequests)} requests has a price. Add one on the Prices page.
          </p>
        </ChartCard>
      ) : (
        <>
          <ChartCard id="cost" title="Cost" hint={costHint}>
            <BarChart {...common} categories={[SERIES.cost]} colors={["emerald"]} valueFormatter={usd} yAxisWidth={84} />
          </ChartCard>
          <ChartCard id="cumulative-cost" title="Cumulative cost" hint={costHint}>
            <AreaChart {...common} categories={[SERIES.cumulativeCost]} colors={["teal"]} valueFormatter={usd} yAxisWidth={84} />
          </ChartCard>
        </>
      )}
    </div>
  );
}
