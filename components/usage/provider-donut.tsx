"use client";

// Cost by provider as a donut; a click on a slice opens the trace explorer on that provider.
// Providers whose cost is entirely unknown have no slice: they are listed below it as "unknown".
// "(no provider)" (requests rejected before a provider was picked) has no link: the explorer has no
// filter for it.

import { DonutChart, type EventProps } from "@tremor/react";
import { useRouter } from "next/navigation";
import { providerName } from "@/components/provider-names";
import { breakdownHref, formatCount, formatUsd, noLinkReason } from "@/lib/usage/display";
import type { ProviderUsage } from "@/lib/usage/queries";

/** Requests rejected before a provider was chosen (bad input, unknown endpoint) have none. */
const providerLabel = (provider: string) => (provider ? providerName(provider) : "(no provider)");

const COLORS = ["indigo", "emerald", "amber", "rose", "cyan", "violet", "lime", "fuchsia"];

export function ProviderDonut({ rows, base }: { rows: ProviderUsage[]; base: string }) {
  const router = useRouter();
  const priced = rows.filter((r) => r.costUsd !== null && r.costUsd > 0).map((r) => ({ provider: r.provider, name: providerName(r.provider), cost: r.costUsd }));
  const unknown = rows.filter((r) => r.costUsd === null);
  const onClick = (value: EventProps) => {
    const href = value && typeof value.provider === "string" ? breakdownHref(base, { provider: value.provider }) : null;
    if (href) router.push(href);
  };
  return (
    <div data-chart="cost-by-provider">
      {priced.length ? (
        <DonutChart data={priced} index="name" category="cost" colors={COLORS} valueFormatter={(v) => formatUsd(v)} onValueChange={onClick} className="h-48" showAnimation={false} />
      ) : (
        <p className="py-8 text-center text-tremor-content">No priced requests in this range.</p>
      )}
      <ul className="mt-4 space-y-1 text-tremor-default">
        {rows.map((r) => {
          const href = breakdownHref(base, { provider: r.provider });
          return (
            <li key={r.provider} className="flex justify-between gap-3">
              {href ? (
                <a href={href} className="text-tremor-content-emphasis hover:text-tremor-brand hover:underline">
                  {providerLabel(r.provider)}
                </a>
              ) : (
                <span className="cursor-help text-tremor-content" title={noLinkReason({ provider: r.provider })} data-no-link>
                  {providerLabel(r.provider)}
                  <span className="sr-only"> ({noLinkReason({ provider: r.provider })})</span>
                </span>
              )}
              <span className="tabular-nums text-tremor-content">
                {formatUsd(r.costUsd)} · {formatCount(r.requests)} req
                {r.costUsd !== null && r.unknownCostRequests > 0 ? ` (${formatCount(r.unknownCostRequests)} unpriced)` : ""}
              </span>
            </li>
          );
        })}
      </ul>
      {unknown.length ? <p className="mt-2 text-tremor-label text-tremor-content">Cost unknown (no price): {unknown.map((r) => providerLabel(r.provider)).join(", ")}</p> : null}
    </div>
  );
}
