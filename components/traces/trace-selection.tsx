"use client";

// The trace explorer's selection: a checkbox per row and a panel that adds the checked traces to
// a new or an existing dataset. The checkboxes live in the table but belong to the panel's form
// (the HTML `form` attribute), so the table stays a server component. The panel's form-level
// message ("Select at least one trace first.") is about the selection it was sent with: it goes
// away when the selection changes, and comes back only with the next submission.

import { useEffect, useMemo, useRef, useState } from "react";
import { FormStateProvider, useActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input, Select } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction, FormState } from "@/lib/console/form-state";

export const SELECTION_FORM = "add-to-dataset";
const SELECTION_EVENT = "trace-selection";

function boxes(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${SELECTION_FORM}"][name="traceIds"]`)];
}

/** Tells the panel the selection changed (it counts the checked boxes). */
function announce() {
  document.dispatchEvent(new CustomEvent(SELECTION_EVENT));
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

/** The form state to show: without its form-level message once the selection changed after it
 * (`stale` is the state that was current then; a new submission returns a new state). */
function withoutStaleMessage(state: FormState, stale: FormState | null): FormState {
  return stale === state && state.message !== undefined ? { ...state, message: undefined } : state;
}

export function AddToDatasetPanel({ action, datasets }: { action: FormAction; datasets: Array<{ id: string; name: string }> }) {
  const { state, pending, formProps } = useActionForm(action);
  const [count, setCount] = useState(0);
  const [target, setTarget] = useState("__new__");
  const [stale, setStale] = useState<FormState | null>(null);
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  }, [state]);
  useEffect(() => {
    const update = () => {
      setCount(boxes().filter((b) => b.checked).length);
      setStale(current.current);
    };
    document.addEventListener(SELECTION_EVENT, update);
    return () => document.removeEventListener(SELECTION_EVENT, update);
  }, []);
  const shown = useMemo(() => ({ state: withoutStaleMessage(state, stale), pending }), [state, stale, pending]);
  return (
    <FormStateProvider value={shown}>
      <form id={SELECTION_FORM} className="space-y-3" noValidate {...formProps}>
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
      </form>
    </FormStateProvider>
  );
}
