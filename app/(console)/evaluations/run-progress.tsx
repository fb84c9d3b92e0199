"use client";

// A run's progress bar. While the run is queued or running the page re-renders from the server
// every second (router.refresh keeps client state); it stops once the run has finished.

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { progressParts } from "@/lib/eval/console-input";
import { RunBar } from "./run-bar";

export function RunProgress({ status, done, total, errors }: { status: string; done: number; total: number; errors: number }) {
  const router = useRouter();
  const live = status === "queued" || status === "running";
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [live, router]);
  const { pct } = progressParts({ status, done, total, errors });
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between text-tremor-default">
        <span data-testid="run-progress-text" className="font-medium text-tremor-content-strong">
          {done} / {total} done
          {errors ? <span className="text-amber-700"> · {errors} with errors</span> : null}
        </span>
        <span className="tabular-nums text-tremor-content">
          {pct}%{live ? " · updating" : ""}
        </span>
      </div>
      <RunBar
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        status={status}
        done={done}
        total={total}
        errors={errors}
      />
    </div>
  );
}
