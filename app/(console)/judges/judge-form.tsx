"use client";

// Create / edit a custom LLM judge. The output fields follow the chosen output type; the server
// action validates with the same schema as the admin API.

import { useState } from "react";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { buttonClass } from "@/components/button";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input, Select, Textarea } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";

export interface JudgeFormValues {
  name: string;
  description: string | null;
  template: string;
  outputType: "pass_fail" | "numeric" | "categorical";
  scaleMin: number | null;
  scaleMax: number | null;
  categories: string[] | null;
  endpoint: string | null;
}

const EXAMPLE_TEMPLATE = `Decide whether the answer is polite and answers the question.

Question: {{inputs}}
Answer: {{outputs}}
Expected: {{expectations}}`;

export function JudgeForm({
  action,
  endpoints,
  initial,
  submitLabel,
}: {
  action: FormAction;
  endpoints: string[];
  initial?: JudgeFormValues;
  submitLabel: string;
}) {
  const [outputType, setOutputType] = useState(initial?.outputType ?? "pass_fail");
  return (
    <ActionForm action={action} className="space-y-5">
      <FormMessage summary />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Name" name="name" hint="Also the name of the scores it gives.">
          <Input id="name" name="name" defaultValue={initial?.name} placeholder="politeness" autoComplete="off" />
        </Field>
        <Field label="Judge endpoint" name="endpoint" hint="Chat endpoint that runs the judge by default (a run may override it).">
          <Select id="endpoint" name="endpoint" defaultValue={initial?.endpoint ?? ""}>
            <option value="">Chosen per run</option>
            {endpoints.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Description" name="description">
        <Input id="description" name="description" defaultValue={initial?.description ?? ""} placeholder="What this judge checks" />
      </Field>
      <Field
        label="Prompt template"
        name="template"
        hint={
          <>
            Variables: <code>{"{{inputs}}"}</code> <code>{"{{outputs}}"}</code> <code>{"{{expectations}}"}</code>{" "}
            <code>{"{{expectations.<key>}}"}</code> <code>{"{{trace.metadata.<key>}}"}</code>. The answer format is added
            automatically.
          </>
        }
      >
        <Textarea id="template" name="template" rows={9} className="font-mono text-tremor-label" defaultValue={initial?.template ?? EXAMPLE_TEMPLATE} />
      </Field>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field label="Output" name="outputType">
          <Select id="outputType" name="outputType" value={outputType} onChange={(e) => setOutputType(e.target.value as JudgeFormValues["outputType"])}>
            <option value="pass_fail">Pass / fail</option>
            <option value="numeric">Numeric scale</option>
            <option value="categorical">Categories</option>
          </Select>
        </Field>
        {outputType === "numeric" ? (
          <>
            <Field label="Scale minimum" name="scaleMin">
              <Input id="scaleMin" name="scaleMin" inputMode="decimal" defaultValue={initial?.scaleMin ?? 1} />
            </Field>
            <Field label="Scale maximum" name="scaleMax">
              <Input id="scaleMax" name="scaleMax" inputMode="decimal" defaultValue={initial?.scaleMax ?? 5} />
            </Field>
          </>
        ) : null}
        {outputType === "categorical" ? (
          <Field label="Categories" name="categories" hint="Comma-separated, at least two." className="sm:col-span-2">
            <Input id="categories" name="categories" defaultValue={initial?.categories?.join(", ") ?? ""} placeholder="polite, neutral, rude" />
          </Field>
        ) : null}
      </div>
      <div className="flex items-center gap-3 border-t border-tremor-border pt-5">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link href="/judges" className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </ActionForm>
  );
}
