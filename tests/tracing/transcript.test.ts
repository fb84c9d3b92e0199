// Captured payloads → chat transcript, for each wire format the gateway records.
import { describe, expect, it } from "vitest";
import { prettyPayload, requestTranscript, responseTranscript } from "@/lib/tracing/transcript";

const j = (v: unknown) => JSON.stringify(v);

describe("requestTranscript", () => {
  it("OpenAI chat: roles, text parts, tool calls and tool results", () => {
    const t = requestTranscript(
      j({
        model: "chat",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: [{ type: "text", text: "Weather in Paris?" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] },
          { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
          { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' },
        ],
      }),
    );
    expect(t?.format).toBe("openai-chat");
    expect(t?.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(t?.messages[0].parts).toEqual([{ kind: "text", text: "Be brief." }]);
    expect(t?.messages[1].parts[0]).toEqual({ kind: "text", text: "Weather in Paris?" });
    // Media is named, never inlined.
    expect(t?.messages[1].parts[1]).toEqual({ kind: "media", label: "image" });
    expect(t?.messages[2].parts).toEqual([{ kind: "tool_call", id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }]);
    expect(t?.messages[3].parts).toEqual([{ kind: "tool_result", id: "call_1", name: null, content: '{"temp":21}', isError: false }]);
  });

  it("Anthropic Messages: system, tool_use and tool_result blocks", () => {
    const t = requestTranscript(
      j({
        model: "claude",
        system: [{ type: "text", text: "You are terse." }],
        messages: [
          { role: "user", content: "Add 2 and 3" },
          { role: "assistant", content: [{ type: "text", text: "Using the tool." }, { type: "tool_use", id: "tu_1", name: "add", input: { a: 2, b: 3 } }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "tu_1", content: [{ type: "text", text: "5" }], is_error: false }] },
        ],
      }),
    );
    expect(t?.format).toBe("anthropic");
    expect(t?.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(t?.messages[0].parts).toEqual([{ kind: "text", text: "You are terse." }]);
    const call = t?.messages[2].parts[1];
    expect(call).toMatchObject({ kind: "tool_call", id: "tu_1", name: "add" });
    expect(JSON.parse((call as { arguments: string }).arguments)).toEqual({ a: 2, b: 3 });
    expect(t?.messages[3].parts[0]).toEqual({ kind: "tool_result", id: "tu_1", name: null, content: "5", isError: false });
  });

  it("Gemini generateContent: systemInstruction, functionCall and functionResponse parts", () => {
    const t = requestTranscript(
      j({
        systemInstruction: { parts: [{ text: "Answer in French." }] },
        contents: [
          { role: "user", parts: [{ text: "Bonjour ?" }, { inlineData: { mimeType: "image/jpeg", data: "xxx" } }] },
          { role: "model", parts: [{ functionCall: { name: "lookup", args: { q: "x" } } }] },
          { role: "user", parts: [{ functionResponse: { name: "lookup", response: { ok: true } } }] },
        ],
      }),
    );
    expect(t?.format).toBe("gemini");
    expect(t?.messages.map((m) => m.role)).toEqual(["system", "user", "model", "user"]);
    expect(t?.messages[1].parts).toEqual([{ kind: "text", text: "Bonjour ?" }, { kind: "media", label: "image (image/jpeg)" }]);
    expect(t?.messages[2].parts[0]).toMatchObject({ kind: "tool_call", name: "lookup" });
    expect(t?.messages[3].parts[0]).toMatchObject({ kind: "tool_result", name: "lookup" });
  });

  it("OpenAI Responses: instructions, message items, function calls and outputs", () => {
    const t = requestTranscript(
      j({
        model: "chat",
        instructions: "Be kind.",
        input: [
          { role: "user", content: [{ type: "input_text", text: "hi" }] },
          { type: "function_call", call_id: "fc_1", name: "now", arguments: "{}" },
          { type: "function_call_output", call_id: "fc_1", output: "12:00" },
        ],
      }),
    );
    expect(t?.format).toBe("openai-responses");
    expect(t?.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(t?.messages[1].parts).toEqual([{ kind: "text", text: "hi" }]);
    expect(t?.messages[2].parts[0]).toEqual({ kind: "tool_call", id: "fc_1", name: "now", arguments: "{}" });
    expect(t?.messages[3].parts[0]).toEqual({ kind: "tool_result", id: "fc_1", name: null, content: "12:00", isError: false });
  });

  it("embeddings input, and a Responses string input with instructions", () => {
    expect(requestTranscript(j({ model: "embed", input: ["a", "b"] }))).toEqual({
      format: "embeddings",
      messages: [{ role: "user", parts: [{ kind: "text", text: "a" }, { kind: "text", text: "b" }] }],
    });
    const r = requestTranscript(j({ model: "chat", instructions: "x", input: "hello" }));
    expect(r?.format).toBe("openai-responses");
    expect(r?.messages[1]).toEqual({ role: "user", parts: [{ kind: "text", text: "hello" }] });
  });

  it("returns null for truncated JSON, non-objects and unknown shapes", () => {
    expect(requestTranscript('{"messages":[{"role":"user","content":"cut')).toBeNull();
    expect(requestTranscript(null)).toBeNull();
    expect(requestTranscript("[1,2]")).toBeNull();
    expect(requestTranscript(j({ foo: 1 }))).toBeNull();
  });
});

describe("responseTranscript", () => {
  it("OpenAI chat completion with text and tool calls", () => {
    const t = responseTranscript(
      j({
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: "Hello!", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }],
      }),
    );
    expect(t?.format).toBe("openai-chat");
    expect(t?.messages).toEqual([
      { role: "assistant", parts: [{ kind: "text", text: "Hello!" }, { kind: "tool_call", id: "c", name: "f", arguments: "{}" }] },
    ]);
  });

  it("Anthropic message, Gemini candidates, Responses output", () => {
    expect(responseTranscript(j({ type: "message", role: "assistant", content: [{ type: "text", text: "Hi" }] }))?.messages).toEqual([
      { role: "assistant", parts: [{ kind: "text", text: "Hi" }] },
    ]);
    expect(responseTranscript(j({ candidates: [{ content: { role: "model", parts: [{ text: "Salut" }] } }] }))?.messages).toEqual([
      { role: "model", parts: [{ kind: "text", text: "Salut" }] },
    ]);
    const r = responseTranscript(
      j({
        object: "response",
        output: [
          { type: "reasoning", summary: [{ type: "summary_text", text: "thinking…" }] },
          { type: "message", role: "assistant", content: [{ type: "output_text", text: "Done" }] },
        ],
      }),
    );
    // Consecutive assistant items form one message.
    expect(r?.messages).toHaveLength(1);
    expect(r?.messages[0].parts).toEqual([{ kind: "other", label: "reasoning", json: "thinking…" }, { kind: "text", text: "Done" }]);
  });

  it("embeddings: a summary, never the vectors", () => {
    const t = responseTranscript(j({ object: "list", data: [{ embedding: [0.1, 0.2, 0.3] }, { embedding: [0.4, 0.5, 0.6] }] }));
    expect(t?.messages[0].parts).toEqual([{ kind: "media", label: "2 embeddings × 3 dimensions" }]);
  });

  it("keeps markup as plain text (the page renders it escaped)", () => {
    const t = responseTranscript(j({ choices: [{ message: { role: "assistant", content: "<script>alert(1)</script>" } }] }));
    expect(t?.messages[0].parts[0]).toEqual({ kind: "text", text: "<script>alert(1)</script>" });
  });
});

describe("prettyPayload", () => {
  it("indents valid JSON and leaves cut JSON as it is", () => {
    expect(prettyPayload('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyPayload('{"a":')).toBe('{"a":');
  });
});
