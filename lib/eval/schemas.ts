// Input schemas of evaluation: judge references (built-in, custom, code scorers), custom judges,
// datasets and items, runs and online rules. Shared by the admin API, server actions and forms.
// Response shapes are in ./view-schemas.ts.

import { z } from "zod";
import { endpointNameSchema } from "../endpoints/schemas";
import { traceFiltersSchema } from "../tracing/schemas";
import { templateProblems } from "./judges/template";

export const BUILTIN_JUDGES = [
  "correctness",
  "relevance_to_query",
  "safety",
  "guidelines",
  "completeness",
  "fluency",
  "groundedness",
] as const;
export type BuiltinJudgeName = (typeof BUILTIN_JUDGES)[number];

export const OUTPUT_TYPES = ["pass_fail", "numeric", "categorical"] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

export const CODE_SCORERS = [
  "exact_match",
  "contains",
  "regex",
  "json_valid",
  "json_schema",
  "latency_under",
  "tokens_under",
  "cost_under",
] as const;
export type CodeScorerName = (typeof CODE_SCORERS)[number];

export const RUN_STATUSES = ["queued", "running", "completed", "cancelled", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** "skipped": never judged because the run was cancelled first. */
export const ITEM_STATUSES = ["pending", "running", "done", "error", "skipped"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const MAX_JUDGES_PER_RUN = 20;
export const MAX_RUN_ITEMS = 5_000;
export const MAX_DATASET_ITEMS_PER_REQUEST = 1_000;

// ── judge references ────────────────────────────────────────────────────────────────────────────

export const scoreNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,63}$/, "must be 1-64 letters, digits, spaces, '.', '_', ':' or '-'")
  .describe("Name of the score this judge produces (unique within a run or rule)");

const name = scoreNameSchema.optional();
const judgeEndpoint = endpointNameSchema.optional().describe("Chat endpoint that judges (default: the run's judgeEndpoint)");

export const builtinJudgeRefSchema = z
  .strictObject({
    type: z.literal("builtin"),
    judge: z.enum(BUILTIN_JUDGES),
    name,
    endpoint: judgeEndpoint,
    guidelines: z
      .string()
      .trim()
      .min(1)
      .max(10_000)
      .optional()
      .describe("Guidelines judge: the guidelines (otherwise taken from expectations.guidelines)"),
  })
  .describe("A built-in LLM judge");

export const customJudgeRefSchema = z
  .strictObject({ type: z.literal("custom"), judgeId: z.string().min(1), name, endpoint: judgeEndpoint })
  .describe("A custom LLM judge");

function compiles(pattern: string, flags = ""): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

/** Why zod cannot validate with a JSON Schema (what the json_schema scorer uses); null when it can. */
function jsonSchemaProblem(schema: Record<string, unknown>): string | null {
  try {
    z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

const expectedText = z.string().max(100_000).optional();
const code = <S extends CodeScorerName, T extends z.ZodRawShape>(scorer: S, shape: T) =>
  z.strictObject({ type: z.literal("code"), scorer: z.literal(scorer), name, ...shape });

export const codeScorerRefSchema = z
  .discriminatedUnion("scorer", [
    code("exact_match", {
      expected: expectedText.describe("Expected text (default: expectations.expected_response)"),
      caseSensitive: z.boolean().optional().describe("Default true"),
    }),
    code("contains", {
      substring: expectedText.describe("Text the output must contain (default: expectations.expected_response)"),
      caseSensitive: z.boolean().optional().describe("Default false"),
    }),
    code("regex", {
      pattern: z.string().min(1).max(2_000),
      flags: z.string().regex(/^[imsu]*$/, "flags may only be i, m, s, u").optional(),
    }).refine((r) => compiles(r.pattern, r.flags), { message: "is not a valid regular expression", path: ["pattern"] }),
    code("json_valid", {}),
    code("json_schema", {
      schema: z.record(z.string(), z.unknown()).describe("JSON Schema the output (parsed as JSON) must match"),
    }).superRefine((r, ctx) => {
      // Checked here so an unsupported schema is refused up front, not an error on every item.
      const problem = jsonSchemaProblem(r.schema);
      if (problem) ctx.addIssue({ code: "custom", path: ["schema"], message: `is not a supported JSON Schema: ${problem}` });
    }),
    code("latency_under", { maxMs: z.int().positive().describe("Pass when the trace took less than this") }),
    code("tokens_under", { maxTokens: z.int().positive().describe("Pass when the trace's total tokens are below this") }),
    code("cost_under", { maxUsd: z.number().positive().describe("Pass when the trace cost less than this (USD)") }),
  ])
  .describe("A code scorer (no LLM)");
export type CodeScorerRef = z.output<typeof codeScorerRefSchema>;

export const judgeRefSchema = z.discriminatedUnion("type", [builtinJudgeRefSchema, customJudgeRefSchema, codeScorerRefSchema]);
export type JudgeRef = z.output<typeof judgeRefSchema>;
export type JudgeRefInput = z.input<typeof judgeRefSchema>;

export const judgeRefsSchema = z.array(judgeRefSchema).min(1, "choose at least one judge").max(MAX_JUDGES_PER_RUN);

// ── custom judges ───────────────────────────────────────────────────────────────────────────────

const judgeNameSchema = scoreNameSchema
  .refine((n) => !(BUILTIN_JUDGES as readonly string[]).includes(n.toLowerCase()), "is the name of a built-in judge")
  .describe("Unique name; also the name of its scores");

const templateSchema = z
  .string()
  .min(1)
  .max(20_000)
  .superRefine((t, ctx) => {
    for (const message of templateProblems(t)) ctx.addIssue({ code: "custom", message });
  })
  .describe("Prompt: {{inputs}}, {{outputs}}, {{expectations}}, {{expectations.<key>}}, {{trace.metadata.<key>}}, ...");

const judgeFields = {
  name: judgeNameSchema,
  description: z.string().trim().max(2_000).nullable().optional(),
  template: templateSchema,
  outputType: z.enum(OUTPUT_TYPES).describe("pass_fail, numeric (scaleMin..scaleMax) or categorical (categories)"),
  scaleMin: z.number().nullable().optional().describe("numeric: lowest score (default 1)"),
  scaleMax: z.number().nullable().optional().describe("numeric: highest score (default 5)"),
  categories: z
    .array(z.string().trim().min(1).max(100))
    .min(2)
    .max(50)
    .refine((c) => new Set(c).size === c.length, "must be distinct")
    .nullable()
    .optional()
    .describe("categorical: the allowed categories"),
  endpoint: endpointNameSchema.nullable().optional().describe("Default chat endpoint that judges"),
};

type OutputFields = { outputType?: OutputType; scaleMin?: number | null; scaleMax?: number | null; categories?: string[] | null };

/** Cross-field rules of the output definition (applied to the merged judge on update). */
export function outputProblems(j: OutputFields): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  if (j.outputType === "numeric") {
    const min = j.scaleMin ?? 1;
    const max = j.scaleMax ?? 5;
    if (!(min < max)) out.push({ path: "scaleMax", message: "must be greater than scaleMin" });
  } else if (j.scaleMin != null || j.scaleMax != null) {
    out.push({ path: j.scaleMin != null ? "scaleMin" : "scaleMax", message: "only applies to outputType numeric" });
  }
  if (j.outputType === "categorical" && !j.categories?.length) {
    out.push({ path: "categories", message: "is required for outputType categorical" });
  } else if (j.outputType !== "categorical" && j.categories?.length) {
    out.push({ path: "categories", message: "only applies to outputType categorical" });
  }
  return out;
}

export const createJudgeSchema = z
  .strictObject(judgeFields)
  .superRefine((j, ctx) => {
    for (const p of outputProblems(j)) ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
  })
  .describe("Create a custom LLM judge");
export type CreateJudgeInput = z.input<typeof createJudgeSchema>;

export const updateJudgeSchema = z
  .strictObject(judgeFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "at least one field is required")
  .describe("Change a custom judge; a new template or output definition bumps its version");
export type UpdateJudgeInput = z.input<typeof updateJudgeSchema>;

export const tryJudgeSchema = z
  .strictObject({
    traceId: z.string().min(1).describe("The trace to judge"),
    endpoint: endpointNameSchema.optional().describe("Chat endpoint that judges (LLM judges; default: the judge's)"),
    guidelines: z.string().trim().min(1).max(10_000).optional().describe("Guidelines judge: the guidelines"),
    expectations: z.record(z.string(), z.unknown()).optional().describe("e.g. expected_response, context"),
    params: z.record(z.string(), z.unknown()).optional().describe("Code scorers: their parameters, e.g. { pattern }"),
  })
  .describe("Run a judge on one trace without recording a score");
export type TryJudgeInput = z.input<typeof tryJudgeSchema>;

// ── datasets ────────────────────────────────────────────────────────────────────────────────────

/** Where a JSON value holds the NUL character (U+0000, in a string or a key), which PostgreSQL's
 * jsonb cannot store; null when it holds none. */
function nulPath(value: unknown, path: Array<string | number> = []): Array<string | number> | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulPath(v, [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) return [...path, k];
      const found = nulPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

const noNul = (value: unknown, ctx: z.RefinementCtx) => {
  const path = nulPath(value);
  if (path) ctx.addIssue({ code: "custom", path, message: "must not contain the NUL character (\\u0000)" });
};

const jsonValue = z.json().superRefine(noNul).describe("Any JSON value");
const expectationsSchema = z
  .record(z.string(), z.json())
  .superRefine(noNul)
  .nullable()
  .describe("Expected values: expected_response, expected_facts, guidelines, context, ...");

export const datasetNameSchema = z.string().trim().min(1).max(100);
const traceIdsSchema = z.array(z.string().min(1).max(200)).min(1).max(MAX_DATASET_ITEMS_PER_REQUEST);

export const createDatasetSchema = z
  .strictObject({
    name: datasetNameSchema,
    description: z.string().trim().max(2_000).nullable().optional(),
    traceIds: traceIdsSchema.optional().describe("Copy these traces in as items (inputs and outputs)"),
  })
  .describe("Create a dataset, optionally from traces");
export type CreateDatasetInput = z.input<typeof createDatasetSchema>;

export const updateDatasetSchema = z
  .strictObject({ name: datasetNameSchema.optional(), description: z.string().trim().max(2_000).nullable().optional() })
  .refine((v) => Object.keys(v).length > 0, "at least one field is required");
export type UpdateDatasetInput = z.input<typeof updateDatasetSchema>;

export const datasetItemInputSchema = z
  .strictObject({
    inputs: jsonValue.refine((v) => v !== null, "is required").describe("What was asked (e.g. { messages } or { question })"),
    outputs: jsonValue.optional().describe("The answer to judge"),
    expectations: expectationsSchema.optional(),
    sourceTraceId: z.string().min(1).max(200).superRefine(noNul).nullable().optional(),
  })
  .describe("A dataset item");
export type DatasetItemInput = z.input<typeof datasetItemInputSchema>;

export const addDatasetItemsSchema = z
  .strictObject({
    items: z.array(datasetItemInputSchema).min(1).max(MAX_DATASET_ITEMS_PER_REQUEST).optional(),
    traceIds: traceIdsSchema.optional().describe("Copy these traces in as items"),
  })
  .refine((v) => (v.items === undefined) !== (v.traceIds === undefined), "give exactly one of items or traceIds")
  .describe("Add items by hand or from traces");
export type AddDatasetItemsInput = z.input<typeof addDatasetItemsSchema>;

export const updateDatasetItemSchema = z
  .strictObject({ inputs: jsonValue.optional(), outputs: jsonValue.optional(), expectations: expectationsSchema.optional() })
  .refine((v) => Object.keys(v).length > 0, "at least one field is required")
  .refine((v) => v.inputs !== null, { message: "inputs cannot be null", path: ["inputs"] })
  .describe("Edit an item (typically its expectations)");
export type UpdateDatasetItemInput = z.input<typeof updateDatasetItemSchema>;

export const listDatasetItemsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page"),
});

export const importDatasetSchema = z
  .strictObject({
    format: z.enum(["jsonl", "csv"]),
    content: z.string().min(1).describe("JSONL: one {inputs, outputs?, expectations?} per line. CSV: a header row with inputs, outputs, expectations columns (cells: JSON or plain text)"),
  })
  .describe("Import items; all rows or none");
export type ImportDatasetInput = z.input<typeof importDatasetSchema>;

// ── runs ────────────────────────────────────────────────────────────────────────────────────────

/** The trace explorer's filters as URL-style strings (lib/tracing/schemas.ts), without paging. */
export const runTraceFilterSchema = z
  .record(z.string(), z.string())
  .superRefine((filter, ctx) => {
    for (const key of ["limit", "cursor"]) {
      if (key in filter) ctx.addIssue({ code: "custom", path: [key], message: "paging is not part of a run's filter" });
    }
    const parsed = traceFiltersSchema.safeParse(filter);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: "custom", message: issue.message });
  })
  .describe("Trace explorer filters (endpoint, team, model, status, range / from / to, caller, excludeCaller, q, ...), as in its URL");

export const runSourceSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("traces"),
    filter: runTraceFilterSchema.default({}),
    sampleSize: z.int().min(1).max(MAX_RUN_ITEMS).optional().describe(`Random sample of the matching traces (max ${MAX_RUN_ITEMS})`),
  }),
  z.strictObject({ type: z.literal("dataset"), datasetId: z.string().min(1) }),
]);

export const createRunSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    source: runSourceSchema,
    judges: judgeRefsSchema,
    judgeEndpoint: endpointNameSchema.optional().describe("Chat endpoint for LLM judges that name none"),
  })
  .describe("Start an evaluation run");
export type CreateRunInput = z.input<typeof createRunSchema>;

export const listRunsQuerySchema = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page"),
});

export const runResultsQuerySchema = z.strictObject({
  status: z.enum(ITEM_STATUSES).optional(),
  judge: z.string().max(100).optional().describe("With label: only items this judge labelled so"),
  label: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.coerce.number().int().min(0).optional().describe("`nextCursor` of the previous page"),
});

export const compareQuerySchema = z.strictObject({ a: z.string().min(1), b: z.string().min(1) });

// ── online rules ────────────────────────────────────────────────────────────────────────────────

const stringList = z.array(z.string().min(1).max(200)).min(1).max(50);

export const ruleFilterSchema = z
  .strictObject({
    status: z.enum(["ok", "error"]).optional(),
    provider: stringList.optional(),
    model: stringList.optional(),
    team: stringList.optional().describe("Team ids"),
    minLatencyMs: z.int().min(0).optional(),
    metadata: z.record(z.string(), z.string()).optional().describe("Trace metadata keys that must equal these values"),
  })
  .describe("Only traces matching every given condition are sampled");
export type RuleFilter = z.output<typeof ruleFilterSchema>;

const sampleRate = z.number().gt(0, "must be > 0").max(1).describe("Share of the endpoint's traces to score, 0 < rate <= 1");

export const createRuleSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    endpoint: z.string().min(1).describe("The endpoint whose traces are scored (id or name)"),
    judges: judgeRefsSchema,
    judgeEndpoint: endpointNameSchema.optional(),
    sampleRate,
    filter: ruleFilterSchema.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .describe("Create an online evaluation rule");
export type CreateRuleInput = z.input<typeof createRuleSchema>;

export const updateRuleSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    judges: judgeRefsSchema.optional(),
    judgeEndpoint: endpointNameSchema.optional().describe("Chat endpoint for LLM judges that name none"),
    sampleRate: sampleRate.optional(),
    filter: ruleFilterSchema.nullable().optional(),
    enabled: z.boolean().optional(),
    paused: z.boolean().optional().describe("false resumes a paused rule (and resets its failure count)"),
  })
  .refine((v) => Object.keys(v).length > 0, "at least one field is required")
  .describe("Change an online evaluation rule");
export type UpdateRuleInput = z.input<typeof updateRuleSchema>;
