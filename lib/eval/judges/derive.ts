// Text views of a subject for prompts and code scorers: the user's query, the response text, the
// expected response, guidelines and context, from whatever shape inputs / outputs / expectations
// have (chat messages from a trace, or free-form dataset JSON).

import { chatInputs, chatOutputs } from "../payload-shapes";
import { promptText } from "./template";
import type { JudgeSubject } from "./types";

function contentText(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const texts = content
      .map((part) => (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : null))
      .filter((t): t is string => t !== null);
    return texts.length ? texts.join("\n") : null;
  }
  return null;
}

function field(value: unknown, ...keys: string[]): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

/** The user's request: the last user message of chat inputs (also a raw Gemini / Responses request
 * a dataset item may hold), a `query` / `question` / `prompt` / `input` field, a plain string, or
 * the inputs as JSON. */
export function queryText(inputs: unknown): string {
  if (typeof inputs === "string") return inputs;
  // A string `input` is read below, after `query` / `question` / `prompt`.
  const messages = field(typeof field(inputs, "input") === "string" ? inputs : chatInputs(inputs), "messages");
  if (Array.isArray(messages)) {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i] as { role?: unknown; content?: unknown } | null;
      if (m && m.role === "user") {
        const text = contentText(m.content);
        if (text !== null) return text;
      }
    }
  }
  const direct = field(inputs, "query", "question", "prompt", "input");
  if (typeof direct === "string") return direct;
  return promptText(inputs);
}

/** The response as text: a string, a `content` / `response` / `answer` / `output` field, a raw
 * provider response (OpenAI chat / Responses, Anthropic, Gemini), or JSON. null when there is no
 * output at all. */
export function responseText(outputs: unknown): string | null {
  if (outputs === undefined || outputs === null) return null;
  if (typeof outputs === "string") return outputs;
  const answer = chatOutputs(outputs);
  if (answer !== outputs && answer !== null) return responseText(answer);
  const direct = field(outputs, "content", "response", "answer", "output", "text");
  const text = contentText(direct);
  if (text !== null) return text;
  const choices = field(outputs, "choices");
  if (Array.isArray(choices) && choices.length > 0) {
    const fromChoice = contentText((choices[0] as { message?: { content?: unknown } })?.message?.content);
    if (fromChoice !== null) return fromChoice;
  }
  return promptText(outputs);
}

function listText(value: unknown): string | null {
  if (typeof value === "string") return value.trim() ? value : null;
  if (Array.isArray(value) && value.length > 0) return value.map((v) => `- ${promptText(v)}`).join("\n");
  return null;
}

/** expectations.expected_response (or expected_answer), else the expected_facts as a list. */
export function expectedResponseText(subject: JudgeSubject): string | null {
  const e = subject.expectations;
  const direct = field(e, "expected_response", "expected_answer", "expected_output");
  if (direct !== undefined) return promptText(direct);
  const facts = listText(field(e, "expected_facts"));
  return facts === null ? null : `The response should state these facts:\n${facts}`;
}

export function guidelinesText(subject: JudgeSubject, configured: string | null): string | null {
  return configured ?? listText(field(subject.expectations, "guidelines"));
}

/** The context a grounded answer must stick to: expectations.context, else inputs.context. */
export function contextText(subject: JudgeSubject): string | null {
  const raw = field(subject.expectations, "context", "retrieved_context") ?? field(subject.inputs, "context");
  if (raw === undefined) return null;
  return listText(raw) ?? promptText(raw);
}
