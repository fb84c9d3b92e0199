// Tool-call ids from one provider replayed to another: Gemini's carry a thought signature (long),
// Bedrock takes at most 64 characters, OpenAI 40, Mistral exactly nine letters and digits. Ids that
// do not fit are replaced by a stable digest, the same in the assistant's call and the tool answer.

import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../../lib/gateway/openai-types";
import { toConverseRequest } from "../../lib/providers/bedrock-messages";
import { toolCallIdFor } from "../../lib/providers/gemini-tool-ids";
import { toMistralChatBody } from "../../lib/providers/mistral";
import { openAiChatBody } from "../../lib/providers/openai";
import { BEDROCK_TOOL_IDS, fitToolCallId, MISTRAL_TOOL_IDS, OPENAI_TOOL_IDS } from "../../lib/providers/tool-call-ids";

// What the Gemini adapter hands the client for a Gemini 3 function call with a thought signature.
const GEMINI_ID = toolCallIdFor({}, "CiQB0e2Kb3J0aG91Z2h0LXNpZ25hdHVyZS1vZi1hLWdlbWluaS0zLW1vZGVsLXR1cm4tMQ==");
const ANTHROPIC_ID = "toolu_01A09q90qw90lq917835lq9";

function history(id: string): ChatCompletionRequest {
  return {
    model: "ep",
    messages: [
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: id, content: "18°C, sunny" },
    ],
    tools: [{ type: "function", function: { name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
  };
}

describe("tool-call ids across providers", () => {
  it("keeps ids that fit and replaces the rest by a stable digest", () => {
    expect(GEMINI_ID.length).toBeGreaterThan(64);
    expect(fitToolCallId(ANTHROPIC_ID, BEDROCK_TOOL_IDS)).toBe(ANTHROPIC_ID);
    expect(fitToolCallId("call_abc", OPENAI_TOOL_IDS)).toBe("call_abc");
    // A Gemini id without its signature fits Bedrock and OpenAI (the signature means nothing there).
    expect(fitToolCallId(GEMINI_ID, BEDROCK_TOOL_IDS)).toBe(GEMINI_ID.split("__ts__")[0]);
    const long = `call_${"x".repeat(60)}`;
    const fitted = fitToolCallId(long, OPENAI_TOOL_IDS);
    expect(fitted).toMatch(/^call_[A-Za-z0-9]{32}$/);
    expect(fitToolCallId(long, OPENAI_TOOL_IDS)).toBe(fitted); // stable
    expect(fitToolCallId(`${long}y`, OPENAI_TOOL_IDS)).not.toBe(fitted);
    for (const id of [GEMINI_ID, ANTHROPIC_ID, "call_abc"]) expect(fitToolCallId(id, MISTRAL_TOOL_IDS)).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(fitToolCallId("abcDEF123", MISTRAL_TOOL_IDS)).toBe("abcDEF123");
  });

  it("Bedrock Converse gets toolUseIds of at most 64 characters, matching between call and result", () => {
    const body = toConverseRequest(history(`call_${"z".repeat(70)}`));
    const use = (body.messages[1].content[0] as { toolUse: { toolUseId: string } }).toolUse.toolUseId;
    const result = (body.messages[2].content[0] as { toolResult: { toolUseId: string } }).toolResult.toolUseId;
    expect(use.length).toBeLessThanOrEqual(64);
    expect(use).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(result).toBe(use);
  });

  it("Mistral gets nine-character ids, matching between call and result", () => {
    for (const id of [GEMINI_ID, ANTHROPIC_ID]) {
      const body = toMistralChatBody(history(id), "mistral-large-latest", false) as { messages: Array<{ tool_calls?: Array<{ id: string }>; tool_call_id?: string }> };
      const callId = body.messages[1].tool_calls?.[0].id as string;
      expect(callId).toMatch(/^[A-Za-z0-9]{9}$/);
      expect(body.messages[2].tool_call_id).toBe(callId);
    }
  });

  it("OpenAI gets ids of at most 40 characters; a history that fits is sent as it is", () => {
    const body = JSON.parse(openAiChatBody(history(GEMINI_ID), "gpt-4o", false));
    expect(body.messages[1].tool_calls[0].id).toBe(GEMINI_ID.split("__ts__")[0]);
    expect(body.messages[2].tool_call_id).toBe(body.messages[1].tool_calls[0].id);
    const untouched = history(ANTHROPIC_ID);
    expect(JSON.parse(openAiChatBody(untouched, "gpt-4o", false)).messages).toEqual(untouched.messages);
  });
});
