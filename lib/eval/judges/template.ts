// Prompt templates: `{{path}}` placeholders resolved against what is judged. Custom judges may use
// {{inputs}}, {{outputs}}, {{expectations}} and dotted paths into them ({{expectations.context}}),
// and {{trace.<field>}} / {{trace.metadata.<key>}}. Built-in judges also use the derived variables
// {{query}}, {{response}}, {{expected_response}}, {{guidelines}} and {{context}}.

import type { JudgeSubject } from "./types";

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;
export const CUSTOM_TEMPLATE_ROOTS = ["inputs", "outputs", "expectations", "trace"] as const;
export const TRACE_FIELDS = ["id", "endpoint", "model", "provider", "status", "latencyMs", "totalTokens", "costUsd", "metadata"] as const;

/** The placeholders of a template, in order of appearance (duplicates removed). */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** `{{` that does not open a well-formed placeholder (`{{outputs}`, `{{inputs[0]}}`, `{{ }}`): it
 * would reach the judge as literal text instead of the value meant. */
function malformedPlaceholders(template: string): string[] {
  const starts = new Set([...template.matchAll(PLACEHOLDER)].map((m) => m.index));
  const found: string[] = [];
  for (const m of template.matchAll(/\{\{/g)) {
    if (starts.has(m.index) || starts.has(m.index + 1)) continue; // `{{{x}}}`: the inner one is checked
    const rest = template.slice(m.index);
    const close = rest.indexOf("}}");
    const end = Math.min(close === -1 ? Infinity : close + 2, rest.search(/\n|$/), 40);
    found.push(rest.slice(0, end));
  }
  return [...new Set(found)];
}

/** Problems with a custom judge template (empty when it is valid). */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  for (const text of malformedPlaceholders(template)) {
    problems.push(`malformed placeholder '${text}': write {{outputs}}, {{inputs.question}}, {{trace.metadata.user_id}}, ...`);
  }
  const vars = templateVariables(template);
  for (const v of vars) {
    const [root, field] = v.split(".");
    if (!(CUSTOM_TEMPLATE_ROOTS as readonly string[]).includes(root)) {
      problems.push(`unknown variable {{${v}}}: use ${CUSTOM_TEMPLATE_ROOTS.map((r) => `{{${r}}}`).join(", ")} or a path into them`);
    } else if (root === "trace" && (field === undefined || !(TRACE_FIELDS as readonly string[]).includes(field))) {
      problems.push(`unknown variable {{${v}}}: trace fields are ${TRACE_FIELDS.join(", ")} (e.g. {{trace.metadata.user_id}})`);
    }
  }
  if (!vars.some((v) => v === "outputs" || v.startsWith("outputs.") || v === "inputs" || v.startsWith("inputs."))) {
    problems.push("the template must use {{outputs}} or {{inputs}}: a judge with neither has nothing to judge");
  }
  return problems;
}

/** A value as prompt text: strings as they are, everything else as indented JSON. */
export function promptText(value: unknown): string {
  if (value === undefined || value === null) return "(none)";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

function dig(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The value of a placeholder path for `subject`, plus the built-in derived variables in `extra`. */
export function resolveVariable(path: string, subject: JudgeSubject, extra: Record<string, unknown> = {}): unknown {
  const [root, ...rest] = path.split(".");
  if (root in extra) return dig(extra[root], rest);
  switch (root) {
    case "inputs":
      return dig(subject.inputs, rest);
    case "outputs":
      return dig(subject.outputs, rest);
    case "expectations":
      return dig(subject.expectations, rest);
    case "trace":
      return dig(subject.trace, rest);
    default:
      return undefined;
  }
}

export function renderTemplate(template: string, subject: JudgeSubject, extra: Record<string, unknown> = {}): string {
  return template.replace(PLACEHOLDER, (_, path: string) => promptText(resolveVariable(path, subject, extra)));
}
