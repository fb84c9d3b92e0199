"use client";

// One dataset item: previews, and an editor for its inputs / outputs / expectations (JSON).

import { useState } from "react";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ActionForm } from "@/components/action-form";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Textarea } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";
import { inputsPreview, jsonForEditing, outputsPreview } from "@/lib/eval/console-input";

export interface ItemValues {
  id: string;
  inputs: unknown;
  outputs: unknown;
  expectations: Record<string, unknown> | null;
  sourceTraceId: string | null;
}

const json = "font-mono text-tremor-label";

export function ItemEditor({
  index,
  item,
  updateAction,
  deleteAction,
}: {
  index: number;
  item: ItemValues;
  updateAction: FormAction;
  deleteAction: FormAction;
}) {
  const [open, setOpen] = useState(false);
  const expectationKeys = item.expectations ? Object.keys(item.expectations) : [];
  return (
    <li data-testid="dataset-item" className="px-5 py-3">
      <div className="grid grid-cols-[2.5rem_1fr_1fr_12rem_auto] items-start gap-4">
        <span className="pt-0.5 text-tremor-label tabular-nums text-tremor-content">#{index + 1}</span>
        <div className="min-w-0">
          <p className="text-tremor-label uppercase text-tremor-content">Inputs</p>
          <p className="truncate text-tremor-content-strong" title={inputsPreview(item.inputs, 500)}>
            {inputsPreview(item.inputs)}
          </p>
        </div>
        <div className="min-w-0">
          <p className="text-tremor-label uppercase text-tremor-content">Outputs</p>
          <p className="truncate text-tremor-content-emphasis" title={outputsPreview(item.outputs, 500)}>
            {outputsPreview(item.outputs)}
          </p>
        </div>
        <div className="min-w-0 text-tremor-label">
          <p className="uppercase text-tremor-content">Expectations</p>
          <p className="truncate text-tremor-content-emphasis">{expectationKeys.length ? expectationKeys.join(", ") : "—"}</p>
          {item.sourceTraceId ? (
            <Link href={`/traces/${item.sourceTraceId}`} className="font-mono text-tremor-brand hover:underline">
              source trace
            </Link>
          ) : null}
        </div>
        <Button variant="secondary" size="sm" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? "Close" : "Edit"}
        </Button>
      </div>
      {open ? (
        <div className="mt-3 rounded-tremor-default border border-tremor-border bg-tremor-background-muted p-4">
          <ActionForm action={updateAction} className="space-y-3">
            <FormMessage />
            <div className="grid gap-3 lg:grid-cols-3">
              <Field label="Inputs (JSON)" name="inputs" htmlFor={`inputs-${item.id}`}>
                <Textarea id={`inputs-${item.id}`} name="inputs" rows={8} className={json} defaultValue={jsonForEditing(item.inputs)} />
              </Field>
              <Field label="Outputs (JSON)" name="outputs" htmlFor={`outputs-${item.id}`}>
                <Textarea id={`outputs-${item.id}`} name="outputs" rows={8} className={json} defaultValue={jsonForEditing(item.outputs)} />
              </Field>
              <Field
                label="Expectations (JSON)"
                name="expectations"
                htmlFor={`expectations-${item.id}`}
                hint="expected_response, expected_facts, guidelines, context…"
              >
                <Textarea
                  id={`expectations-${item.id}`}
                  name="expectations"
                  rows={8}
                  className={json}
                  defaultValue={jsonForEditing(item.expectations)}
                  placeholder={'{\n  "expected_response": "…"\n}'}
                />
              </Field>
            </div>
            <div className="flex items-center justify-between">
              <SubmitButton size="sm">Save item</SubmitButton>
            </div>
          </ActionForm>
          <div className="mt-2 flex justify-end">
            <ActionButton action={deleteAction} confirm="Delete this item?" pendingLabel="Deleting…">
              Delete item
            </ActionButton>
          </div>
        </div>
      ) : null}
    </li>
  );
}
