import { Badge } from "@/components/badge";
import { verdictLabel, verdictTone } from "@/lib/eval/console-input";
import type { TraceScoreSummary } from "@/lib/tracing/queries";

/** The latest verdict of each judge on a trace, as small "judge: verdict" badges. */
export function ScoreBadges({ scores }: { scores: TraceScoreSummary[] | undefined }) {
  if (!scores?.length) return <span className="text-tremor-content-subtle">—</span>;
  return (
    <span className="flex flex-col items-start gap-0.5 whitespace-nowrap" data-testid="trace-scores">
      {scores.map((s) => (
        <Badge key={s.judgeName} tone={verdictTone(s)}>
          {s.judgeName}: {verdictLabel(s)}
        </Badge>
      ))}
    </span>
  );
}
