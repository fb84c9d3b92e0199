"use client";

// The optional trace filter of an online rule (ruleFilterSchema): only traces matching every
// filled-in condition are sampled. Read back by lib/eval/rule-form.ts; errors show per field.

import { Field, FieldError } from "@/components/field";
import { Input, Select, Textarea } from "@/components/input";
import { EMPTY_RULE_FILTER, type RuleFilterFormValues } from "@/lib/eval/rule-filter-text";

export function RuleFilterFields({
  idPrefix,
  initial = EMPTY_RULE_FILTER,
  teams,
}: {
  idPrefix: string;
  initial?: RuleFilterFormValues;
  teams: { id: string; name: string }[];
}) {
  const id = (name: string) => `${idPrefix}-filter-${name}`;
  // A team the filter names that no longer exists stays ticked (under its id) until unticked.
  const known = new Set(teams.map((t) => t.id));
  const teamOptions = [...teams, ...initial.team.filter((t) => !known.has(t)).map((t) => ({ id: t, name: t }))];
  return (
    <fieldset className="space-y-3 rounded-tremor-default border border-tremor-border bg-white p-3" data-testid="rule-filter-fields">
      <legend className="px-1 text-tremor-default font-medium text-tremor-content-strong">Trace filter (optional)</legend>
      <p className="text-tremor-label text-tremor-content">Only traces matching every condition filled in are sampled; leave all empty to sample any trace.</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Trace status" name="filter.status" htmlFor={id("status")}>
          <Select id={id("status")} name="filter.status" defaultValue={initial.status}>
            <option value="">Any status</option>
            <option value="ok">OK</option>
            <option value="error">Error</option>
          </Select>
        </Field>
        <Field label="Minimum latency (ms)" name="filter.minLatencyMs" htmlFor={id("latency")} hint="Only traces at least this slow.">
          <Input id={id("latency")} name="filter.minLatencyMs" inputMode="numeric" defaultValue={initial.minLatencyMs} placeholder="e.g. 2000" autoComplete="off" />
        </Field>
        <Field label="Upstream providers" name="filter.provider" htmlFor={id("provider")} hint="Provider ids, comma-separated.">
          <Input id={id("provider")} name="filter.provider" defaultValue={initial.provider} placeholder="e.g. openai, anthropic" autoComplete="off" />
        </Field>
        <Field label="Upstream models" name="filter.model" htmlFor={id("model")} hint="Comma-separated.">
          <Input id={id("model")} name="filter.model" defaultValue={initial.model} placeholder="e.g. gpt-4o-mini" autoComplete="off" />
        </Field>
        <Field label="Trace metadata" name="filter.metadata" htmlFor={id("metadata")} hint="One key=value per line; all must match." className="sm:col-span-2">
          <Textarea id={id("metadata")} name="filter.metadata" rows={2} defaultValue={initial.metadata} placeholder="env=prod" className="font-mono" />
        </Field>
      </div>
      {teamOptions.length ? (
        <div className="space-y-1.5">
          <p className="text-tremor-default font-medium text-tremor-content-strong">Teams</p>
          <div className="flex flex-wrap gap-x-5 gap-y-1.5">
            {teamOptions.map((t) => (
              <label key={t.id} className="flex items-center gap-2 text-tremor-default text-tremor-content-strong">
                <input
                  type="checkbox"
                  name="filter.team"
                  value={t.id}
                  defaultChecked={initial.team.includes(t.id)}
                  className="h-4 w-4 rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted"
                />
                {t.name}
              </label>
            ))}
          </div>
          <p className="text-tremor-label text-tremor-content">Ticked: only these teams&apos; traces. None ticked: any team.</p>
          <FieldError name="filter.team" nested />
        </div>
      ) : null}
    </fieldset>
  );
}
