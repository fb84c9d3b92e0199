// What judges read from captured payloads of every wire format: Gemini generateContent and the
// OpenAI Responses API next to OpenAI chat and Anthropic; streams as the passthrough's own trackers
// assemble them for the trace; raw provider payloads a dataset item may hold.

import { describe, expect, it } from "vitest";
import { runCodeScorer } from "../../lib/eval/judges/code-scorers";
import { queryText, responseText } from "../../lib/eval/judges/derive";
import { chatInputs, chatOutputs } from "../../lib/eval/payload-shapes";
import { subjectFromTrace, type SubjectTraceRow } from "../../lib/eval/subject";
import { GeminiStreamTracker } from "../../lib/gateway/passthrough/gemini-stream";
import { ResponsesStreamTracker } from "../../lib/gateway/passthrough/openai-stream";
import type { SseTracker } from "../../lib/gateway/passthrough/sse-tracker";

/** The bytes of an SSE stream through a tracker (capturing, as with payload capture on) → what the
 * trace stores. */
function assembled(tracker: SseTracker, frames: string[]): unknown {
  for (const frame of frames) tracker.push(Buffer.from(frame));
  tracker.end();
  return tracker.result();
}

const geminiFrame = (event: unknown) => `data: ${JSON.stringify(event)}\r\n\r\n`;
const responsesFrame = (event: { type: string; [key: string]: unknown }) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

const GEMINI_REQUEST = {
  contents: [
    { role: "user", parts: [{ text: "Hi" }] },
    { role: "model", parts: [{ text: "Hello! How can I help?" }] },
    { role: "user", parts: [{ text: "Capital of France?" }] },
  ],
  systemInstruction: { role: "user", parts: [{ text: "Answer in one word." }] },
  generationConfig: { temperature: 0.1 },
};

const GEMINI_RESPONSE = {
  candidates: [
    {
      content: { role: "model", parts: [{ text: "I should name the capital.", thought: true }, { text: "Paris", thoughtSignature: "c2ln" }] },
      finishReason: "STOP",
      index: 0,
    },
  ],
  usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 1, thoughtsTokenCount: 6, totalTokenCount: 19 },
  modelVersion: "gemini-2.5-flash",
  responseId: "resp-1",
};

const RESPONSES_RESPONSE = {
  id: "resp_1",
  object: "response",
  status: "completed",
  instructions: "Answer in one word.",
  output: [
    { id: "rs_1", type: "reasoning", summary: [] },
    { id: "msg_1", type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text: "Paris", annotations: [] }] },
  ],
  usage: { input_tokens: 20, output_tokens: 2, total_tokens: 22 },
};

describe("payload shapes: Gemini", () => {
  it("a request: the system instruction and the turns as chat messages", () => {
    expect(chatInputs(GEMINI_REQUEST, "chat")).toEqual({
      system: "Answer in one word.",
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello! How can I help?" },
        { role: "user", content: "Capital of France?" },
      ],
    });
    // The SDK's one-string form: a single content without a role; images and tool results keep their parts.
    const image = { inlineData: { mimeType: "image/png", data: "iVBOR" } };
    expect(chatInputs({ contents: [{ parts: [{ text: "What is this?" }, image] }] })).toEqual({
      messages: [{ role: "user", content: [{ text: "What is this?" }, image] }],
    });
  });

  it("a response: the first candidate's text without thought summaries; function calls as tool calls", () => {
    expect(chatOutputs(GEMINI_RESPONSE)).toBe("Paris");
    const call = { functionCall: { name: "get_weather", args: { city: "Paris" } } };
    expect(chatOutputs({ candidates: [{ content: { role: "model", parts: [call] }, finishReason: "STOP" }] })).toEqual({ content: null, tool_calls: [call] });
    // No content (a blocked prompt): the response as it is, so a judge sees why.
    const blocked = { promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 3 } };
    expect(chatOutputs(blocked)).toBe(blocked);
    expect(chatOutputs({ candidates: [{ finishReason: "SAFETY", index: 0 }] })).toEqual({ candidates: [{ finishReason: "SAFETY", index: 0 }] });
  });

  it("a stream, as the passthrough stores it (the assembled final response)", () => {
    const usageMetadata = { promptTokenCount: 5, candidatesTokenCount: 1, totalTokenCount: 6 };
    const stored = assembled(new GeminiStreamTracker(true), [
      geminiFrame({ candidates: [{ content: { role: "model", parts: [{ text: "Pa" }] }, index: 0 }], usageMetadata }),
      geminiFrame({ candidates: [{ content: { role: "model", parts: [{ text: "ris" }] }, index: 0 }], usageMetadata }),
      geminiFrame({ candidates: [{ content: { role: "model", parts: [{ text: "" }] }, finishReason: "STOP", index: 0 }], usageMetadata }),
    ]);
    expect(chatOutputs(stored)).toBe("Paris");
  });
});

describe("payload shapes: OpenAI Responses", () => {
  it("a request: `instructions` as the system prompt, `input` as a string or items", () => {
    expect(chatInputs({ model: "gpt", instructions: "Answer in one word.", input: "Capital of France?" }, "chat")).toEqual({
      system: "Answer in one word.",
      messages: [{ role: "user", content: "Capital of France?" }],
    });
    const image = { type: "input_image", image_url: "https://example.com/a.png" };
    const output = { type: "function_call_output", call_id: "call_1", output: '{"temp":21}' };
    const items = [
      { role: "developer", content: "Be brief." },
      { type: "message", role: "user", content: [{ type: "input_text", text: "Capital of France?" }] },
      { role: "user", content: [{ type: "input_text", text: "And this?" }, image] },
      output,
    ];
    expect(chatInputs({ model: "gpt", input: items })).toEqual({
      messages: [
        { role: "developer", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
        { role: "user", content: [{ type: "input_text", text: "And this?" }, image] },
        output,
      ],
    });
  });

  it("an embeddings request's `input` stays as it is", () => {
    const embeddings = { model: "text-embedding-3-small", input: "Capital of France?" };
    expect(chatInputs(embeddings, "embeddings")).toBe(embeddings);
  });

  it("a response: output_text of the message items; function calls as tool calls; refusals", () => {
    expect(chatOutputs(RESPONSES_RESPONSE)).toBe("Paris");
    const call = { id: "fc_1", type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}', status: "completed" };
    expect(chatOutputs({ object: "response", status: "completed", output: [call] })).toEqual({ content: null, tool_calls: [call] });
    const refusal = { type: "message", role: "assistant", content: [{ type: "refusal", refusal: "I can't help with that." }] };
    expect(chatOutputs({ object: "response", output: [refusal] })).toBe("I can't help with that.");
    // Failed before any output: as it is.
    const failed = { object: "response", status: "failed", output: [], error: { code: "server_error", message: "boom" } };
    expect(chatOutputs(failed)).toBe(failed);
  });

  it("streams, as the passthrough stores them: the final response, or the text so far when cut", () => {
    const created = { ...RESPONSES_RESPONSE, status: "in_progress", output: [], usage: null };
    const start = [
      responsesFrame({ type: "response.created", sequence_number: 0, response: created }),
      responsesFrame({ type: "response.output_text.delta", sequence_number: 1, delta: "Pa" }),
      responsesFrame({ type: "response.output_text.delta", sequence_number: 2, delta: "ris" }),
    ];
    const complete = assembled(new ResponsesStreamTracker(true), [
      ...start,
      responsesFrame({ type: "response.completed", sequence_number: 3, response: RESPONSES_RESPONSE }),
    ]);
    expect(chatOutputs(complete)).toBe("Paris");
    expect(chatOutputs(assembled(new ResponsesStreamTracker(true), start))).toBe("Paris");
  });
});

describe("payload shapes: OpenAI chat and Anthropic (unchanged)", () => {
  it("reads them as before", () => {
    const messages = [{ role: "user", content: "Hi" }];
    expect(chatInputs({ model: "gpt", messages })).toEqual({ messages });
    expect(chatInputs({ model: "claude", system: "Be brief.", messages })).toEqual({ system: "Be brief.", messages });
    expect(chatOutputs({ choices: [{ message: { role: "assistant", content: "Paris" } }] })).toBe("Paris");
    const tool = { type: "tool_use", id: "tu_1", name: "get_weather", input: { city: "Paris" } };
    expect(chatOutputs({ type: "message", role: "assistant", content: [{ type: "text", text: "Paris" }] })).toBe("Paris");
    expect(chatOutputs({ type: "message", role: "assistant", content: [tool] })).toEqual({ content: null, tool_calls: [tool] });
  });
});

describe("judges over passthrough traces", () => {
  const row = (request: unknown, response: unknown, operation = "chat"): SubjectTraceRow => ({
    id: "trace-1",
    endpointName: "flash",
    operation,
    model: "gemini-2.5-flash",
    provider: "gemini",
    status: "ok",
    latencyMs: 120,
    totalTokens: 19,
    costUsd: null,
    metadata: null,
    requestPayload: JSON.stringify(request),
    responsePayload: JSON.stringify(response),
  });

  it("exact_match passes on a Gemini or Responses answer 'Paris'; the query is the user's text", () => {
    for (const subject of [
      subjectFromTrace(row(GEMINI_REQUEST, GEMINI_RESPONSE)),
      subjectFromTrace(row({ model: "gpt", instructions: "Answer in one word.", input: "Capital of France?" }, RESPONSES_RESPONSE)),
    ]) {
      const outcome = runCodeScorer({ type: "code", scorer: "exact_match", expected: "Paris" }, subject);
      expect(outcome).toMatchObject({ ok: true, verdict: { label: "pass" } });
      expect(queryText(subject.inputs)).toBe("Capital of France?");
      expect(responseText(subject.outputs)).toBe("Paris");
    }
  });

  it("raw provider payloads held by a dataset item read as text too", () => {
    expect(responseText(GEMINI_RESPONSE)).toBe("Paris");
    expect(responseText(RESPONSES_RESPONSE)).toBe("Paris");
    expect(queryText(GEMINI_REQUEST)).toBe("Capital of France?");
    expect(queryText({ input: [{ role: "user", content: [{ type: "input_text", text: "Capital of France?" }] }] })).toBe("Capital of France?");
    // Free-form dataset JSON keeps its reading.
    expect(queryText({ question: "Q?", input: "I" })).toBe("Q?");
    expect(responseText({ content: [{ text: "a" }, { text: "b" }] })).toBe("a\nb");
  });
});
