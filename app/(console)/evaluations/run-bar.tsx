// A run's progress bar: items judged (brand while the run goes on, green once completed, gray when
// cancelled or failed) and, in amber after them, items with errors. The runs list and the run page
// draw the same bar (lib/eval/console-input.ts progressParts).

import type { HTMLAttributes } from "react";
import { progressParts } from "@/lib/eval/console-input";

const TONES = { brand: "bg-tremor-brand", green: "bg-emerald-500", gray: "bg-gray-400" } as const;

export function RunBar({
  status,
  done,
  total,
  errors,
  className = "h-2.5",
  ...rest
}: { status: string; done: number; total: number; errors: number; className?: string } & HTMLAttributes<HTMLDivElement>) {
  const parts = progressParts({ status, done, total, errors });
  return (
    <div data-status={status} className={`flex overflow-hidden rounded-full bg-tremor-background-subtle ${className}`} {...rest}>
      <div className={`h-full transition-all ${TONES[parts.tone]}`} style={{ width: `${parts.okPct}%` }} />
      <div data-testid="run-bar-errors" className="h-full bg-amber-400 transition-all" style={{ width: `${parts.errorPct}%` }} />
    </div>
  );
}
