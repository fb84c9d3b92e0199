// Code scorers: deterministic pass/fail checks that need no LLM. Output checks work on the response
// text (lib/eval/judges/derive.ts); latency / tokens / cost checks need the subject's trace.

import { z } from "zod";
import type { CodeScorerRef } from "../schemas";
import { expectedResponseText, responseText } from "./derive";
import { promptText } from "./template";
import type { JudgeOutcome, JudgeSubject } from "./types";

function verdict(pass: boolean, rationale: string): JudgeOutcome {
  return { ok: true, verdict: { value: pass ? 1 : 0, label: pass ? "pass" : "fail", rationale }, costUsd: null, judgeTraceId: null };
}

function error(message: string): JudgeOutcome {
  return { ok: false, error: message, rawText: null, costUsd: null, judgeTraceId: null, endpointFailure: false };
}

function preview(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine);
}

const compiledSchemas = new Map<string, z.ZodType>();

/** A zod validator for a JSON Schema (zod 4's fromJSONSchema), cached by the schema's text. */
export function jsonSchemaValidator(schema: Record<string, unknown>): z.ZodType {
  const key = JSON.stringify(schema);
  let validator = compiledSchemas.get(key);
  if (!validator) {
    validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    if (compiledSchemas.size > 500) compiledSchemas.clear();
    compiledSchemas.set(key, validator);
  }
  return validator;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text.trim().replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "")) };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}

function expectedFor(explicit: string | undefined, subject: JudgeSubject, scorer: string): string | JudgeOutcome {
  if (explicit !== undefined) return explicit;
  const raw = subject.expectations?.expected_response;
  if (raw !== undefined && raw !== null) return promptText(raw);
  return expectedResponseText(subject) === null
    ? error(`${scorer} needs an expected text (its parameter, or expectations.expected_response).`)
    : error(`${scorer} compares with expectations.expected_response; expected_facts are not enough.`);
}

export function runCodeScorer(scorer: CodeScorerRef, subject: JudgeSubject): JudgeOutcome {
  const trace = subject.trace;
  switch (scorer.scorer) {
    case "latency_under":
      if (!trace) return error("latency_under needs a trace (this item has no source trace).");
      return verdict(trace.latencyMs < scorer.maxMs, `Latency ${trace.latencyMs} ms vs limit ${scorer.maxMs} ms.`);
    case "tokens_under":
      if (!trace) return error("tokens_under needs a trace (this item has no source trace).");
      if (trace.totalTokens === null) return error("tokens_under needs the trace's token usage, which is unknown.");
      return verdict(trace.totalTokens < scorer.maxTokens, `${trace.totalTokens} tokens vs limit ${scorer.maxTokens}.`);
    case "cost_under":
      if (!trace) return error("cost_under needs a trace (this item has no source trace).");
      if (trace.costUsd === null) return error("cost_under needs the trace's cost, which is unknown (no price for the model).");
      return verdict(trace.costUsd < scorer.maxUsd, `Cost $${trace.costUsd} vs limit $${scorer.maxUsd}.`);
    default:
      return scoreOutput(scorer, subject);
  }
}

type OutputScorer = Exclude<CodeScorerRef, { scorer: "latency_under" | "tokens_under" | "cost_under" }>;

function scoreOutput(scorer: OutputScorer, subject: JudgeSubject): JudgeOutcome {
  const text = responseText(subject.outputs);
  if (text === null) return error("Nothing to score: there is no output.");
  switch (scorer.scorer) {
    case "exact_match": {
      const expected = expectedFor(scorer.expected, subject, "exact_match");
      if (typeof expected !== "string") return expected;
      const sensitive = scorer.caseSensitive ?? true;
      const [a, b] = sensitive ? [text.trim(), expected.trim()] : [text.trim().toLowerCase(), expected.trim().toLowerCase()];
      return verdict(a === b, a === b ? "The output equals the expected text." : `The output ${preview(text)} differs from ${preview(expected)}.`);
    }
    case "contains": {
      const needle = expectedFor(scorer.substring, subject, "contains");
      if (typeof needle !== "string") return needle;
      const sensitive = scorer.caseSensitive ?? false;
      const found = sensitive ? text.includes(needle) : text.toLowerCase().includes(needle.toLowerCase());
      return verdict(found, `The output ${found ? "contains" : "does not contain"} ${preview(needle)}.`);
    }
    case "regex": {
      const matched = new RegExp(scorer.pattern, scorer.flags ?? "").test(text);
      return verdict(matched, `The output ${matched ? "matches" : "does not match"} /${scorer.pattern}/${scorer.flags ?? ""}.`);
    }
    case "json_valid": {
      const parsed = parseJson(text);
      return verdict(parsed.ok, parsed.ok ? "The output is valid JSON." : `The output is not valid JSON: ${parsed.problem}.`);
    }
    case "json_schema": {
      const parsed = parseJson(text);
      if (!parsed.ok) return verdict(false, `The output is not valid JSON: ${parsed.problem}.`);
      let validator: z.ZodType;
      try {
        validator = jsonSchemaValidator(scorer.schema);
      } catch (err) {
        return error(`The JSON schema is not supported: ${(err as Error).message}`);
      }
      const result = validator.safeParse(parsed.value);
      if (result.success) return verdict(true, "The output matches the JSON schema.");
      const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
      return verdict(false, `The output does not match the JSON schema: ${issues.join("; ")}.`);
    }
  }
}
