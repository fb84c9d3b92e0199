// A judge's answer: the JSON schema it is asked for (response_format, or spelled out in a strict
// JSON instruction) and its validation. The rationale comes first so the model reasons before it
// decides.

import { z } from "zod";
import type { OutputSpec, Verdict } from "./types";

const rationale = z.string().trim().min(1, "rationale must not be empty");

export function verdictJsonSchema(output: OutputSpec): Record<string, unknown> {
  const rationaleProp = { type: "string", description: "Short reasoning for the verdict" };
  switch (output.type) {
    case "pass_fail":
      return {
        type: "object",
        properties: { rationale: rationaleProp, result: { type: "string", enum: ["pass", "fail"] } },
        required: ["rationale", "result"],
        additionalProperties: false,
      };
    case "numeric":
      return {
        type: "object",
        properties: {
          rationale: rationaleProp,
          score: { type: "number", description: `A score from ${output.min} to ${output.max}` },
        },
        required: ["rationale", "score"],
        additionalProperties: false,
      };
    case "categorical":
      return {
        type: "object",
        properties: { rationale: rationaleProp, category: { type: "string", enum: output.categories } },
        required: ["rationale", "category"],
        additionalProperties: false,
      };
  }
}

/** One line describing the expected answer, for the prompt. */
export function verdictInstruction(output: OutputSpec): string {
  switch (output.type) {
    case "pass_fail":
      return 'Answer with a JSON object: {"rationale": "<why>", "result": "pass" | "fail"}.';
    case "numeric":
      return `Answer with a JSON object: {"rationale": "<why>", "score": <a number from ${output.min} to ${output.max}>}.`;
    case "categorical":
      return `Answer with a JSON object: {"rationale": "<why>", "category": one of ${output.categories.map((c) => JSON.stringify(c)).join(", ")}}.`;
  }
}

function verdictSchema(output: OutputSpec): z.ZodType<Verdict> {
  switch (output.type) {
    case "pass_fail":
      return z
        .looseObject({ rationale, result: z.string().transform((s) => s.trim().toLowerCase()).pipe(z.enum(["pass", "fail"])) })
        .transform((v) => ({ value: v.result === "pass" ? 1 : 0, label: v.result, rationale: v.rationale }));
    case "numeric":
      return z
        .looseObject({ rationale, score: z.number().min(output.min).max(output.max) })
        .transform((v) => ({ value: v.score, label: null, rationale: v.rationale }));
    case "categorical":
      return z
        .looseObject({ rationale, category: z.enum(output.categories as [string, ...string[]]) })
        .transform((v) => ({ value: null, label: v.category, rationale: v.rationale }));
  }
}

export type ParsedVerdict = { ok: true; verdict: Verdict } | { ok: false; problem: string };

/** Parses a judge's raw answer. Tolerates a ```json fence around the object. */
export function parseVerdict(raw: string, output: OutputSpec): ParsedVerdict {
  const text = raw
    .trim()
    .replace(/^```(?:json)?\s*/i, "")
    .replace(/\s*```$/, "");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `not valid JSON (${(err as Error).message})` };
  }
  const result = verdictSchema(output).safeParse(value);
  if (result.success) return { ok: true, verdict: result.data };
  const issues = result.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  return { ok: false, problem: `does not match the verdict schema (${issues.join("; ")})` };
}
