// What a judge looks at, what it answers, and the resolved judge specs runs and rules execute.

import type { CodeScorerRef } from "../schemas";

/** The trace facts a judge may use (null for dataset items without a source trace). */
export interface SubjectTrace {
  id: string;
  endpoint: string;
  model: string | null;
  provider: string | null;
  status: string;
  latencyMs: number;
  totalTokens: number | null;
  costUsd: number | null;
  metadata: Record<string, unknown> | null;
}

/** One thing to judge: a trace (inputs = request messages, outputs = the assistant answer) or a
 * dataset item. */
export interface JudgeSubject {
  inputs: unknown;
  outputs: unknown;
  expectations: Record<string, unknown> | null;
  trace: SubjectTrace | null;
}

export type OutputSpec =
  | { type: "pass_fail" }
  | { type: "numeric"; min: number; max: number }
  | { type: "categorical"; categories: string[] };

export interface Verdict {
  /** pass_fail: 1 / 0; numeric: the score; categorical: null */
  value: number | null;
  /** pass_fail: "pass" | "fail"; categorical: the category; numeric: null */
  label: string | null;
  rationale: string;
}

export type JudgeOutcome =
  | { ok: true; verdict: Verdict; costUsd: number | null; judgeTraceId: string | null }
  | {
      ok: false;
      error: string;
      /** The judge's last answer when it could not be parsed. */
      rawText: string | null;
      costUsd: number | null;
      judgeTraceId: string | null;
      /** The judge model could not be reached or refused the call (auth, rate limit, 5xx): counts
       * towards pausing an online rule. A malformed answer or a missing input does not. */
      endpointFailure: boolean;
    };

export interface ResolvedLlmJudge {
  kind: "llm";
  /** Score name (unique within a run or rule). */
  name: string;
  version: number;
  source: "builtin" | "custom";
  /** Built-in judge name or custom judge id. */
  ref: string;
  /** The chat endpoint that judges. */
  endpoint: string;
  output: OutputSpec;
  instructions: string;
  template: string;
  /** Guidelines text (the Guidelines judge). */
  guidelines: string | null;
  /** Inputs the judge cannot work without, e.g. "expected_response" or "context". */
  requires: string[];
}

export interface ResolvedCodeScorer {
  kind: "code";
  name: string;
  version: number;
  scorer: CodeScorerRef;
}

export type ResolvedJudge = ResolvedLlmJudge | ResolvedCodeScorer;
