// Response shapes of the evaluation API (OpenAPI document) and the matching TypeScript views the
// services return (dates as Date; JSON serialises them as ISO 8601 strings).

import { z } from "zod";
import { timestampSchema } from "../api/timestamp";
import { ITEM_STATUSES, OUTPUT_TYPES, RUN_STATUSES, judgeRefSchema, ruleFilterSchema, type ItemStatus, type JudgeRef, type OutputType, type RuleFilter, type RunStatus } from "./schemas";

const nullableTime = timestampSchema.nullable();

export const judgeSchema = z
  .object({
    id: z.string().describe("Built-in judge or code scorer name, or the custom judge's id"),
    kind: z.enum(["builtin", "custom", "code"]),
    name: z.string(),
    description: z.string().nullable(),
    version: z.int(),
    outputType: z.enum(OUTPUT_TYPES),
    scale: z.object({ min: z.number(), max: z.number() }).nullable(),
    categories: z.array(z.string()).nullable(),
    requires: z.array(z.string()).describe("Inputs the judge needs, e.g. expected_response, context, guidelines"),
    template: z.string().nullable().describe("LLM judges: the prompt template"),
    endpoint: z.string().nullable().describe("Custom judges: default judge endpoint"),
    createdAt: nullableTime,
    updatedAt: nullableTime,
  })
  .describe("A judge: built-in, custom or code scorer");
export interface JudgeView {
  id: string;
  kind: "builtin" | "custom" | "code";
  name: string;
  description: string | null;
  version: number;
  outputType: OutputType;
  scale: { min: number; max: number } | null;
  categories: string[] | null;
  requires: string[];
  template: string | null;
  endpoint: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export const scoreSchema = z
  .object({
    id: z.string(),
    traceId: z.string().nullable(),
    runId: z.string().nullable(),
    runItemId: z.string().nullable(),
    ruleId: z.string().nullable(),
    datasetItemId: z.string().nullable(),
    judgeName: z.string(),
    judgeVersion: z.int(),
    value: z.number().nullable().describe("pass_fail: 1/0; numeric: the score"),
    label: z.string().nullable().describe("pass/fail or the category"),
    rationale: z.string().nullable(),
    error: z.string().nullable().describe("Why the judge gave no verdict"),
    rawText: z.string().nullable().describe("The judge's unparseable answer"),
    costUsd: z.number().nullable(),
    judgeTraceId: z.string().nullable().describe("Trace of the judge call (caller judge)"),
    createdAt: timestampSchema,
  })
  .describe("One judge's verdict");
export interface ScoreView {
  id: string;
  traceId: string | null;
  runId: string | null;
  runItemId: string | null;
  ruleId: string | null;
  datasetItemId: string | null;
  judgeName: string;
  judgeVersion: number;
  value: number | null;
  label: string | null;
  rationale: string | null;
  error: string | null;
  rawText: string | null;
  costUsd: number | null;
  judgeTraceId: string | null;
  createdAt: Date;
}

export const datasetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    itemCount: z.int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe("A dataset");
export interface DatasetView {
  id: string;
  name: string;
  description: string | null;
  itemCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export const datasetItemSchema = z
  .object({
    id: z.string(),
    datasetId: z.string(),
    inputs: z.json(),
    outputs: z.json().nullable(),
    expectations: z.record(z.string(), z.json()).nullable(),
    sourceTraceId: z.string().nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe("A dataset item");
export interface DatasetItemView {
  id: string;
  datasetId: string;
  inputs: unknown;
  outputs: unknown;
  expectations: Record<string, unknown> | null;
  sourceTraceId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const datasetItemPageSchema = z.object({ data: z.array(datasetItemSchema), nextCursor: z.string().nullable() });
export interface DatasetItemPage {
  data: DatasetItemView[];
  nextCursor: string | null;
}

export const importResultSchema = z.object({ imported: z.int() }).describe("Rows imported");

const runJudgeSchema = z.object({
  name: z.string(),
  kind: z.enum(["llm", "code"]),
  version: z.int(),
  source: z.string().describe("builtin, custom or code"),
  ref: z.string().describe("Built-in judge / code scorer name, or custom judge id"),
  endpoint: z.string().nullable(),
  outputType: z.enum(OUTPUT_TYPES),
});
export interface RunJudgeView {
  name: string;
  kind: "llm" | "code";
  version: number;
  source: "builtin" | "custom" | "code";
  ref: string;
  endpoint: string | null;
  outputType: OutputType;
}

export const runSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(RUN_STATUSES),
    source: z.discriminatedUnion("type", [
      z.object({ type: z.literal("traces"), filter: z.record(z.string(), z.string()), sampleSize: z.int().nullable() }),
      z.object({ type: z.literal("dataset"), datasetId: z.string(), datasetName: z.string().nullable() }),
    ]),
    judges: z.array(runJudgeSchema),
    total: z.int(),
    done: z.int().describe("Items finished, with or without errors"),
    errors: z.int().describe("Items finished with at least one judge error"),
    progress: z.number().describe("done / total, 0..1"),
    judgeCostUsd: z.number(),
    error: z.string().nullable().describe("Why the run failed"),
    createdAt: timestampSchema,
    startedAt: nullableTime,
    finishedAt: nullableTime,
  })
  .describe("An evaluation run with its progress");
export interface RunView {
  id: string;
  name: string;
  status: RunStatus;
  source: { type: "traces"; filter: Record<string, string>; sampleSize: number | null } | { type: "dataset"; datasetId: string; datasetName: string | null };
  judges: RunJudgeView[];
  total: number;
  done: number;
  errors: number;
  progress: number;
  judgeCostUsd: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export const judgeAggregateSchema = z
  .object({
    judgeName: z.string(),
    outputType: z.enum(OUTPUT_TYPES),
    scored: z.int().describe("Verdicts given"),
    errors: z.int().describe("Items the judge could not score"),
    passRate: z.number().nullable().describe("pass_fail: passes / scored"),
    mean: z.number().nullable().describe("numeric: mean score"),
    distribution: z.array(z.object({ label: z.string(), count: z.int() })).describe("Count per label / score"),
    costUsd: z.number(),
  })
  .describe("Per-judge aggregate of a run");
export interface JudgeAggregate {
  judgeName: string;
  outputType: OutputType;
  scored: number;
  errors: number;
  passRate: number | null;
  mean: number | null;
  distribution: Array<{ label: string; count: number }>;
  costUsd: number;
}

export const runDetailSchema = runSchema.extend({ aggregates: z.array(judgeAggregateSchema) }).describe("A run with per-judge aggregates");
export interface RunDetail extends RunView {
  aggregates: JudgeAggregate[];
}
export const runPageSchema = z.object({ data: z.array(runSchema), nextCursor: z.string().nullable() });
export interface RunPage {
  data: RunView[];
  nextCursor: string | null;
}

export const runItemResultSchema = z
  .object({
    id: z.string(),
    position: z.int(),
    status: z.enum(ITEM_STATUSES),
    traceId: z.string().nullable(),
    datasetItemId: z.string().nullable(),
    sourceTraceId: z.string().nullable().describe("Dataset items: the trace the item was copied from (null when typed or imported)"),
    inputs: z.json().nullable(),
    outputs: z.json().nullable(),
    expectations: z.record(z.string(), z.json()).nullable(),
    error: z.string().nullable(),
    costUsd: z.number().nullable(),
    scores: z.record(z.string(), scoreSchema).describe("By judge name"),
  })
  .describe("One item of a run with each judge's score");
export interface RunItemResult {
  id: string;
  position: number;
  status: ItemStatus;
  traceId: string | null;
  datasetItemId: string | null;
  /** Dataset items: the trace the item was copied from; null otherwise. */
  sourceTraceId: string | null;
  inputs: unknown;
  outputs: unknown;
  expectations: Record<string, unknown> | null;
  error: string | null;
  costUsd: number | null;
  scores: Record<string, ScoreView>;
}
export const runResultsPageSchema = z.object({ data: z.array(runItemResultSchema), nextCursor: z.int().nullable() });
export interface RunResultsPage {
  data: RunItemResult[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: number | null;
}

const verdictOf = z.object({ value: z.number().nullable(), label: z.string().nullable(), error: z.string().nullable() }).nullable();
export const runComparisonSchema = z
  .object({
    a: runSchema,
    b: runSchema,
    matched: z.int().describe("Items present in both runs (same trace or dataset item)"),
    onlyInA: z.int(),
    onlyInB: z.int(),
    judges: z.array(
      z.object({
        judgeName: z.string(),
        a: judgeAggregateSchema.nullable(),
        b: judgeAggregateSchema.nullable(),
        changed: z.int().describe("Matched items whose verdict differs"),
      }),
    ),
    changes: z
      .array(
        z.object({
          traceId: z.string().nullable(),
          datasetItemId: z.string().nullable(),
          itemA: z.string(),
          itemB: z.string(),
          inputs: z.json().nullable().describe("What the item asked (run A's copy), to tell the items apart"),
          judges: z.record(z.string(), z.object({ a: verdictOf, b: verdictOf })).describe("Only judges whose verdict changed"),
        }),
      )
      .describe("Matched items whose verdict changed (first 500)"),
  })
  .describe("Two runs side by side");
export interface VerdictSummary {
  value: number | null;
  label: string | null;
  error: string | null;
}
export interface RunComparison {
  a: RunView;
  b: RunView;
  matched: number;
  onlyInA: number;
  onlyInB: number;
  judges: Array<{ judgeName: string; a: JudgeAggregate | null; b: JudgeAggregate | null; changed: number }>;
  changes: Array<{
    traceId: string | null;
    datasetItemId: string | null;
    itemA: string;
    itemB: string;
    /** What the item asked (run A's copy: its snapshot, its trace's request or its dataset item). */
    inputs: unknown;
    judges: Record<string, { a: VerdictSummary | null; b: VerdictSummary | null }>;
  }>;
}

export const ruleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    endpointId: z.string(),
    endpointName: z.string(),
    judges: z.array(judgeRefSchema),
    sampleRate: z.number(),
    filter: ruleFilterSchema.nullable(),
    enabled: z.boolean(),
    paused: z.boolean().describe("Paused by itself after repeated judge failures (see pausedReason)"),
    pausedReason: z.string().nullable(),
    pausedAt: nullableTime,
    consecutiveFailures: z.int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe("An online evaluation rule");
export interface RuleView {
  id: string;
  name: string;
  endpointId: string;
  endpointName: string;
  judges: JudgeRef[];
  sampleRate: number;
  filter: RuleFilter | null;
  enabled: boolean;
  paused: boolean;
  pausedReason: string | null;
  pausedAt: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
}

export const tryJudgeResultSchema = z
  .object({
    judgeName: z.string(),
    judgeVersion: z.int(),
    value: z.number().nullable(),
    label: z.string().nullable(),
    rationale: z.string().nullable(),
    error: z.string().nullable(),
    rawText: z.string().nullable(),
    costUsd: z.number().nullable(),
    judgeTraceId: z.string().nullable(),
  })
  .describe("A judge's verdict on one trace (not recorded)");
export interface TryJudgeResult {
  judgeName: string;
  judgeVersion: number;
  value: number | null;
  label: string | null;
  rationale: string | null;
  error: string | null;
  rawText: string | null;
  costUsd: number | null;
  judgeTraceId: string | null;
}
