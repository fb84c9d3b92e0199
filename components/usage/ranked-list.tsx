// A "top N by cost" list (models, endpoints, teams): a bar proportional to the cost, the cost
// ("unknown" when no request had a price, never $0), the request count, and a link to the trace
// explorer filtered to the row. A row the explorer cannot filter on ("(no team)") has no link: its
// tooltip says why.

import Link from "next/link";
import { formatCount, formatUsd } from "@/lib/usage/display";

export interface RankedRow {
  key: string;
  label: string;
  sublabel?: string;
  /** The explorer filtered to the row; null: no filter selects it (`title` then says why). */
  href: string | null;
  /** Tooltip of a row without a link. */
  title?: string;
  costUsd: number | null;
  requests: number;
  unknownCostRequests: number;
}

export function RankedList({ id, rows, empty }: { id: string; rows: RankedRow[]; empty: string }) {
  if (!rows.length) return <p className="py-6 text-center text-tremor-content">{empty}</p>;
  const max = Math.max(...rows.map((r) => r.costUsd ?? 0));
  return (
    <ul data-chart={id} className="space-y-2">
      {rows.map((r) => {
        const width = max > 0 && r.costUsd ? Math.max(2, (r.costUsd / max) * 100) : 0;
        return (
          <li key={r.key}>
            {r.href ? (
              <Link href={r.href} className="group block rounded-tremor-small" title={`Traces of ${r.label}`}>
                <RowBody row={r} width={width} />
              </Link>
            ) : (
              <div className="block cursor-help rounded-tremor-small" title={r.title} data-no-link>
                <RowBody row={r} width={width} />
                {r.title ? <span className="sr-only">{r.title}</span> : null}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function RowBody({ row: r, width }: { row: RankedRow; width: number }) {
  return (
    <>
      <div className="flex items-baseline justify-between gap-3 text-tremor-default">
        <span className={`truncate font-medium ${r.href ? "text-tremor-content-emphasis group-hover:text-tremor-brand" : "text-tremor-content"}`}>
          {r.label}
          {r.sublabel ? <span className="ml-1.5 font-normal text-tremor-content">{r.sublabel}</span> : null}
        </span>
        <span className="shrink-0 tabular-nums text-tremor-content">
          <span className={r.costUsd === null ? "italic" : "font-medium text-tremor-content-strong"}>{formatUsd(r.costUsd)}</span>
          {" · "}
          {formatCount(r.requests)} req
          {r.costUsd !== null && r.unknownCostRequests > 0 ? ` (${formatCount(r.unknownCostRequests)} unpriced)` : ""}
        </span>
      </div>
      <div className="mt-1 h-1.5 rounded-full bg-tremor-background-subtle">
        <div className={`h-1.5 rounded-full ${r.href ? "bg-indigo-500 group-hover:bg-indigo-600" : "bg-indigo-300"}`} style={{ width: `${width}%` }} />
      </div>
    </>
  );
}
