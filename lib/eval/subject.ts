// What is judged: a trace (inputs = the request's messages, outputs = the assistant's answer, as
// captured) or a dataset item (its inputs / outputs / expectations, plus its source trace's facts).

import type { Db } from "../db";
import type { JudgeSubject, SubjectTrace } from "./judges/types";
import { chatInputs, chatOutputs } from "./payload-shapes";

/** The Trace columns a subject needs. */
export const SUBJECT_TRACE_SELECT = {
  id: true,
  endpointName: true,
  operation: true,
  model: true,
  provider: true,
  status: true,
  latencyMs: true,
  totalTokens: true,
  costUsd: true,
  metadata: true,
  requestPayload: true,
  responsePayload: true,
} as const;

export interface SubjectTraceRow {
  id: string;
  endpointName: string;
  /** "chat", "embeddings", …: tells a Responses request's `input` from an embeddings one. */
  operation?: string;
  model: string | null;
  provider: string | null;
  status: string;
  latencyMs: number;
  totalTokens: number | null;
  costUsd: number | null;
  metadata: unknown;
  requestPayload: string | null;
  responsePayload: string | null;
}

function parsePayload(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Cut at the capture size limit: keep the text, a judge can still read it.
    return text;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A captured request → inputs: `{ system?, messages }` for chat requests of every wire format
 * (lib/eval/payload-shapes.ts); anything else as-is. */
export function inputsFromRequest(request: unknown, operation?: string | null): unknown {
  return chatInputs(request, operation);
}

/** A captured response → outputs: the assistant's text, or `{ content, tool_calls }` when it
 * called tools (OpenAI chat and Responses, Anthropic, Gemini); anything else as-is. A failed call's
 * captured response is the error body the client got (OpenAI's, Anthropic's or Google's shape):
 * no output to judge or copy. */
export function outputsFromResponse(response: unknown): unknown {
  return isErrorBody(response) ? undefined : chatOutputs(response);
}

/** `{"error": {...}}` (OpenAI, Google) or `{"type": "error", "error": {...}}` (Anthropic), and
 * nothing an answer would carry. */
function isErrorBody(value: unknown): boolean {
  if (!isObject(value) || !isObject(value.error)) return false;
  const keys = Object.keys(value);
  return keys.every((k) => k === "error" || (k === "type" && value.type === "error"));
}

export function traceFacts(row: SubjectTraceRow): SubjectTrace {
  return {
    id: row.id,
    endpoint: row.endpointName,
    model: row.model,
    provider: row.provider,
    status: row.status,
    latencyMs: row.latencyMs,
    totalTokens: row.totalTokens,
    costUsd: row.costUsd,
    metadata: isObject(row.metadata) ? row.metadata : null,
  };
}

export function subjectFromTrace(row: SubjectTraceRow): JudgeSubject {
  return {
    inputs: inputsFromRequest(parsePayload(row.requestPayload), row.operation),
    outputs: outputsFromResponse(parsePayload(row.responsePayload)),
    expectations: null,
    trace: traceFacts(row),
  };
}

export interface SubjectItemRow {
  inputs: unknown;
  outputs: unknown;
  expectations: unknown;
  sourceTraceId: string | null;
}

export function subjectFromItem(item: SubjectItemRow, trace: SubjectTraceRow | null): JudgeSubject {
  return {
    inputs: item.inputs,
    outputs: item.outputs ?? null,
    expectations: isObject(item.expectations) ? item.expectations : null,
    trace: trace ? traceFacts(trace) : null,
  };
}

export async function loadSubjectTrace(db: Db, id: string): Promise<SubjectTraceRow | null> {
  return db.trace.findUnique({ where: { id }, select: SUBJECT_TRACE_SELECT });
}
