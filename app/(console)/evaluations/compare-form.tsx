// Pick two runs to compare: a plain GET form to /evaluations/compare?a=…&b=….

import { Card, CardBody, CardHeader } from "@/components/card";
import { buttonClass } from "@/components/button";
import { Select } from "@/components/input";

export interface CompareChoice {
  id: string;
  name: string;
  createdAt: string;
  /** Judged at least one item (a run cancelled before any verdict makes a poor default). */
  judged: boolean;
}

/** Defaults: the newest judged run as the candidate, the next judged one (never the same run) as
 * the baseline; the newest runs when fewer than two were judged. */
function defaults(runs: CompareChoice[], a?: string, b?: string): { a?: string; b?: string } {
  const judged = runs.filter((r) => r.judged);
  const pool = judged.length >= 2 ? judged : runs;
  const candidate = b ?? pool.find((r) => r.id !== a)?.id;
  return { a: a ?? pool.find((r) => r.id !== candidate)?.id, b: candidate };
}

export function CompareForm({ runs, a, b }: { runs: CompareChoice[]; a?: string; b?: string }) {
  const chosen = defaults(runs, a, b);
  return (
    <Card>
      <CardHeader title="Compare two runs" description="Runs over the same dataset or traces: which items changed verdict." />
      <CardBody>
        <form action="/evaluations/compare" method="get" className="flex flex-wrap items-end gap-3">
          <label className="min-w-64 flex-1 space-y-1.5">
            <span className="block font-medium text-tremor-content-strong">Baseline (A)</span>
            <Select name="a" defaultValue={chosen.a} aria-label="Baseline run">
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} — {r.createdAt}
                </option>
              ))}
            </Select>
          </label>
          <label className="min-w-64 flex-1 space-y-1.5">
            <span className="block font-medium text-tremor-content-strong">Candidate (B)</span>
            <Select name="b" defaultValue={chosen.b} aria-label="Candidate run">
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} — {r.createdAt}
                </option>
              ))}
            </Select>
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            Compare
          </button>
        </form>
      </CardBody>
    </Card>
  );
}
