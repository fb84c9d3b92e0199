"use client";

// New evaluation run: the source (a dataset, or traces picked with the explorer's filters and an
// optional random sample), the judges (built-in, custom, code scorers with their parameters) and
// the judge endpoint. Source and judges are client state posted as JSON; the server action
// validates with createRunSchema, errors come back keyed "source.*" and "judges.<i>.*".

import { useState } from "react";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { buttonClass } from "@/components/button";
import { JudgePicker, type JudgeOption } from "@/components/eval/judge-picker";
import { Field, FieldError } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input, Select } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";

export interface RunFormProps {
  action: FormAction;
  datasets: Array<{ id: string; name: string; itemCount: number }>;
  judges: JudgeOption[];
  endpoints: string[];
  /** The judge endpoint a previous run chose, preselected with a hint; none: the user picks one. */
  previousJudgeEndpoint?: { endpoint: string; runName: string } | null;
  initialDataset?: string;
  initialFilter?: Record<string, string>;
}

export function RunForm({ action, datasets, judges, endpoints, previousJudgeEndpoint, initialDataset, initialFilter }: RunFormProps) {
  const [sourceType, setSourceType] = useState<"dataset" | "traces">(initialFilter && !initialDataset ? "traces" : datasets.length || initialDataset ? "dataset" : "traces");
  const [datasetId, setDatasetId] = useState(initialDataset ?? datasets[0]?.id ?? "");
  const [filter, setFilter] = useState<Record<string, string>>(initialFilter ?? { range: "24h" });
  const [sampleSize, setSampleSize] = useState("");
  const setF = (key: string, value: string) =>
    setFilter((f) => {
      const next = { ...f, [key]: value };
      if (!value) delete next[key];
      return next;
    });
  const sample = sampleSize.trim() === "" ? undefined : /^\d+$/.test(sampleSize.trim()) ? Number(sampleSize.trim()) : sampleSize;
  const source = sourceType === "dataset" ? { type: "dataset", datasetId } : { type: "traces", filter, ...(sample !== undefined ? { sampleSize: sample } : {}) };

  return (
    <ActionForm action={action} className="space-y-6">
      <FormMessage summary />
      <input type="hidden" name="source" value={JSON.stringify(source)} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Run name" name="name" hint="Optional; defaults to the source and the time.">
          <Input id="name" name="name" placeholder="baseline" autoComplete="off" />
        </Field>
        <Field
          label="Judge endpoint"
          name="judgeEndpoint"
          hint={
            previousJudgeEndpoint ? (
              <span data-testid="judge-endpoint-hint">
                Preselected from your last run (<span className="font-medium text-tremor-content-emphasis">{previousJudgeEndpoint.runName}</span>). Chat
                endpoint that runs the LLM judges; custom judges may name their own.
              </span>
            ) : (
              "Chat endpoint that runs the LLM judges (custom judges may name their own); code scorers need none."
            )
          }
        >
          <Select id="judgeEndpoint" name="judgeEndpoint" defaultValue={previousJudgeEndpoint?.endpoint ?? ""}>
            <option value="">{endpoints.length === 0 ? "No chat endpoint yet" : "Choose a judge endpoint…"}</option>
            {endpoints.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="font-semibold text-tremor-content-strong">Source</legend>
        <div className="flex gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" name="sourceType" checked={sourceType === "dataset"} onChange={() => setSourceType("dataset")} />
            Dataset
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="sourceType" checked={sourceType === "traces"} onChange={() => setSourceType("traces")} />
            Traces
          </label>
        </div>
        {sourceType === "dataset" ? (
          <Field label="Dataset" name="source.datasetId" htmlFor="datasetId">
            <Select id="datasetId" value={datasetId} onChange={(e) => setDatasetId(e.target.value)}>
              {datasets.length === 0 ? <option value="">No datasets yet</option> : null}
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.itemCount} items)
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <div className="grid gap-4 sm:grid-cols-5">
            <Field label="Endpoint" name="source.filter.endpoint" htmlFor="f-endpoint">
              <Select id="f-endpoint" value={filter.endpoint ?? ""} onChange={(e) => setF("endpoint", e.target.value)}>
                <option value="">Any</option>
                {endpoints.map((e) => (
                  <option key={e} value={e}>
                    {e}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Time range" name="source.filter.range" htmlFor="f-range">
              <Select id="f-range" value={filter.range ?? ""} onChange={(e) => setF("range", e.target.value)}>
                <option value="">Any time</option>
                <option value="1h">Last hour</option>
                <option value="24h">Last 24 hours</option>
                <option value="7d">Last 7 days</option>
                <option value="30d">Last 30 days</option>
              </Select>
            </Field>
            <Field label="Status" name="source.filter.status" htmlFor="f-status">
              <Select id="f-status" value={filter.status ?? ""} onChange={(e) => setF("status", e.target.value)}>
                <option value="">Any</option>
                <option value="ok">OK</option>
                <option value="error">Error</option>
              </Select>
            </Field>
            <Field label="Text search" name="source.filter.q" htmlFor="f-q">
              <Input id="f-q" value={filter.q ?? ""} onChange={(e) => setF("q", e.target.value)} placeholder="in payloads" />
            </Field>
            <Field label="Sample size" name="source.sampleSize" htmlFor="f-sample" hint="Empty: every match.">
              <Input id="f-sample" inputMode="numeric" value={sampleSize} onChange={(e) => setSampleSize(e.target.value)} placeholder="all" />
            </Field>
            <FieldError name="source.filter" nested />
          </div>
        )}
      </fieldset>

      <JudgePicker judges={judges} />

      <div className="flex items-center gap-3 border-t border-tremor-border pt-5">
        <SubmitButton pendingLabel="Starting…">Start run</SubmitButton>
        <Link href="/evaluations" className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </ActionForm>
  );
}
