// Pure helpers of the evaluation console pages: reading the JSON and list fields of their forms
// and turning values into the short texts tables show. No I/O; validation stays with the schemas
// in ./schemas.ts.

import type { JudgeRef } from "./schemas";

export type JsonText = { ok: true; value: unknown } | { ok: false; message: string };

/** A textarea holding JSON. Empty → undefined; text that is not JSON is reported (not guessed). */
export function parseJsonText(text: string | undefined | null): JsonText {
  if (text === undefined || text === null || text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: `Is not valid JSON (${(err as Error).message})` };
  }
}

/** Inputs typed by hand: JSON when it parses as an object or array, otherwise the text becomes
 * `{ "question": text }` (what the built-in judges read as the query). */
export function inputsFromText(text: string | undefined | null): unknown {
  if (text === undefined || text === null || text.trim() === "") return undefined;
  const t = text.trim();
  if (t.startsWith("{") || t.startsWith("[")) {
    const parsed = parseJsonText(t);
    if (parsed.ok) return parsed.value;
  }
  return { question: t };
}

/** Outputs typed by hand: JSON when it parses (object, array, quoted string), otherwise the text. */
export function outputsFromText(text: string | undefined | null): unknown {
  if (text === undefined || text === null || text.trim() === "") return undefined;
  const t = text.trim();
  if (/^[[{"]/.test(t)) {
    const parsed = parseJsonText(t);
    if (parsed.ok) return parsed.value;
  }
  return text;
}

/** "a, b ,, c" → ["a", "b", "c"]; empty → undefined. */
export function listFromText(text: string | undefined | null): string[] | undefined {
  if (!text) return undefined;
  const items = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** A number when the text is one, else the text itself (so the schema names the field). */
export function numberFromText(text: string | undefined | null): number | string | undefined {
  if (text === undefined || text === null || text.trim() === "") return undefined;
  const t = text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isObject(part) && typeof part.text === "string" ? part.text : ""))
      .filter(Boolean)
      .join(" ");
  }
  return content === undefined || content === null ? "" : JSON.stringify(content);
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What a table cell shows for inputs: the last user message of `{ messages }`, the `question`
 * (or `query`, `input`) of an object, a string as is, anything else as compact JSON. */
export function inputsPreview(inputs: unknown, max = 120): string {
  if (inputs === null || inputs === undefined) return "—";
  if (typeof inputs === "string") return oneLine(inputs, max);
  if (isObject(inputs)) {
    if (Array.isArray(inputs.messages)) {
      const users = inputs.messages.filter((m) => isObject(m) && m.role === "user");
      const last = users[users.length - 1] ?? inputs.messages[inputs.messages.length - 1];
      if (isObject(last)) return oneLine(contentText(last.content), max);
    }
    for (const key of ["question", "query", "input", "prompt"]) {
      if (typeof inputs[key] === "string") return oneLine(inputs[key] as string, max);
    }
  }
  return oneLine(JSON.stringify(inputs), max);
}

/** What a table cell shows for outputs: the text, or `content` of an object, else compact JSON. */
export function outputsPreview(outputs: unknown, max = 120): string {
  if (outputs === null || outputs === undefined) return "—";
  if (typeof outputs === "string") return oneLine(outputs, max);
  if (isObject(outputs)) {
    for (const key of ["content", "response", "answer", "output"]) {
      if (typeof outputs[key] === "string") return oneLine(outputs[key] as string, max);
    }
  }
  return oneLine(JSON.stringify(outputs), max);
}

/** Pretty JSON for an editable textarea ("" for null / undefined). */
export function jsonForEditing(value: unknown): string {
  if (value === null || value === undefined) return "";
  return JSON.stringify(value, null, 2);
}

/** A verdict as a short label: "pass", "fail", "4", a category, or "error". */
export function verdictLabel(v: { value: number | null; label: string | null; error?: string | null } | null | undefined): string {
  if (!v) return "—";
  if (v.error) return "error";
  if (v.label !== null) return v.label;
  if (v.value !== null) return String(Math.round(v.value * 100) / 100);
  return "—";
}

export type VerdictTone = "green" | "red" | "amber" | "gray" | "brand";

/** Badge colour of a verdict: pass green, fail red, error amber, numbers by their place on the
 * scale (top half green, bottom half red), categories neutral. */
export function verdictTone(
  v: { value: number | null; label: string | null; error?: string | null } | null | undefined,
  scale?: { min: number; max: number } | null,
): VerdictTone {
  if (!v) return "gray";
  if (v.error) return "amber";
  if (v.label === "pass") return "green";
  if (v.label === "fail") return "red";
  if (v.label === null && v.value !== null && scale) {
    const mid = (scale.min + scale.max) / 2;
    return v.value > mid ? "green" : v.value < mid ? "red" : "gray";
  }
  return "brand";
}

/** 0.8333 → "83%"; null → "—". */
export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return `${Math.round(ratio * 100)}%`;
}

/** Dollar amounts: small ones keep their significant digits ("$0.00042"), others two decimals. */
export function usd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return "—";
  if (amount === 0) return "$0";
  if (Math.abs(amount) < 0.01) return `$${Number(amount.toPrecision(2))}`;
  return `$${amount.toFixed(2)}`;
}

export interface PickerState {
  selected: string[];
  params: Record<string, string>;
  guidelines: string;
}

/** The judge picker's state (selected judge ids, code scorer parameters as JSON text, the
 * guidelines text) for stored references, e.g. when editing a rule. */
export function pickerStateOf(refs: JudgeRef[]): PickerState {
  const state: PickerState = { selected: [], params: {}, guidelines: "" };
  for (const ref of refs) {
    if (ref.type === "builtin") {
      state.selected.push(ref.judge);
      if (ref.guidelines) state.guidelines = ref.guidelines;
    } else if (ref.type === "custom") {
      state.selected.push(ref.judgeId);
    } else {
      const { type: _type, scorer, name: _name, ...params } = ref;
      state.selected.push(scorer);
      if (Object.keys(params).length) state.params[scorer] = JSON.stringify(params);
    }
  }
  return state;
}

