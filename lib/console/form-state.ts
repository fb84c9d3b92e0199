// The state a console server action returns to its form (via React's useActionState).
// Field errors are keyed by the zod issue path joined with dots ("name", "models.0.secretId"), so
// the form shows each message next to the field the schema names.

export interface FormState<R = unknown> {
  status: "idle" | "ok" | "error";
  /** Form-level message: the error not tied to one field, or a success note. */
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Data the form shows after success (e.g. a token displayed once). */
  result?: R;
  /** Increments on every submission so forms can react to repeated identical results. */
  seq?: number;
}

export const IDLE: FormState = { status: "idle" };

export type FormAction<R = unknown> = (prev: FormState<R>, formData: FormData) => Promise<FormState<R>>;

/** What a token-creating action returns: the full token, shown once. */
export interface CreatedTokenResult {
  name: string;
  token: string;
  prefix: string;
}

/** The state with only the field errors of `keep` (and of their parts: "config" keeps
 * "config.region"): what still applies after the user changed a choice the other fields depend on
 * (the provider of a provider key). The summary line counts what is left; no field error left and
 * no message = nothing to show. */
export function keepFieldErrors<R>(state: FormState<R>, keep: readonly string[]): FormState<R> {
  if (!state.fieldErrors) return state;
  const fieldErrors = Object.fromEntries(
    Object.entries(state.fieldErrors).filter(([key]) => keep.some((k) => key === k || key.startsWith(`${k}.`))),
  );
  if (Object.keys(fieldErrors).length === Object.keys(state.fieldErrors).length) return state;
  return { ...state, fieldErrors };
}
