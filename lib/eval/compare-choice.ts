// Pure helpers of the console's run comparison: which runs ran over the same items (their source),
// the two runs the compare form picks by default, and what the compare page says when there is
// nothing to compare item by item. No I/O.

import type { RunComparison, RunView } from "./view-schemas";

export type RunSource = RunView["source"];

/** Runs over the same source share this key: the same dataset, or the same trace filter (its
 * fields in any order; the sample size aside, as samples of one filter still overlap). */
export function sourceKey(source: RunSource): string {
  if (source.type === "dataset") return `dataset:${source.datasetId}`;
  const fields = Object.entries(source.filter)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `traces:${JSON.stringify(fields)}`;
}

/** A run's source in a few words: "dataset golden", "endpoint prod-chat · 24h · sample 50". */
export function sourceText(source: RunSource): string {
  if (source.type === "dataset") return `dataset ${source.datasetName ?? "(deleted)"}`;
  const f = source.filter;
  const parts = [f.endpoint ? `endpoint ${f.endpoint}` : "traces", f.range ?? null, f.q ? `“${f.q}”` : null, source.sampleSize ? `sample ${source.sampleSize}` : null];
  return parts.filter(Boolean).join(" · ");
}

export interface CompareChoice {
  id: string;
  name: string;
  createdAt: string;
  /** Judged at least one item (a run cancelled before any verdict makes a poor default). */
  judged: boolean;
  /** sourceKey() of the run: runs with the same key ran over the same items. */
  source: string;
  /** sourceText() of the run, shown next to its name. */
  sourceLabel: string;
}

/** A run as the compare form lists it; `createdAt` as the page formats dates. */
export function compareChoiceOf(run: Pick<RunView, "id" | "name" | "done" | "errors" | "source">, createdAt: string): CompareChoice {
  return { id: run.id, name: run.name, createdAt, judged: run.done > run.errors, source: sourceKey(run.source), sourceLabel: sourceText(run.source) };
}

/** The runs (newest first) `compare-form` chooses when the URL names none or one of them:
 *  - neither: the newest judged run (candidate, B) that has an older judged run over the same
 *    source (baseline, A), e.g. the re-run of a dataset against its previous run;
 *  - one: the other is a judged run over the same source (for B given, preferably an older one);
 *  - no such pair: the two newest judged runs, the two newest runs when fewer were judged. */
export function defaultPair(runs: CompareChoice[], a?: string, b?: string): { a?: string; b?: string } {
  if (a && b) return { a, b };
  const judged = runs.filter((r) => r.judged);
  const pool = judged.length >= 2 ? judged : runs;
  if (b) {
    const at = runs.findIndex((r) => r.id === b);
    const fixed = runs[at];
    const same = fixed ? judged.filter((r) => r.id !== b && r.source === fixed.source) : [];
    const older = same.find((r) => runs.indexOf(r) > at);
    return { a: (older ?? same[0] ?? pool.find((r) => r.id !== b))?.id, b };
  }
  if (a) {
    const fixed = runs.find((r) => r.id === a);
    const same = fixed ? judged.find((r) => r.id !== a && r.source === fixed.source) : undefined;
    return { a, b: (same ?? pool.find((r) => r.id !== a))?.id };
  }
  for (const [i, candidate] of judged.entries()) {
    const baseline = judged.slice(i + 1).find((r) => r.source === candidate.source);
    if (baseline) return { a: baseline.id, b: candidate.id };
  }
  return { a: pool[1]?.id, b: pool[0]?.id };
}

export interface ComparisonNote {
  /** "none": the runs share no item; "no-judge": no judge in common; "unchanged": nothing changed. */
  kind: "none" | "no-judge" | "unchanged";
  title: string;
  text: string;
}

/** Why a comparison lists no changed item, said plainly; null when it lists some. A comparison of
 * runs without a shared item must not read as "nothing changed". */
export function comparisonNote(cmp: Pick<RunComparison, "a" | "b" | "matched" | "judges" | "changes">): ComparisonNote | null {
  if (cmp.matched === 0) {
    const different = sourceKey(cmp.a.source) !== sourceKey(cmp.b.source);
    return {
      kind: "none",
      title: "No items in common",
      text: different
        ? `These runs have no items in common: they ran on different sources (A: ${sourceText(cmp.a.source)}; B: ${sourceText(cmp.b.source)}). Compare two runs over the same dataset or trace filter.`
        : `These runs have no items in common: the source (${sourceText(cmp.a.source)}) held other items when each ran.`,
    };
  }
  const shared = cmp.judges.filter((j) => j.a && j.b);
  if (shared.length === 0) {
    return { kind: "no-judge", title: "No judge in common", text: "These runs share no judge, so no verdict can be compared item by item." };
  }
  if (cmp.changes.length > 0) return null;
  const items = cmp.matched === 1 ? "the 1 item" : `the ${cmp.matched} items`;
  return { kind: "unchanged", title: "No verdict changed", text: `Every judge the runs share gave ${items} in both runs the same verdict.` };
}
