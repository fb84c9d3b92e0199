"use client";

// Create / edit an online evaluation rule of this endpoint: judges, judge endpoint, sample rate
// (as a percentage), an optional trace filter and enabled. Read by lib/eval/rule-form.ts and
// validated by createRuleSchema / updateRuleSchema on the server.

import { useState } from "react";
import { ActionForm } from "@/components/action-form";
import { Button } from "@/components/button";
import { JudgePicker, type JudgeOption } from "@/components/eval/judge-picker";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Checkbox, Input, Select } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";
import type { PickerState } from "@/lib/eval/console-input";
import type { RuleFilterFormValues } from "@/lib/eval/rule-filter-text";
import { RuleFilterFields } from "./rule-filter-fields";

export interface RuleFormValues {
  name: string;
  sampleRate: number;
  enabled: boolean;
  judges: PickerState;
  /** The endpoint the rule's LLM judges use (stored on each judge reference). */
  judgeEndpoint: string | null;
  filter: RuleFilterFormValues;
}

export function RuleForm({
  action,
  judges,
  endpoints,
  teams,
  initial,
  submitLabel,
  collapsedLabel,
  idPrefix,
}: {
  action: FormAction;
  judges: JudgeOption[];
  endpoints: string[];
  /** Teams the filter can name. */
  teams: { id: string; name: string }[];
  initial?: RuleFormValues;
  submitLabel: string;
  /** Shown as a button until the form is opened. */
  collapsedLabel: string;
  /** Keeps the ids of several open forms on one page apart. */
  idPrefix: string;
}) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        {collapsedLabel}
      </Button>
    );
  }
  return (
    <div className="w-full rounded-tremor-default border border-tremor-border bg-tremor-background-muted p-4">
      <ActionForm action={action} className="space-y-4">
        <FormMessage summary />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Rule name" name="name" htmlFor={`${idPrefix}-name`} hint="Optional.">
            <Input id={`${idPrefix}-name`} name="name" defaultValue={initial?.name} placeholder="production quality" autoComplete="off" />
          </Field>
          <Field label="Sample rate (%)" name="sampleRate" htmlFor={`${idPrefix}-sample`} hint="Share of this endpoint's new traces to judge.">
            <Input id={`${idPrefix}-sample`} name="sampleRate" inputMode="decimal" defaultValue={initial ? String(Math.round(initial.sampleRate * 10000) / 100) : "10"} />
          </Field>
          <Field label="Judge endpoint" name="judgeEndpoint" htmlFor={`${idPrefix}-judge-endpoint`} hint="Chat endpoint that runs the LLM judges.">
            <Select id={`${idPrefix}-judge-endpoint`} name="judgeEndpoint" defaultValue={initial?.judgeEndpoint ?? endpoints[0] ?? ""}>
              {endpoints.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <JudgePicker judges={judges} initial={initial?.judges} columns={2} />
        <RuleFilterFields idPrefix={idPrefix} initial={initial?.filter} teams={teams} />
        <Checkbox name="enabled" defaultChecked={initial?.enabled ?? true} label="Enabled" hint="Disabled rules keep their settings but judge nothing." />
        <div className="flex items-center gap-3">
          <SubmitButton size="sm">{submitLabel}</SubmitButton>
          <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
      </ActionForm>
    </div>
  );
}
