"use client";

import type { ReactNode } from "react";
import { useFormContext } from "./action-form";

/** The error for `name` itself or, failing that, for a part of it (e.g. "fallbackOn.2" for a
 * list typed into one input). */
function fieldError(errors: Record<string, string> | undefined, name: string): string | undefined {
  if (!errors) return undefined;
  if (errors[name]) return errors[name];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${name}.`));
  return nested ? errors[nested] : undefined;
}

/** Label + control + hint + the error the form's action reported for `name` (a zod path). */
export function Field({
  label,
  name,
  htmlFor,
  hint,
  children,
  className = "",
}: {
  label: string;
  name: string;
  htmlFor?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const error = fieldError(useFormContext().state.fieldErrors, name);
  const errorId = `${htmlFor ?? name}-error`;
  return (
    <div className={`group space-y-1.5 ${className}`} data-invalid={error ? "true" : undefined}>
      <label htmlFor={htmlFor ?? name} className="block text-tremor-default font-medium text-tremor-content-strong">
        {label}
      </label>
      {children}
      {error ? (
        <p id={errorId} role="alert" className="text-tremor-label text-red-600" data-field-error={name}>
          {error}
        </p>
      ) : hint ? (
        <p className="text-tremor-label text-tremor-content">{hint}</p>
      ) : null}
    </div>
  );
}

/** The error for a field that is not wrapped in a <Field> (e.g. a cell in a table of rows).
 * `nested` also shows errors of its parts ("endpoints.2"). */
export function FieldError({ name, nested = false }: { name: string; nested?: boolean }) {
  const errors = useFormContext().state.fieldErrors;
  const error = nested ? fieldError(errors, name) : errors?.[name];
  if (!error) return null;
  return (
    <p role="alert" className="mt-1 text-tremor-label text-red-600" data-field-error={name}>
      {error}
    </p>
  );
}
