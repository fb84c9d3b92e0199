"use client";

// New evaluation run: the source (a dataset, or traces picked with the explorer's filters and an
// optional random sample), the judges (built-in, custom, code scorers with their parameters) and
// the judge endpoint. Source and judges are client state posted as JSON; the server action
// validates with createRunSchema, errors come back keyed "source.*" and "judges.<i>.*".

import { useState } from "react";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { buttonClass } from "@/components/button";
import { Field, FieldError } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input, Select, Textarea } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";
import { parseJsonText } from "@/lib/eval/console-input";

export interface JudgeOption {
  id: string;
  kind: "builtin" | "custom" | "code";
  name: string;
  description: string | null;
  requires: string[];
}

export interface RunFormProps {
  action: FormAction;
  datasets: Array<{ id: string; name: string; itemCount: number }>;
  judges: JudgeOption[];
  endpoints: string[];
  initialDataset?: string;
  initialFilter?: Record<string, string>;
}

const PARAM_EXAMPLES: Record<string, string> = {
  exact_match: '{"expected": "…"}  (optional)',
  contains: '{"substring": "…"}  (optional)',
  regex: '{"pattern": "^yes", "flags": "i"}',
  json_schema: '{"schema": {"type": "object"}}',
  latency_under: '{"maxMs": 2000}',
  tokens_under: '{"maxTokens": 1000}',
  cost_under: '{"maxUsd": 0.01}',
};

const GROUPS: Array<{ kind: JudgeOption["kind"]; title: string }> = [
  { kind: "builtin", title: "Built-in judges" },
  { kind: "custom", title: "Custom judges" },
  { kind: "code", title: "Code scorers" },
];

function judgeRef(j: JudgeOption, params: string, guidelines: string): unknown {
  if (j.kind === "builtin") return { type: "builtin", judge: j.id, ...(j.id === "guidelines" && guidelines.trim() ? { guidelines: guidelines.trim() } : {}) };
  if (j.kind === "custom") return { type: "custom", judgeId: j.id };
  const parsed = parseJsonText(params);
  const extra = parsed.ok && parsed.value && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? parsed.value : {};
  return { ...extra, type: "code", scorer: j.id };
}

export function RunForm({ action, datasets, judges, endpoints, initialDataset, initialFilter }: RunFormProps) {
  const [sourceType, setSourceType] = useState<"dataset" | "traces">(initialFilter && !initialDataset ? "traces" : datasets.length || initialDataset ? "dataset" : "traces");
  const [datasetId, setDatasetId] = useState(initialDataset ?? datasets[0]?.id ?? "");
  const [filter, setFilter] = useState<Record<string, string>>(initialFilter ?? { range: "24h" });
  const [sampleSize, setSampleSize] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [params, setParams] = useState<Record<string, string>>({});
  const [guidelines, setGuidelines] = useState("");

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const chosen = selected.map((id) => judges.find((j) => j.id === id)).filter((j): j is JudgeOption => !!j);
  const refs = chosen.map((j) => judgeRef(j, params[j.id] ?? "", guidelines));
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
      <input type="hidden" name="judges" value={JSON.stringify(refs)} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Run name" name="name" hint="Optional; defaults to the source and the time.">
          <Input id="name" name="name" placeholder="baseline" autoComplete="off" />
        </Field>
        <Field label="Judge endpoint" name="judgeEndpoint" hint="Chat endpoint that runs the LLM judges (custom judges may name their own).">
          <Select id="judgeEndpoint" name="judgeEndpoint" defaultValue={endpoints[0] ?? ""}>
            {endpoints.length === 0 ? <option value="">No chat endpoint yet</option> : null}
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

      <fieldset className="space-y-4">
        <legend className="font-semibold text-tremor-content-strong">Judges</legend>
        <FieldError name="judges" />
        {GROUPS.map((group) => {
          const options = judges.filter((j) => j.kind === group.kind);
          if (!options.length) return null;
          return (
            <div key={group.kind}>
              <p className="mb-1.5 text-tremor-label font-medium uppercase tracking-wide text-tremor-content">{group.title}</p>
              <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                {options.map((j) => {
                  const index = selected.indexOf(j.id);
                  const on = index >= 0;
                  return (
                    <div key={j.id} className={`rounded-tremor-default border p-2.5 ${on ? "border-tremor-brand-muted bg-tremor-brand-faint" : "border-tremor-border"}`}>
                      <label className="flex items-start gap-2">
                        <input type="checkbox" className="mt-0.5 rounded border-tremor-border" checked={on} onChange={() => toggle(j.id)} aria-label={j.name} />
                        <span className="min-w-0">
                          <span className="font-mono text-tremor-default font-medium text-tremor-content-strong">{j.name}</span>
                          {j.description ? <span className="block text-tremor-label text-tremor-content">{j.description}</span> : null}
                        </span>
                      </label>
                      {on && j.kind === "code" && PARAM_EXAMPLES[j.id] ? (
                        <Textarea
                          aria-label={`Parameters of ${j.name}`}
                          rows={2}
                          className="mt-2 font-mono text-tremor-label"
                          placeholder={PARAM_EXAMPLES[j.id]}
                          value={params[j.id] ?? ""}
                          onChange={(e) => setParams((p) => ({ ...p, [j.id]: e.target.value }))}
                        />
                      ) : null}
                      {on && j.kind === "code" && params[j.id] && !parseJsonText(params[j.id]).ok ? (
                        <p className="mt-1 text-tremor-label text-red-600">Parameters must be a JSON object.</p>
                      ) : null}
                      {on && j.id === "guidelines" && j.kind === "builtin" ? (
                        <Textarea
                          aria-label="Guidelines"
                          rows={2}
                          className="mt-2 text-tremor-label"
                          placeholder="Optional; otherwise each item's expectations.guidelines"
                          value={guidelines}
                          onChange={(e) => setGuidelines(e.target.value)}
                        />
                      ) : null}
                      {on ? <FieldError name={`judges.${index}`} nested /> : null}
                    </div>
                  );
                })}
              </div>
            </div>
          );
        })}
      </fieldset>

      <div className="flex items-center gap-3 border-t border-tremor-border pt-5">
        <SubmitButton pendingLabel="Starting…">Start run</SubmitButton>
        <Link href="/evaluations" className={buttonClass("ghost")}>
          Cancel
        </Link>
        <span className="text-tremor-label text-tremor-content">{chosen.length} judge(s) selected</span>
      </div>
    </ActionForm>
  );
}
