// Which new traces an online rule scores: the rule's endpoint, its filter, and a deterministic
// sample by trace id (hash(traceId + ruleId) < rate), so a retry makes the same choice. Judge
// traffic (caller "judge") is never scored.

import { createHash } from "node:crypto";
import type { TraceRow } from "../tracing/rows";
import { JUDGE_CALLER } from "./judges/llm-judge";
import type { RuleFilter } from "./schemas";

/** The sampling position of a trace for a rule, uniform in [0, 1). */
export function samplePosition(traceId: string, ruleId: string): number {
  const digest = createHash("sha256").update(`${traceId}\u0000${ruleId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

export function isSampled(traceId: string, ruleId: string, rate: number): boolean {
  return rate >= 1 || samplePosition(traceId, ruleId) < rate;
}

export interface MatchableRule {
  id: string;
  endpointId: string;
  endpointName: string;
  sampleRate: number;
  filter: RuleFilter | null;
}

function parseMetadata(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function matchesFilter(trace: TraceRow, filter: RuleFilter | null): boolean {
  if (!filter) return true;
  if (filter.status && trace.status !== filter.status) return false;
  if (filter.provider && !(trace.provider && filter.provider.includes(trace.provider))) return false;
  if (filter.model && !(trace.model && filter.model.includes(trace.model))) return false;
  if (filter.team && !(trace.teamId && filter.team.includes(trace.teamId))) return false;
  if (filter.minLatencyMs !== undefined && trace.latencyMs < filter.minLatencyMs) return false;
  if (filter.metadata) {
    const metadata = parseMetadata(trace.metadata);
    for (const [key, want] of Object.entries(filter.metadata)) {
      const have = metadata?.[key];
      if (have === undefined || have === null || String(have) !== want) return false;
    }
  }
  return true;
}

/** Whether the rule scores this trace. */
export function ruleSelects(rule: MatchableRule, trace: TraceRow): boolean {
  if (trace.caller === JUDGE_CALLER) return false;
  if (trace.operation === "embeddings" || trace.operation === "count_tokens") return false;
  const sameEndpoint = trace.endpointId ? trace.endpointId === rule.endpointId || trace.endpointName === rule.endpointName : trace.endpointName === rule.endpointName;
  if (!sameEndpoint) return false;
  return matchesFilter(trace, rule.filter) && isSampled(trace.id, rule.id, rule.sampleRate);
}
