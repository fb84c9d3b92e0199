// OpenAI tool-call ids for Gemini function calls. Gemini 3 attaches a `thoughtSignature` to each
// function call and rejects the next turn if the call is replayed without it. OpenAI clients echo
// the tool-call id back verbatim, so the signature travels inside the id (base64url, within
// [A-Za-z0-9_-]; providers with shorter id limits get it fitted by tool-call-ids.ts on a fallback).

import { randomUUID } from "node:crypto";
import { fromBase64Url, toBase64Url } from "./request-helpers";

const SIGNATURE_SEPARATOR = "__ts__";

export function toolCallIdFor(call: { id?: unknown }, thoughtSignature: unknown): string {
  const base =
    typeof call.id === "string" && /^[A-Za-z0-9_-]+$/.test(call.id) && !call.id.includes(SIGNATURE_SEPARATOR)
      ? call.id
      : `call_${randomUUID().replace(/-/g, "").slice(0, 24)}`;
  return typeof thoughtSignature === "string" && thoughtSignature !== ""
    ? `${base}${SIGNATURE_SEPARATOR}${toBase64Url(thoughtSignature)}`
    : base;
}

/** The id without the thought signature `toolCallIdFor` may have appended. */
export function withoutThoughtSignature(toolCallId: string): string {
  const at = toolCallId.indexOf(SIGNATURE_SEPARATOR);
  return at < 0 ? toolCallId : toolCallId.slice(0, at);
}

/** The thought signature carried by a tool-call id made by `toolCallIdFor`, if any. */
export function thoughtSignatureOf(toolCallId: string): string | undefined {
  const at = toolCallId.indexOf(SIGNATURE_SEPARATOR);
  return at < 0 ? undefined : fromBase64Url(toolCallId.slice(at + SIGNATURE_SEPARATOR.length));
}
