// Server-side half of the console's forms: turn FormData into the JSON shape the domain schemas
// expect, and any failure (zod issues, ApiError from a service, an unexpected crash) into a
// FormState the form renders next to its fields. Validation itself is the domain schemas': the
// same ones the admin API uses.

import { ZodError, type z } from "zod";
import { ApiError } from "../api/errors";
import type { FormState } from "./form-state";

export type ErrorState = FormState<never> & { status: "error" };
export type Submitted<R> = { status: "ok"; result: R } | ErrorState;

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** zod's own wording ("Too small: expected number to be >=1") in plain words; messages a schema
 * wrote itself are kept. */
function numberMessage(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input:")) {
    if (issue.expected === "int") return "Must be a whole number";
    if (issue.expected === "number") return "Must be a number";
  }
  if (issue.code === "too_small" && issue.origin === "number" && issue.message.startsWith("Too small:")) {
    return `Must be ${issue.inclusive ? "at least" : "greater than"} ${issue.minimum}`;
  }
  if (issue.code === "too_big" && issue.origin === "number" && issue.message.startsWith("Too big:")) {
    return `Must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
  }
  return undefined;
}

/** The same for lengths of text and lists ("Too big: expected string to have <=2000 characters").
 * One wording, as the schemas write their own length messages: a text "must be at most N
 * characters", a list "must have at most N items". */
function lengthMessage(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== "too_small" && issue.code !== "too_big") return undefined;
  if (!issue.message.startsWith("Too small:") && !issue.message.startsWith("Too big:")) return undefined;
  const unit = issue.origin === "string" ? "character" : issue.origin === "array" || issue.origin === "set" ? "item" : null;
  if (unit === null) return undefined;
  const n = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
  const units = `${n} ${unit}${n === 1 ? "" : "s"}`;
  const verb = unit === "character" ? "be" : "have";
  if (issue.code === "too_small") return n === 1 && issue.origin === "string" ? "Required" : `Must ${verb} at least ${units}`;
  return `Must ${verb} at most ${units}`;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) return "Required";
  return numberMessage(issue) ?? lengthMessage(issue) ?? capitalize(issue.message);
}

/** zod issues → { "models.0.secretId": "Required", ... } (first issue per field wins). */
export function zodFieldErrors(error: ZodError): { fieldErrors: Record<string, string>; formErrors: string[] } {
  const fieldErrors: Record<string, string> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    if (!path) formErrors.push(issueMessage(issue));
    else fieldErrors[path] ??= issueMessage(issue);
  }
  return { fieldErrors, formErrors };
}

export function errorState(err: unknown): ErrorState {
  if (err instanceof ZodError) {
    const { fieldErrors, formErrors } = zodFieldErrors(err);
    return { status: "error", fieldErrors, message: formErrors.join(" ") || undefined };
  }
  if (err instanceof ApiError) {
    if (err.param && (err.status === 409 || err.status === 422)) {
      return { status: "error", fieldErrors: { [err.param]: capitalize(err.message) } };
    }
    return { status: "error", message: err.message };
  }
  console.error("[gatehouse] console action failed:", err);
  return { status: "error", message: "Unexpected server error; the details are in the server log." };
}

export interface SubmitOptions {
  /** Checks that need the database (e.g. "name already taken"), run when the schema rejects the
   * input too, so their field errors are shown together with the schema's (the service repeats
   * them when it runs). A check throws an ApiError naming its field; anything else is ignored. */
  checks?: () => Promise<void>;
  /** Errors found while reading the form (a choice that cannot be sent as it is, e.g. "New date"
   * without a date), by field: reported together with the schema's (these win for the same field),
   * and the service is not called. */
  readErrors?: Record<string, string>;
}

/**
 * Validate `input` with the domain schema (every field error at once), then run the service call.
 * Never throws for bad input or a service's ApiError; callers redirect() after a success, outside
 * of this function, so Next's redirect is never caught here.
 */
export async function submit<R>(
  schema: z.ZodType | null,
  input: unknown,
  run: () => Promise<R>,
  options: SubmitOptions = {},
): Promise<Submitted<R>> {
  const readErrors = options.readErrors && Object.keys(options.readErrors).length ? options.readErrors : null;
  if (schema) {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const state = errorState(parsed.error);
      const failed = await options.checks?.().then(
        () => null,
        (err: unknown) => (err instanceof ApiError ? errorState(err) : null),
      );
      // The check's field error (errorState maps a 409 naming a field), the schema's first.
      if (failed?.fieldErrors) state.fieldErrors = { ...failed.fieldErrors, ...state.fieldErrors };
      if (readErrors) state.fieldErrors = { ...state.fieldErrors, ...readErrors };
      return state;
    }
  }
  if (readErrors) return { status: "error", fieldErrors: { ...readErrors } };
  try {
    return { status: "ok", result: await run() };
  } catch (err) {
    return errorState(err);
  }
}

// FormData readers. Empty inputs become `undefined` so optional schema fields stay unset and
// required ones report "Required"; values that do not parse are passed through as strings so the
// schema names the field ("expected number").

export function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (typeof value !== "string") return undefined;
  return value.trim() === "" ? undefined : value;
}

export function int(form: FormData, name: string): number | string | undefined {
  const value = text(form, name)?.trim();
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

export function checkbox(form: FormData, name: string): boolean {
  return form.get(name) === "on";
}

/** Drop undefined values so strict object schemas see only the fields that were filled in. */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A JSON document posted in one hidden field (forms with dynamic rows serialise their state).
 * Our own client writes it, so malformed JSON means a tampered request: it reads as absent and the
 * schema reports the missing fields. */
export function json(form: FormData, name: string): unknown {
  const value = form.get(name);
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
