import Link from "next/link";
import { Badge } from "@/components/badge";
import { verdictLabel, verdictTone } from "@/lib/eval/console-input";
import type { TraceScoreSummary } from "@/lib/tracing/queries";

/** The latest verdict of each judge on a trace, as small "judge: verdict" badges; each links to
 * the explorer filtered on that verdict (`score=<judge>:<label>`). */
export function ScoreBadges({ scores, hrefFor }: { scores: TraceScoreSummary[] | undefined; hrefFor?: (score: string) => string }) {
  if (!scores?.length) return <span className="text-tremor-content-subtle">—</span>;
  return (
    <span className="flex flex-col items-start gap-0.5 whitespace-nowrap" data-testid="trace-scores">
      {scores.map((s) => (
        <Link key={s.judgeName} href={(hrefFor ?? defaultHref)(`${s.judgeName}:${verdictLabel(s)}`)} title="Show traces with this verdict">
          <Badge tone={verdictTone(s)}>
            {s.judgeName}: {verdictLabel(s)}
          </Badge>
        </Link>
      ))}
    </span>
  );
}

function defaultHref(score: string): string {
  return `/traces?${new URLSearchParams({ score })}`;
}
