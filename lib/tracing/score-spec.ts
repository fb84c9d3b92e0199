// The trace list's `score=<judge>:<verdict>` filter, pure half (also used by the explorer's filter
// control in the browser): parsing a spec and testing it against what the list shows per trace,
// the latest verdict of each judge. Judge names and labels compare case-insensitively; a number
// matches a numeric score as the list rounds it (2 decimals); `error` matches a judge error.

/** What a verdict is tested on (TraceScoreSummary's fields). */
export interface VerdictLike {
  judgeName: string;
  value: number | null;
  label: string | null;
  error: string | null;
}

export interface ScoreSpec {
  judge: string;
  verdict: string;
}

/** `Judge:label` → parts. The judge name may itself contain ':' (the verdict is after the last). */
export function parseScoreSpec(spec: string): ScoreSpec {
  const at = spec.lastIndexOf(":");
  if (at < 0) return { judge: spec.trim(), verdict: "" };
  return { judge: spec.slice(0, at).trim(), verdict: spec.slice(at + 1).trim() };
}

export function formatScoreSpec(spec: ScoreSpec): string {
  return `${spec.judge}:${spec.verdict}`;
}

export const foldCase = (s: string): string => s.toLowerCase();

/** The verdict as a number (a numeric judge's score), or null. */
export function verdictNumber(verdict: string): number | null {
  if (verdict.trim() === "") return null;
  const n = Number(verdict);
  return Number.isFinite(n) ? n : null;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Whether one verdict is what `spec` asks for (the judge name compared too). */
function verdictMatches(s: VerdictLike, spec: ScoreSpec): boolean {
  if (foldCase(s.judgeName) !== foldCase(spec.judge)) return false;
  const want = foldCase(spec.verdict);
  if (s.error !== null) return want === "error";
  if (s.label !== null) return foldCase(s.label) === want;
  const n = verdictNumber(spec.verdict);
  return s.value !== null && n !== null && round2(s.value) === n;
}

/** Whether a trace's latest verdicts (one per judge) satisfy every spec. */
export function latestVerdictsMatch(latest: VerdictLike[], specs: ScoreSpec[]): boolean {
  return specs.every((spec) => latest.some((s) => verdictMatches(s, spec)));
}
