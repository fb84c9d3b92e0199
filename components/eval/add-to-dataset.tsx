"use client";

// The trace explorer's selection: a checkbox per row and a panel that adds the checked traces to
// a new or an existing dataset. The checkboxes live in the table but belong to the panel's form
// (the HTML `form` attribute), so the table stays a server component.

import { useEffect, useState } from "react";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input, Select } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";

export const SELECTION_FORM = "add-to-dataset";

function boxes(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${SELECTION_FORM}"][name="traceIds"]`)];
}

/** Tells the panel the selection changed (it counts the checked boxes). */
function announce() {
  document.dispatchEvent(new CustomEvent("trace-selection"));
}

export function TraceCheckbox({ id }: { id: string }) {
  return (
    <input
      type="checkbox"
      form={SELECTION_FORM}
      name="traceIds"
      value={id}
      aria-label={`Select trace ${id}`}
      className="h-4 w-4 rounded border-tremor-border text-tremor-brand"
      onChange={announce}
    />
  );
}

export function SelectAllTraces() {
  return (
    <input
      type="checkbox"
      aria-label="Select all traces on this page"
      className="h-4 w-4 rounded border-tremor-border text-tremor-brand"
      onChange={(e) => {
        for (const box of boxes()) box.checked = e.target.checked;
        announce();
      }}
    />
  );
}

export function AddToDatasetPanel({ action, datasets }: { action: FormAction; datasets: Array<{ id: string; name: string }> }) {
  const [count, setCount] = useState(0);
  const [target, setTarget] = useState("__new__");
  useEffect(() => {
    const update = () => setCount(boxes().filter((b) => b.checked).length);
    document.addEventListener("trace-selection", update);
    return () => document.removeEventListener("trace-selection", update);
  }, []);
  return (
    <ActionForm action={action} id={SELECTION_FORM} className="space-y-3">
      <FormMessage />
      <div className="flex flex-wrap items-end gap-3">
        <p className="pb-2 font-medium text-tremor-content-strong" data-testid="selected-count">
          {count} selected
        </p>
        <Field label="Add to dataset" name="dataset" htmlFor="target-dataset" className="min-w-56">
          <Select id="target-dataset" name="dataset" value={target} onChange={(e) => setTarget(e.target.value)} className="py-1.5">
            <option value="__new__">New dataset…</option>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
        {target === "__new__" ? (
          <Field label="New dataset name" name="name" htmlFor="new-dataset-name" className="min-w-56">
            <Input id="new-dataset-name" name="name" placeholder="from-traces" autoComplete="off" className="py-1.5" />
          </Field>
        ) : null}
        <SubmitButton size="md" pendingLabel="Adding…">
          Add {count || ""} to dataset
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
