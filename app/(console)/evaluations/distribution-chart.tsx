"use client";

import { BarChart, type CustomTooltipProps } from "@tremor/react";
import { verdictColor } from "@/lib/eval/console-input";

function Tooltip({ active, payload, label }: CustomTooltipProps) {
  const count = payload?.find((p) => typeof p.value === "number")?.value;
  if (!active || count === undefined) return null;
  return (
    <div className="rounded-tremor-default border border-tremor-border bg-white px-3 py-2 text-tremor-default shadow-tremor-dropdown">
      <span className="font-medium text-tremor-content-strong">{String(label)}</span>
      <span className="ml-2 tabular-nums text-tremor-content-emphasis">
        {count} item{count === 1 ? "" : "s"}
      </span>
    </div>
  );
}

/** Count per label / score of one judge's verdicts, and its errors. Each bar is coloured by what it
 * means (pass green, fail rose, error amber; scores violet, categories indigo): one series per
 * colour, stacked so that each bar, which has a value in one series only, stays centred. */
export function DistributionChart({ data, errors = 0, outputType }: { data: Array<{ label: string; count: number }>; errors?: number; outputType: string }) {
  // Pass before fail whatever their counts (the order the API gives is by count), errors last.
  const rank = (label: string) => (outputType === "pass_fail" ? ["pass", "fail"].indexOf(label) + 1 || 3 : 0);
  const verdicts = [...data].sort((x, y) => rank(x.label) - rank(y.label));
  const bars = [
    ...verdicts.map((d) => ({ label: d.label, count: d.count, color: verdictColor(d.label, outputType) })),
    ...(errors > 0 ? [{ label: "error", count: errors, color: "amber" as const }] : []),
  ];
  const colors = [...new Set(bars.map((b) => b.color))];
  return (
    <BarChart
      // Tall enough for the y axis's five ticks (0, 1, 2, 3, 4 / 0, 2, 4, 6, 8…): in less height
      // recharts drops a label in the middle and the axis reads 0, 1, 2, 4.
      className="h-48"
      data={bars.map((b) => ({ verdict: b.label, [b.color]: b.count }))}
      index="verdict"
      categories={colors}
      colors={colors}
      stack
      allowDecimals={false}
      showLegend={false}
      showAnimation={false}
      customTooltip={Tooltip}
      yAxisWidth={32}
    />
  );
}
