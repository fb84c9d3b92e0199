"use client";

// Choose judges for a run or an online rule: built-in LLM judges, custom judges and code scorers
// (with their parameters as JSON). The choice is posted as one JSON field, `judges`, in the shape
// of judgeRefsSchema; errors come back keyed "judges" / "judges.<i>.<field>".

import { useState } from "react";
import { CodeText } from "@/components/eval/code-text";
import { FieldError } from "@/components/field";
import { Textarea } from "@/components/input";
import { parseJsonText, type PickerState } from "@/lib/eval/console-input";

export interface JudgeOption {
  id: string;
  kind: "builtin" | "custom" | "code";
  name: string;
  description: string | null;
  requires: string[];
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

export function JudgePicker({ judges, initial, columns = 3 }: { judges: JudgeOption[]; initial?: PickerState; columns?: 2 | 3 }) {
  const [selected, setSelected] = useState<string[]>(initial?.selected ?? []);
  const [params, setParams] = useState<Record<string, string>>(initial?.params ?? {});
  const [guidelines, setGuidelines] = useState(initial?.guidelines ?? "");
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const chosen = selected.map((id) => judges.find((j) => j.id === id)).filter((j): j is JudgeOption => !!j);
  const refs = chosen.map((j) => judgeRef(j, params[j.id] ?? "", guidelines));
  return (
    <fieldset className="space-y-4">
      <legend className="font-semibold text-tremor-content-strong">Judges</legend>
      <input type="hidden" name="judges" value={JSON.stringify(refs)} />
      <FieldError name="judges" />
      {GROUPS.map((group) => {
        const options = judges.filter((j) => j.kind === group.kind);
        if (!options.length) return null;
        return (
          <div key={group.kind}>
            <p className="mb-1.5 text-tremor-label font-medium uppercase tracking-wide text-tremor-content">{group.title}</p>
            <div className={`grid gap-2 sm:grid-cols-2 ${columns === 3 ? "lg:grid-cols-3" : ""}`}>
              {options.map((j) => {
                const index = chosen.findIndex((c) => c.id === j.id);
                const on = index >= 0;
                return (
                  <div key={j.id} className={`rounded-tremor-default border p-2.5 ${on ? "border-tremor-brand-muted bg-tremor-brand-faint" : "border-tremor-border"}`}>
                    <label className="flex items-start gap-2">
                      <input type="checkbox" className="mt-0.5 rounded border-tremor-border" checked={on} onChange={() => toggle(j.id)} aria-label={j.name} />
                      <span className="min-w-0">
                        <span className="font-mono text-tremor-default font-medium text-tremor-content-strong">{j.name}</span>
                        {j.description ? (
                          <span className="block text-tremor-label text-tremor-content">
                            <CodeText text={j.description} />
                          </span>
                        ) : null}
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
      <p className="text-tremor-label text-tremor-content">{chosen.length} judge(s) selected</p>
    </fieldset>
  );
}
