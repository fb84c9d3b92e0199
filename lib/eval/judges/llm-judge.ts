// Runs an LLM judge: renders its prompt, calls the judge endpoint through the gateway core (caller
// "judge": routed, retried, traced and costed like any call), asks for structured output and
// validates the verdict. response_format json_schema is used unless the endpoint's provider rejects
// it (400 naming response_format); then the schema is spelled out in a strict JSON instruction. A
// malformed verdict is retried once with the problem explained; a second one is an error with the
// raw text. Nothing here throws for a bad judge answer or a failing judge endpoint.

import { getDb } from "../../db";
import { GatewayError } from "../../gateway/errors";
import { internalRequestIdOf, invokeChatInternal, type InternalChatResult } from "../../gateway/internal";
import type { ChatMessage } from "../../gateway/openai-types";
import { priceSnapshot } from "../../usage/price-overrides";
import { contextText, expectedResponseText, guidelinesText, queryText, responseText } from "./derive";
import { renderTemplate, templateVariables } from "./template";
import type { JudgeOutcome, JudgeSubject, ResolvedLlmJudge } from "./types";
import { parseVerdict, verdictInstruction, verdictJsonSchema } from "./verdict";

export const JUDGE_CALLER = "judge";

/** Endpoints whose provider refused response_format, remembered for a while (epoch ms until). */
const noResponseFormat = new Map<string, number>();
const NO_RESPONSE_FORMAT_TTL_MS = 10 * 60_000;

export interface JudgeCallOptions {
  signal?: AbortSignal;
  /** Added to the judge call's trace metadata (e.g. the run and the judged trace). */
  metadata?: Record<string, unknown>;
}

const REQUIREMENT_HINT: Record<string, string> = {
  expected_response: "expectations.expected_response (or expected_facts)",
  guidelines: "guidelines (in the judge config or expectations.guidelines)",
  context: "a context (expectations.context or inputs.context)",
};

function usesOutputs(template: string): boolean {
  return templateVariables(template).some((v) => v === "response" || v === "outputs" || v.startsWith("outputs."));
}

function failed(error: string, extra: Partial<Extract<JudgeOutcome, { ok: false }>> = {}): JudgeOutcome {
  return { ok: false, error, rawText: null, costUsd: null, judgeTraceId: null, endpointFailure: false, ...extra };
}

function respondsWithFormatError(err: GatewayError): boolean {
  return err.status === 400 && (err.param?.startsWith("response_format") === true || /response_format/i.test(err.message));
}

/** Failures of the judge model itself (bad key, rate limits, outages, a missing endpoint) as opposed
 * to a request the model refused for its content. */
function isEndpointFailure(err: GatewayError): boolean {
  return ![400, 413, 422, 499].includes(err.status);
}

export async function runLlmJudge(judge: ResolvedLlmJudge, subject: JudgeSubject, options: JudgeCallOptions = {}): Promise<JudgeOutcome> {
  const derived: Record<string, unknown> = {
    query: queryText(subject.inputs),
    response: responseText(subject.outputs),
    expected_response: expectedResponseText(subject),
    guidelines: guidelinesText(subject, judge.guidelines),
    context: contextText(subject),
  };
  for (const need of judge.requires) {
    if (derived[need] === null) return failed(`${judge.name} needs ${REQUIREMENT_HINT[need] ?? need}.`);
  }
  if (usesOutputs(judge.template) && (subject.outputs === null || subject.outputs === undefined)) {
    return failed("Nothing to judge: there is no output (the response was not captured or the item has none).");
  }
  const system = `${judge.instructions}\n\n${verdictInstruction(judge.output)}`;
  const messages: ChatMessage[] = [
    { role: "system", content: system },
    { role: "user", content: renderTemplate(judge.template, subject, derived) },
  ];
  const calls = new JudgeCalls(judge, options);
  try {
    let raw = await calls.ask(messages);
    let parsed = parseVerdict(raw, judge.output);
    if (!parsed.ok) {
      raw = await calls.ask([
        ...messages,
        { role: "assistant", content: raw },
        { role: "user", content: `Your answer is ${parsed.problem}. Reply with only the JSON object, nothing else.` },
      ]);
      parsed = parseVerdict(raw, judge.output);
    }
    if (!parsed.ok) {
      return failed(`Malformed verdict after a retry: the answer is ${parsed.problem}.`, {
        rawText: raw,
        costUsd: calls.costUsd,
        judgeTraceId: calls.lastTraceId,
      });
    }
    return { ok: true, verdict: parsed.verdict, costUsd: calls.costUsd, judgeTraceId: calls.lastTraceId };
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    return failed(`Judge endpoint '${judge.endpoint}' failed (${err.status} ${err.code}): ${err.message}`, {
      costUsd: calls.costUsd,
      judgeTraceId: calls.lastTraceId,
      endpointFailure: isEndpointFailure(err),
    });
  }
}

/** The judge calls of one verdict (first answer and the retry): structured-output negotiation and
 * the summed cost. */
class JudgeCalls {
  costUsd: number | null = null;
  lastTraceId: string | null = null;

  constructor(
    private readonly judge: ResolvedLlmJudge,
    private readonly options: JudgeCallOptions,
  ) {}

  async ask(messages: ChatMessage[]): Promise<string> {
    const endpoint = this.judge.endpoint;
    const until = noResponseFormat.get(endpoint);
    if (until === undefined || until < Date.now()) {
      try {
        return await this.call(messages, true);
      } catch (err) {
        if (!(err instanceof GatewayError) || !respondsWithFormatError(err)) throw err;
        noResponseFormat.set(endpoint, Date.now() + NO_RESPONSE_FORMAT_TTL_MS);
      }
    }
    return this.call(messages, false);
  }

  private async call(messages: ChatMessage[], structured: boolean): Promise<string> {
    const schema = verdictJsonSchema(this.judge.output);
    const body = structured
      ? { messages, response_format: { type: "json_schema" as const, json_schema: { name: "judge_verdict", strict: true, schema } } }
      : {
          messages: messages.map((m, i) =>
            i === 0
              ? {
                  ...m,
                  content:
                    `${m.content as string}\n\nRespond with only a JSON object — no prose, no code fences — ` +
                    `matching this JSON schema:\n${JSON.stringify(schema)}`,
                }
              : m,
          ),
        };
    let result: InternalChatResult;
    try {
      result = await invokeChatInternal({
        endpoint: this.judge.endpoint,
        body,
        caller: JUDGE_CALLER,
        metadata: { judge: this.judge.name, judge_version: this.judge.version, ...this.options.metadata },
        signal: this.options.signal,
      });
    } catch (err) {
      // A failed call is traced too: the error's score links it.
      if (err instanceof GatewayError) this.lastTraceId = internalRequestIdOf(err) ?? this.lastTraceId;
      throw err;
    }
    this.lastTraceId = result.requestId;
    await this.addCost(result);
    return result.completion.choices[0]?.message?.content ?? "";
  }

  private async addCost(result: InternalChatResult): Promise<void> {
    if (!result.usage || !result.provider) return;
    const prices = await priceSnapshot(getDb());
    const cost = prices.cost(result.provider, result.model, {
      inputTokens: result.usage.input,
      outputTokens: result.usage.output,
      cacheReadTokens: result.usage.cacheRead,
      cacheCreationTokens: result.usage.cacheCreation,
    });
    if (cost) this.costUsd = Math.round(((this.costUsd ?? 0) + cost.costUsd) * 1e10) / 1e10;
  }
}
