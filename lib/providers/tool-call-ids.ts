// Tool-call ids in a conversation's history, fitted to what the target provider accepts. Ids come
// from whichever provider answered earlier turns (a fallback or split can change providers midway):
// Gemini's carry a thought signature (gemini-tool-ids.ts) and run past Bedrock's 64 characters or
// OpenAI's 40; Mistral takes exactly nine letters and digits. An id that does not fit becomes a
// stable digest, so an assistant's tool call and the tool message answering it still match.

import { createHash } from "node:crypto";
import type { ChatMessage } from "../gateway/openai-types";
import { withoutThoughtSignature } from "./gemini-tool-ids";

export interface ToolCallIdRule {
  maxLength: number;
  /** Exactly this many characters (Mistral). */
  exactLength?: number;
  /** Characters allowed (letters and digits always are). */
  extra: "" | "_-";
}

export const BEDROCK_TOOL_IDS: ToolCallIdRule = { maxLength: 64, extra: "_-" };
export const OPENAI_TOOL_IDS: ToolCallIdRule = { maxLength: 40, extra: "_-" };
export const MISTRAL_TOOL_IDS: ToolCallIdRule = { maxLength: 9, exactLength: 9, extra: "" };

const FITS = { "_-": /^[A-Za-z0-9_-]+$/, "": /^[A-Za-z0-9]+$/ };

function fits(id: string, rule: ToolCallIdRule): boolean {
  if (id.length === 0 || id.length > rule.maxLength) return false;
  if (rule.exactLength !== undefined && id.length !== rule.exactLength) return false;
  return FITS[rule.extra].test(id);
}

/** `id` as the provider accepts it: unchanged when it fits (a carried Gemini thought signature is
 * dropped first: no other provider reads it), else a digest of the whole id. */
export function fitToolCallId(id: string, rule: ToolCallIdRule): string {
  if (fits(id, rule)) return id;
  const base = withoutThoughtSignature(id);
  if (fits(base, rule)) return base;
  const digest = createHash("sha256").update(id).digest("base64").replace(/[^A-Za-z0-9]/g, "");
  if (rule.exactLength !== undefined) return digest.slice(0, rule.exactLength);
  return `call_${digest.slice(0, Math.min(32, rule.maxLength - 5))}`;
}

/** True when some tool-call id in `messages` does not fit `rule` (cheap check before copying). */
export function hasUnfitToolCallIds(messages: readonly ChatMessage[], rule: ToolCallIdRule): boolean {
  for (const m of messages) {
    if (typeof m.tool_call_id === "string" && !fits(m.tool_call_id, rule)) return true;
    const calls = m.tool_calls;
    if (calls) for (const call of calls) if (typeof call.id === "string" && !fits(call.id, rule)) return true;
  }
  return false;
}

/** `messages` with every tool-call id fitted to `rule` (the same array when all fit already). */
export function fitToolCallIds(messages: ChatMessage[], rule: ToolCallIdRule): ChatMessage[] {
  if (!hasUnfitToolCallIds(messages, rule)) return messages;
  return messages.map((m) => {
    if (typeof m.tool_call_id !== "string" && !m.tool_calls?.length) return m;
    const out: ChatMessage = { ...m };
    if (typeof m.tool_call_id === "string") out.tool_call_id = fitToolCallId(m.tool_call_id, rule);
    if (m.tool_calls?.length) out.tool_calls = m.tool_calls.map((c) => (typeof c.id === "string" ? { ...c, id: fitToolCallId(c.id, rule) } : c));
    return out;
  });
}
