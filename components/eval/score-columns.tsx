import Link from "next/link";
import { Badge } from "@/components/badge";
import type { TraceColumn } from "@/components/traces/trace-table";
import { verdictLabel, verdictTone } from "@/lib/eval/console-input";
import type { TraceListItem } from "@/lib/tracing/queries";

/** The trace explorer's evaluation columns: one per judge that scored a trace on the page (sorted
 * ignoring case), each cell the judge's latest verdict on the trace as a badge linking to the
 * explorer filtered on that verdict (`score=<judge>:<verdict>`). */
export function scoreColumns(traces: TraceListItem[], hrefFor: (score: string) => string): TraceColumn[] {
  const judges = [...new Set(traces.flatMap((t) => t.scores?.map((s) => s.judgeName) ?? []))];
  judges.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b));
  return judges.map((judge) => ({
    key: `score:${judge}`,
    header: (
      <span data-testid="score-column" title={`Latest verdict of the judge ${judge}`}>
        {judge}
      </span>
    ),
    cell: (t) => {
      const s = t.scores?.find((x) => x.judgeName === judge);
      if (!s) return <span className="text-tremor-content-subtle">—</span>;
      const verdict = verdictLabel(s);
      return (
        <Link href={hrefFor(`${judge}:${verdict}`)} title={`Show traces where ${judge} is ${verdict}`} data-testid="score-cell" data-judge={judge}>
          <Badge tone={verdictTone(s)}>{verdict}</Badge>
        </Link>
      );
    },
  }));
}
