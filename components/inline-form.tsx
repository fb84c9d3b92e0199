// A one-field form laid out on one line: the field, its submit button, and the action's message
// underneath (e.g. "New team", "Add a user" to a team).

import type { ReactNode } from "react";
import type { FormAction } from "@/lib/console/form-state";
import { ActionForm } from "./action-form";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function InlineForm({
  action,
  submitLabel,
  pendingLabel,
  resetOnSuccess,
  children,
}: {
  action: FormAction;
  submitLabel: string;
  pendingLabel: string;
  resetOnSuccess?: boolean;
  /** The <Field> (label, input and its error). */
  children: ReactNode;
}) {
  return (
    <ActionForm action={action} resetOnSuccess={resetOnSuccess} className="flex flex-wrap items-start gap-3">
      <div className="min-w-64 flex-1">{children}</div>
      <div className="pt-7">
        <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      </div>
      <div className="basis-full empty:hidden">
        <FormMessage />
      </div>
    </ActionForm>
  );
}
