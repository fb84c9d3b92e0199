// Pick two runs to compare: a plain GET form to /evaluations/compare?a=…&b=….

import { Card, CardBody, CardHeader } from "@/components/card";
import { buttonClass } from "@/components/button";
import { Select } from "@/components/input";

export function CompareForm({ runs, a, b }: { runs: Array<{ id: string; name: string; createdAt: string }>; a?: string; b?: string }) {
  return (
    <Card>
      <CardHeader title="Compare two runs" description="Runs over the same dataset or traces: which items changed verdict." />
      <CardBody>
        <form action="/evaluations/compare" method="get" className="flex flex-wrap items-end gap-3">
          <label className="min-w-64 flex-1 space-y-1.5">
            <span className="block font-medium text-tremor-content-strong">Baseline (A)</span>
            <Select name="a" defaultValue={a ?? runs[1]?.id} aria-label="Baseline run">
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} — {r.createdAt}
                </option>
              ))}
            </Select>
          </label>
          <label className="min-w-64 flex-1 space-y-1.5">
            <span className="block font-medium text-tremor-content-strong">Candidate (B)</span>
            <Select name="b" defaultValue={b ?? runs[0]?.id} aria-label="Candidate run">
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
