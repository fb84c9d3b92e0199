// The numbers at the top of the dashboard for the selected range.

import type { UsageTotals } from "@/lib/usage/aggregate";
import { costHint, formatCount, formatMs, formatPercent, formatUsd } from "@/lib/usage/display";

function Kpi({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: "bad" | "muted" }) {
  return (
    <div className="rounded-tremor-default border border-tremor-border bg-white px-4 py-3 shadow-tremor-card" data-kpi={label}>
      <p className="text-tremor-label font-medium uppercase tracking-wide text-tremor-content">{label}</p>
      <p
        className={`mt-1 break-words text-2xl font-semibold tabular-nums ${
          tone === "bad" ? "text-rose-600" : tone === "muted" ? "italic text-tremor-content" : "text-tremor-content-strong"
        }`}
        data-kpi-value
      >
        {value}
      </p>
      {hint ? <p className="mt-0.5 text-tremor-label text-tremor-content">{hint}</p> : null}
    </div>
  );
}

export function KpiCards({ totals }: { totals: UsageTotals }) {
  const t = totals;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      <Kpi label="Requests" value={formatCount(t.requests)} hint={`${formatCount(t.errors)} failed`} />
      <Kpi label="Error rate" value={formatPercent(t.errorRate)} tone={t.errorRate && t.errorRate >= 0.05 ? "bad" : undefined} />
      <Kpi label="p50 latency" value={formatMs(t.p50Ms)} hint={t.avgTtftMs !== null ? `TTFT avg ${formatMs(t.avgTtftMs)}` : undefined} />
      <Kpi label="p99 latency" value={formatMs(t.p99Ms)} hint={t.p90Ms !== null ? `p90 ${formatMs(t.p90Ms)}` : undefined} />
      <Kpi
        label="Tokens"
        value={formatCount(t.totalTokens)}
        hint={`${formatCount(t.inputTokens)} in · ${formatCount(t.outputTokens)} out${t.cacheReadTokens ? ` · ${formatCount(t.cacheReadTokens)} cached` : ""}`}
      />
      <Kpi label="Cost" value={formatUsd(t.costUsd)} hint={costHint(t)} tone={t.costUsd === null ? "muted" : undefined} />
    </div>
  );
}
