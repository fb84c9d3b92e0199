// Pure helpers of the console's new-run form: which judge endpoint it suggests, and whether the
// judges chosen need one (the form reports a missing one on its own field). No I/O.

import type { RunView } from "./view-schemas";

/** The judge endpoint of the newest run (runs newest first) whose built-in judges ran on one of
 * `endpoints` (the chat endpoints there are now): the form's default, named with its run. Custom
 * judges may name their own endpoint, so only built-in judges tell what a run chose. */
export function previousJudgeEndpoint(
  runs: Array<Pick<RunView, "name" | "judges">>,
  endpoints: string[],
): { endpoint: string; runName: string } | null {
  for (const run of runs) {
    const judge = run.judges.find((j) => j.kind === "llm" && j.source === "builtin" && j.endpoint && endpoints.includes(j.endpoint));
    if (judge?.endpoint) return { endpoint: judge.endpoint, runName: run.name };
  }
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether the judges posted by the form (judge references, as judgeRefsSchema reads them) need
 * the run's judge endpoint: a built-in judge, or a custom judge that names no endpoint of its own,
 * without an `endpoint` on the reference. Code scorers need none. Anything that is not a judge
 * reference is left to the schema. */
export function needsJudgeEndpoint(refs: unknown, customJudges: Array<{ id: string; name: string; endpoint: string | null }>): boolean {
  if (!Array.isArray(refs)) return false;
  return refs.some((ref) => {
    if (!isObject(ref) || (typeof ref.endpoint === "string" && ref.endpoint !== "")) return false;
    if (ref.type === "builtin") return true;
    if (ref.type !== "custom") return false;
    const judge = customJudges.find((j) => j.id === ref.judgeId || j.name === ref.judgeId);
    return judge !== undefined && !judge.endpoint;
  });
}
