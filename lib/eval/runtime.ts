// The process-wide evaluation runtime: the run executor (./runner.ts) and the online rule scorer
// (./online.ts, fed by the trace writer's "traces written" listener). The production server starts
// it (lib/server/main.ts); under `next dev` the eval services start it lazily on first use. Kept on
// globalThis: Next may load these modules once per route bundle. Stopped by a shutdown hook.
// GATEHOUSE_EVAL_AUTOSTART=0 turns the lazy start off (tests start it themselves).

import { registerShutdownHook } from "../server/shutdown";
import { onTracesWritten, setWrittenInterest } from "../tracing/listeners";
import { OnlineEvaluator, type OnlineOptions } from "./online";
import { EvalRunner, type EvalRunnerOptions } from "./runner";

export interface EvaluationRuntime {
  runner: EvalRunner;
  online: OnlineEvaluator;
}

interface Holder {
  runtime: EvaluationRuntime;
  unlisten: () => void;
}

const KEY = Symbol.for("gatehouse.eval.runtime");
type Global = { [KEY]?: Holder };

function current(): Holder | undefined {
  return (globalThis as Global)[KEY];
}

/** How long the shutdown hook waits for in-flight judge calls to be aborted and released. */
const SHUTDOWN_MS = 8_000;

/** Starts the runner (resuming interrupted runs) and the online listener; once per process. */
export function startEvaluation(options: { runner?: EvalRunnerOptions; online?: OnlineOptions } = {}): EvaluationRuntime {
  const existing = current();
  if (existing) return existing.runtime;
  const runtime: EvaluationRuntime = { runner: new EvalRunner(options.runner), online: new OnlineEvaluator(options.online) };
  const unlisten = onTracesWritten("eval-online", (traces) => runtime.online.onTraces(traces));
  // All traces until the rules are loaded, then only those of endpoints with rules.
  runtime.online.watchRules((interest) => setWrittenInterest("eval-online", interest));
  (globalThis as Global)[KEY] = { runtime, unlisten };
  registerShutdownHook("evaluation", () => stopEvaluation(SHUTDOWN_MS));
  void runtime.runner.start();
  return runtime;
}

/** Stops claiming items, aborts in-flight judge calls (their items go back to pending) and
 * unregisters the listener. A no-op when not started. */
export async function stopEvaluation(timeoutMs = 10_000): Promise<void> {
  const holder = current();
  if (!holder) return;
  delete (globalThis as Global)[KEY];
  holder.unlisten();
  await Promise.all([holder.runtime.runner.stop(timeoutMs), holder.runtime.online.stop(timeoutMs)]);
}

export function evaluationRuntime(): EvaluationRuntime | null {
  return current()?.runtime ?? null;
}

/** Lazy start for `next dev` and route handlers outside the production server. */
export function ensureEvaluation(): void {
  if (current() || process.env.GATEHOUSE_EVAL_AUTOSTART === "0") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return; // never inside `next build`
  startEvaluation();
}

export function wakeEvalRunner(): void {
  current()?.runtime.runner.wake();
}

export async function abortEvalRun(runId: string): Promise<void> {
  await current()?.runtime.runner.abortRun(runId);
}

export function invalidateOnlineRules(): void {
  current()?.runtime.online.invalidateRules();
}
