// Pure helpers of the evaluation console pages: reading the JSON and list fields of their forms
// and turning values into the short texts tables show. No I/O; validation stays with the schemas
// in ./schemas.ts.

import { formatUsd } from "../usage/display";
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

/** Dollar amounts in the console's one money format (lib/usage/display formatUsd: "$0.00",
 * "$0.00042", "$1.50"); no amount is a dash. */
export function usd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return "—";
  return formatUsd(amount);
}

/** One judge's aggregate in words. `headline` is what it found ("83% pass", "mean 4.2", "mostly
 * polite"), `coverage` how many items that covers ("of 6 judged"), `errors` the items it could
 * not judge ("2 errors"): a pass rate over 2 of 8 items must not read as a success on its own. */
export interface AggregateSummary {
  headline: string;
  coverage: string | null;
  errors: string | null;
  /** All of it on one line: "100% pass of 2 judged · 6 errors". */
  text: string;
}

export function aggregateSummary(a: {
  outputType: string;
  scored: number;
  errors: number;
  passRate: number | null;
  mean: number | null;
  distribution: Array<{ label: string; count: number }>;
}): AggregateSummary {
  let headline: string;
  if (a.scored === 0) headline = "no verdicts";
  else if (a.outputType === "pass_fail") headline = `${percent(a.passRate)} pass`;
  else if (a.outputType === "numeric") headline = a.mean === null ? "—" : `mean ${Math.round(a.mean * 100) / 100}`;
  else {
    const top = [...a.distribution].sort((x, y) => y.count - x.count)[0];
    headline = top ? `mostly ${top.label}` : "—";
  }
  const coverage = a.scored > 0 ? `of ${a.scored} judged` : null;
  const errors = a.errors > 0 ? `${a.errors} error${a.errors === 1 ? "" : "s"}` : null;
  const text = [[headline, coverage].filter(Boolean).join(" "), errors].filter(Boolean).join(" · ");
  return { headline, coverage, errors, text };
}

/** Chart colour of a verdict bar: pass green, fail rose, error amber, other labels by the
 * judge's output (scores violet, categories indigo). Tremor colour names. */
export function verdictColor(label: string, outputType: string): "emerald" | "rose" | "amber" | "violet" | "indigo" {
  if (label === "error") return "amber";
  if (outputType !== "numeric" && label === "pass") return "emerald";
  if (outputType !== "numeric" && label === "fail") return "rose";
  return outputType === "numeric" ? "violet" : "indigo";
}

/** A run's progress bar in parts (percent of the whole bar): items judged without error, items
 * with errors, and the colour of the first part: brand while the run goes on, green once it
 * completed, gray when cancelled or failed. The runs list and the run page draw the same bar. */
export function progressParts(run: { status: string; done: number; total: number; errors: number }): {
  pct: number;
  okPct: number;
  errorPct: number;
  tone: "brand" | "green" | "gray";
} {
  const pct = run.total > 0 ? Math.min(100, Math.round((run.done / run.total) * 100)) : run.status === "completed" ? 100 : 0;
  const errorPct = run.total > 0 ? Math.min(pct, Math.round((Math.min(run.errors, run.done) / run.total) * 100)) : 0;
  const tone = run.status === "queued" || run.status === "running" ? "brand" : run.status === "completed" ? "green" : "gray";
  return { pct, okPct: pct - errorPct, errorPct, tone };
}

/** Text with `code` spans (as judge and scorer descriptions write parameter names) in parts, for
 * rendering the code ones as <code>. Only backticks: no other markdown, and the parts are text
 * (React escapes them), never HTML. An unmatched backtick stays as it is. */
export function codeSpans(text: string): Array<{ code: boolean; text: string }> {
  const parts: Array<{ code: boolean; text: string }> = [];
  const re = /`([^`\n]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ code: false, text: text.slice(last, m.index) });
    parts.push({ code: true, text: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
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

