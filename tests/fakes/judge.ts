// A fake judge model: an OpenAI-wire chat server (tests/fakes/openai.ts) whose answers are
// verdicts, switched per request by markers in the prompt (the judged response is part of it):
//   VERDICT:FAIL            → {"rationale", "result": "fail"}   (pass_fail)
//   VERDICT:MALFORMED       → "definitely not JSON" on every attempt (→ item error with raw text)
//   VERDICT:MALFORMED_ONCE  → malformed first, well-formed pass on the retry
//   VERDICT:REJECT          → HTTP 400 (a content refusal, not an endpoint failure)
//   otherwise               → pass; numeric judges get score 4, categorical the first category.
// `judgeFake.everything` overrides the marker (e.g. "fail" to flip every verdict).

import { FakeHttpError } from "./fake-switches";
import { OpenAiFake, type OpenAiFakeReply } from "./openai";

export const MALFORMED_TEXT = "definitely not JSON";

function promptOf(body: any): string {
  return (body.messages as Array<{ role: string; content: unknown }>)
    .filter((m) => m.role === "user")
    .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))
    .join("\n");
}

/** The schema the judge was asked for (response_format, or spelled out in the system message). */
function wanted(body: any): { kind: "pass_fail" | "numeric" | "categorical"; categories: string[] } {
  const schema = body.response_format?.json_schema?.schema;
  const text = schema ? JSON.stringify(schema) : String(body.messages?.[0]?.content ?? "");
  if (schema?.properties?.category) return { kind: "categorical", categories: schema.properties.category.enum };
  if (schema?.properties?.score || /"score"/.test(text)) return { kind: "numeric", categories: [] };
  return { kind: "pass_fail", categories: [] };
}

export class JudgeFake extends OpenAiFake {
  /** Forces a verdict for every request, whatever the markers say. */
  everything: "pass" | "fail" | null = null;

  constructor(apiKey = "sk-test") {
    super("openai", apiKey);
    this.reply = (body) => this.verdict(body);
  }

  override reset(): void {
    super.reset();
    this.everything = null;
    this.reply = (body) => this.verdict(body);
  }

  /** Judge calls received (the retry of a malformed verdict counts). */
  get calls(): number {
    return this.requests.length;
  }

  private verdict(body: any): OpenAiFakeReply {
    const prompt = promptOf(body);
    const isRetry = body.messages.some((m: { role: string }) => m.role === "assistant");
    const usage = { prompt_tokens: 1000, completion_tokens: 100 };
    if (!this.everything) {
      if (prompt.includes("VERDICT:REJECT")) throw new FakeHttpError(400, "The prompt was rejected by the content filter.");
      if (prompt.includes("VERDICT:MALFORMED_ONCE")) {
        if (!isRetry) return { text: MALFORMED_TEXT, usage };
      } else if (prompt.includes("VERDICT:MALFORMED")) {
        return { text: MALFORMED_TEXT, usage };
      }
    }
    const fail = this.everything ? this.everything === "fail" : prompt.includes("VERDICT:FAIL");
    const { kind, categories } = wanted(body);
    const rationale = fail ? "The response breaks the rule." : "The response is fine.";
    const answer =
      kind === "numeric" ? { rationale, score: fail ? 1 : 4 } : kind === "categorical" ? { rationale, category: categories[fail ? categories.length - 1 : 0] } : { rationale, result: fail ? "fail" : "pass" };
    return { text: JSON.stringify(answer), usage };
  }
}
