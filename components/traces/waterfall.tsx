// The upstream attempts of a trace as a waterfall: one bar per attempt, placed by its start and end
// relative to the start of the trace (a fallback chain shows its attempts one after the other).

import { Badge } from "@/components/badge";
import { providerName } from "@/components/provider-names";
import type { SpanView } from "@/lib/tracing/queries";
import { formatMs, formatMsTick } from "@/lib/usage/display";

const BAR: Record<SpanView["status"], string> = {
  ok: "bg-emerald-500",
  error: "bg-rose-500",
  timeout: "bg-amber-500",
  cancelled: "bg-gray-400",
};

export function Waterfall({ startedAt, latencyMs, spans }: { startedAt: Date; latencyMs: number; spans: SpanView[] }) {
  if (!spans.length) return <p className="text-tremor-content">No upstream attempt was made (the request failed before routing).</p>;
  const t0 = new Date(startedAt).getTime();
  const total = Math.max(latencyMs, ...spans.map((s) => new Date(s.endedAt).getTime() - t0), 1);
  return (
    <div className="space-y-2" data-waterfall>
      <div className="flex justify-between pl-[13.5rem] text-tremor-label text-tremor-content-subtle" data-testid="waterfall-axis">
        <span>0 ms</span>
        <span>{formatMsTick(total / 2)}</span>
        <span>{formatMsTick(total)}</span>
      </div>
      {spans.map((s) => {
        const start = Math.max(0, new Date(s.startedAt).getTime() - t0);
        const end = Math.max(start, new Date(s.endedAt).getTime() - t0);
        const left = (start / total) * 100;
        const width = Math.max(0.5, ((end - start) / total) * 100);
        return (
          <div key={s.attempt} className="flex items-center gap-3" data-span={s.attempt}>
            <div className="w-[12.75rem] shrink-0 text-tremor-default">
              <p className="truncate font-medium text-tremor-content-strong" title={s.model}>
                #{s.attempt + 1} {s.model}
              </p>
              <p className="text-tremor-label text-tremor-content">
                {providerName(s.provider)} · {s.httpStatus ?? "no response"}
              </p>
            </div>
            <div className="relative h-6 flex-1 rounded-tremor-small bg-tremor-background-subtle">
              <div
                className={`absolute top-1 h-4 rounded-tremor-small ${BAR[s.status] ?? "bg-gray-400"}`}
                style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
                title={`${formatMs(start)} → ${formatMs(end)}`}
              />
            </div>
            <div className="w-40 shrink-0 text-right text-tremor-label">
              <span className="tabular-nums text-tremor-content-emphasis">{formatMs(s.latencyMs)}</span>{" "}
              <Badge tone={s.status === "ok" ? "green" : s.status === "timeout" ? "amber" : s.status === "cancelled" ? "gray" : "red"}>{s.status}</Badge>
            </div>
          </div>
        );
      })}
      {spans.some((s) => s.error) ? (
        <ul className="mt-2 space-y-1 text-tremor-label text-red-700">
          {spans
            .filter((s) => s.error)
            .map((s) => (
              <li key={s.attempt} className="break-words">
                #{s.attempt + 1}: {s.error}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}
