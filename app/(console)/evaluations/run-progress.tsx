"use client";

// A run's progress bar. While the run is queued or running the page re-renders from the server
// every second (router.refresh keeps client state); it stops once the run has finished.

import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function RunProgress({ status, done, total, errors }: { status: string; done: number; total: number; errors: number }) {
  const router = useRouter();
  const live = status === "queued" || status === "running";
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [live, router]);
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const errPct = total > 0 ? Math.min(pct, Math.round((errors / total) * 100)) : 0;
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between text-tremor-default">
        <span data-testid="run-progress-text" className="font-medium text-tremor-content-strong">
          {done} / {total} done{errors ? ` · ${errors} with errors` : ""}
        </span>
        <span className="tabular-nums text-tremor-content">
          {pct}%{live ? " · updating" : ""}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        data-status={status}
        className="flex h-2.5 overflow-hidden rounded-full bg-tremor-background-subtle"
      >
        <div className={`h-full transition-all ${live ? "bg-tremor-brand" : status === "completed" ? "bg-emerald-500" : "bg-gray-400"}`} style={{ width: `${pct - errPct}%` }} />
        <div className="h-full bg-amber-400 transition-all" style={{ width: `${errPct}%` }} />
      </div>
    </div>
  );
}
