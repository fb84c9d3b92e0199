"use client";

import { useFormContext } from "./action-form";
import { Alert } from "./alert";

/** The form-level outcome of the last submission: an error not tied to a field, or a success
 * note. With `summary`, field errors also get a line here (for forms taller than the screen). */
export function FormMessage({ summary = false }: { summary?: boolean }) {
  const { state } = useFormContext();
  if (state.status === "idle") return null;
  const fieldCount = Object.keys(state.fieldErrors ?? {}).length;
  const message =
    state.message ?? (summary && fieldCount ? `Please correct the ${fieldCount > 1 ? "highlighted fields" : "highlighted field"}.` : null);
  if (!message) return null;
  return <Alert tone={state.status === "error" ? "error" : "success"}>{message}</Alert>;
}
