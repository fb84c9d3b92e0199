// Response shapes of `GET /api/v1/traces[/{id}]` for the OpenAPI document (lib/api/openapi.ts).
// The services return the TypeScript views of queries.ts (dates as Date; JSON serialises them as
// ISO 8601 strings); the compiler checks below keep both with the same fields.

import { z } from "zod";
import type { AllTrue, SameKeys } from "../api/same-keys";
import { timestampSchema } from "../api/timestamp";
import type { SpanView, TraceDetail, TraceListItem, TracePage, TraceScore, TraceScoreSummary } from "./queries";
import { TRACE_STATUSES } from "./schemas";

const scoreSummarySchema = z
  .object({
    judgeName: z.string(),
    value: z.number().nullable().describe("pass_fail: 1/0; numeric: the score; categorical: null"),
    label: z.string().nullable().describe("pass/fail, the category, or null"),
    error: z.string().nullable().describe("Why the judge gave no verdict"),
    createdAt: timestampSchema,
  })
  .describe("The latest verdict of one judge on a trace");

const traceScoreSchema = scoreSummarySchema
  .extend({
    id: z.string(),
    judgeVersion: z.int(),
    rationale: z.string().nullable(),
    rawText: z.string().nullable().describe("The judge's unparseable answer"),
    costUsd: z.number().nullable(),
    judgeTraceId: z.string().nullable().describe("Trace of the judge call (caller judge)"),
    runId: z.string().nullable(),
    runName: z.string().nullable(),
    ruleId: z.string().nullable(),
    ruleName: z.string().nullable(),
    datasetName: z.string().nullable().describe("A dataset run's score of an item copied from this trace: the item's dataset"),
  })
  .describe("One evaluation score of a trace");

const nullableInt = z.int().nullable();

const traceListItemSchema = z
  .object({
    id: z.string().describe("The request id (x-request-id)"),
    startedAt: timestampSchema,
    endpoint: z.string(),
    endpointId: z.string().nullable(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable().describe("null without a team or when the team was deleted"),
    tokenId: z.string().nullable(),
    route: z.string().describe("Gateway route: unified, invocations, passthrough-anthropic, passthrough-openai, passthrough-gemini"),
    operation: z.string().describe("chat, embeddings or count_tokens"),
    provider: z.string().nullable().describe("Provider of the final attempt"),
    model: z.string().nullable(),
    status: z.enum(TRACE_STATUSES),
    httpStatus: z.int(),
    errorType: z.string().nullable(),
    errorMessage: z.string().nullable(),
    latencyMs: z.int(),
    ttftMs: nullableInt.describe("Streams: time to first token"),
    inputTokens: nullableInt,
    outputTokens: nullableInt,
    cacheReadTokens: nullableInt,
    cacheCreationTokens: nullableInt,
    totalTokens: nullableInt,
    costUsd: z.number().nullable().describe("null = unknown (no price for the model), never 0 for unpriced usage"),
    streaming: z.boolean(),
    attempts: z.int().describe("Upstream attempts (fallbacks)"),
    caller: z.string().nullable().describe("x-gatehouse-caller tag (cut to 64 characters)"),
    scores: z.array(scoreSummarySchema).optional().describe("The latest verdict of each judge"),
  })
  .describe("A trace as the list shows it (no payloads)");

export const tracePageSchema = z
  .object({
    data: z.array(traceListItemSchema),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next (older) page; null on the last page"),
  })
  .describe("A page of traces, newest first");

const spanSchema = z
  .object({
    attempt: z.int().describe("0-based, in order"),
    provider: z.string(),
    model: z.string(),
    startedAt: timestampSchema,
    endedAt: timestampSchema,
    latencyMs: z.int(),
    status: z.enum(["ok", "error", "timeout", "cancelled"]),
    httpStatus: nullableInt,
    error: z.string().nullable(),
    inputTokens: nullableInt,
    outputTokens: nullableInt,
    cacheReadTokens: nullableInt,
    cacheCreationTokens: nullableInt,
  })
  .describe("One upstream attempt");

export const traceDetailSchema = traceListItemSchema
  .extend({
    inputCostUsd: z.number().nullable(),
    outputCostUsd: z.number().nullable(),
    requestPayload: z.string().nullable().describe("JSON text as captured; null when capture was off; cut when requestTruncated"),
    responsePayload: z.string().nullable().describe("JSON text (streams: the assembled final message); cut when responseTruncated"),
    payloadTruncated: z.boolean().describe("Either payload was cut at the size cap (requestTruncated || responseTruncated)"),
    requestTruncated: z
      .boolean()
      .describe("The request payload was cut at the size cap (traces written before this field existed: true when either was cut)"),
    responseTruncated: z
      .boolean()
      .describe("The response payload was cut at the size cap (traces written before this field existed: true when either was cut)"),
    metadata: z.record(z.string(), z.unknown()).nullable().describe("The x-gatehouse-metadata object"),
    traceparent: z.string().nullable(),
    tokenName: z.string().nullable().describe("Name of the team token that made the call"),
    spans: z.array(spanSchema),
    scores: z.array(traceScoreSchema).optional().describe("Every evaluation score, newest first"),
  })
  .describe("One trace with its attempts, payloads and scores");

// The schemas document exactly the views' fields (a field added to one only fails to compile).
true satisfies AllTrue<[
  SameKeys<z.output<typeof scoreSummarySchema>, TraceScoreSummary>,
  SameKeys<z.output<typeof traceScoreSchema>, TraceScore>,
  SameKeys<z.output<typeof traceListItemSchema>, TraceListItem>,
  SameKeys<z.output<typeof tracePageSchema>, TracePage>,
  SameKeys<z.output<typeof spanSchema>, SpanView>,
  SameKeys<z.output<typeof traceDetailSchema>, TraceDetail>,
]>;
