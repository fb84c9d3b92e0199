"use client";

import { BarChart } from "@tremor/react";

/** Count per label / score of one judge's verdicts. */
export function DistributionChart({ data, outputType }: { data: Array<{ label: string; count: number }>; outputType: string }) {
  const color = outputType === "numeric" ? "violet" : outputType === "categorical" ? "amber" : "emerald";
  return (
    <BarChart
      className="h-36"
      data={data.map((d) => ({ verdict: d.label, Items: d.count }))}
      index="verdict"
      categories={["Items"]}
      colors={[color]}
      allowDecimals={false}
      showLegend={false}
      showAnimation={false}
      yAxisWidth={32}
    />
  );
}
