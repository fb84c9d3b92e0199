"use client";

// The trace explorer's score filter: a judge (those that scored traces) and a verdict (its labels,
// `error`, or a number), posted as the one URL parameter the list reads, `score=<judge>:<verdict>`.
// A URL with several conditions (`score=a:pass,b:fail`) edits the first and keeps the others.

import { useState } from "react";
import { Input, Select } from "@/components/input";
import { FilterField } from "@/components/usage/filter-bar";
import type { ScoreJudgeOption } from "@/lib/tracing/score-filter";
import { foldCase, formatScoreSpec, parseScoreSpec } from "@/lib/tracing/score-spec";

export function ScoreFilterField({ value, judges }: { value: string; judges: ScoreJudgeOption[] }) {
  const [first, ...rest] = value ? value.split(",").filter((s) => s.trim() !== "") : [];
  const initial = first ? parseScoreSpec(first) : { judge: "", verdict: "" };
  // A judge typed in another case selects the judge as it is spelled in the scores.
  const known = judges.find((j) => foldCase(j.name) === foldCase(initial.judge));
  const [judge, setJudge] = useState(known?.name ?? initial.judge);
  const [verdict, setVerdict] = useState(initial.verdict);
  const options = known || !initial.judge ? judges : [{ name: initial.judge, labels: [] }, ...judges];
  const labels = options.find((j) => j.name === judge)?.labels ?? [];
  const current = judge && verdict.trim() ? formatScoreSpec({ judge, verdict: verdict.trim() }) : null;
  const score = [...(current ? [current] : []), ...rest].join(",");
  return (
    <>
      <FilterField label="Score judge" htmlFor="f-score-judge">
        <Select id="f-score-judge" value={judge} onChange={(e) => setJudge(e.target.value)} className="py-1.5">
          <option value="">Any score</option>
          {options.map((j) => (
            <option key={j.name} value={j.name}>
              {j.name}
            </option>
          ))}
        </Select>
      </FilterField>
      <FilterField label="Latest verdict" htmlFor="f-score-verdict">
        <Input
          id="f-score-verdict"
          list="f-score-verdicts"
          value={verdict}
          onChange={(e) => setVerdict(e.target.value)}
          required={judge !== ""}
          disabled={judge === ""}
          placeholder={judge ? "pass, fail, 4, error…" : "Pick a judge"}
          className="py-1.5"
        />
        <datalist id="f-score-verdicts">
          {[...labels, "error"].map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        {rest.length ? <p className="text-tremor-label text-tremor-content">and {rest.join(", ")}</p> : null}
      </FilterField>
      <input type="hidden" name="score" value={score} />
    </>
  );
}
