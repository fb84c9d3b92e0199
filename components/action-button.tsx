"use client";

// A one-button form for actions on a row (revoke, delete, remove). Asks for confirmation when
// `confirm` is set and shows the action's error (e.g. a 409 explaining what still uses the item).

import type { ReactNode } from "react";
import type { FormAction } from "@/lib/console/form-state";
import { useActionForm } from "./action-form";
import { buttonClass, type ButtonVariant } from "./button";

export function ActionButton({
  action,
  children,
  confirm,
  variant = "danger",
  pendingLabel,
  fields = {},
}: {
  action: FormAction;
  children: ReactNode;
  confirm?: string;
  variant?: ButtonVariant;
  pendingLabel?: string;
  fields?: Record<string, string>;
}) {
  const { state, pending, formProps } = useActionForm(action);
  return (
    <form
      {...formProps}
      className="inline-flex flex-col items-end"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className={buttonClass(variant, "sm")}>
        {pending ? (pendingLabel ?? "Working…") : children}
      </button>
      {state.status === "error" && state.message ? (
        <p role="alert" className="mt-1 max-w-sm text-right text-tremor-label text-red-600">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
