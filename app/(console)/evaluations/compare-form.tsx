// Pick two runs to compare: a plain GET form to /evaluations/compare?a=…&b=…. The defaults prefer
// two judged runs over the same source (lib/eval/compare-choice.ts).

import { Card, CardBody, CardHeader } from "@/components/card";
import { buttonClass } from "@/components/button";
import { Select } from "@/components/input";
import { defaultPair, type CompareChoice } from "@/lib/eval/compare-choice";

export function CompareForm({ runs, a, b }: { runs: CompareChoice[]; a?: string; b?: string }) {
  const chosen = defaultPair(runs, a, b);
  const options = runs.map((r) => (
    <option key={r.id} value={r.id}>
      {r.name} · {r.sourceLabel} — {r.createdAt}
    </option>
  ));
  return (
    <Card>
      <CardHeader title="Compare two runs" description="Runs over the same dataset or trace filter: which items changed verdict." />
      <CardBody>
        <form action="/evaluations/compare" method="get" className="flex flex-wrap items-end gap-3">
          <label className="min-w-64 flex-1 space-y-1.5">
            <span className="block font-medium text-tremor-content-strong">Baseline (A)</span>
            <Select name="a" defaultValue={chosen.a} aria-label="Baseline run">
              {options}
            </Select>
          </label>
          <label className="min-w-64 flex-1 space-y-1.5">
            <span className="block font-medium text-tremor-content-strong">Candidate (B)</span>
            <Select name="b" defaultValue={chosen.b} aria-label="Candidate run">
              {options}
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
