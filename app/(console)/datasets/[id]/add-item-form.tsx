"use client";

import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Textarea } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";

export function AddItemForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} className="space-y-4" resetOnSuccess>
      <FormMessage />
      <div className="grid gap-4 lg:grid-cols-3">
        <Field label="Inputs" name="inputs" htmlFor="new-inputs" hint='Plain text (becomes {"question": …}) or JSON, e.g. {"messages": […]}.'>
          <Textarea id="new-inputs" name="inputs" rows={4} placeholder="What is the capital of France?" />
        </Field>
        <Field label="Outputs" name="outputs" htmlFor="new-outputs" hint="The answer to judge (text or JSON); optional.">
          <Textarea id="new-outputs" name="outputs" rows={4} placeholder="Paris." />
        </Field>
        <Field label="Expectations (JSON)" name="expectations" htmlFor="new-expectations" hint="Optional.">
          <Textarea id="new-expectations" name="expectations" rows={4} className="font-mono text-tremor-label" placeholder='{"expected_response": "Paris"}' />
        </Field>
      </div>
      <SubmitButton size="sm" pendingLabel="Adding…">
        Add item
      </SubmitButton>
    </ActionForm>
  );
}
