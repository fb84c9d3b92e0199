// Captured gateway payloads → what a judge reads. Requests become `{ system?, messages }` (chat
// messages with `role` and `content`), responses the assistant's text (or `{ content, tool_calls }`
// when it called tools), for every wire format traces hold: OpenAI Chat Completions (unified route,
// passthrough-openai), OpenAI Responses (passthrough-openai /v1/responses), Anthropic Messages
// (passthrough-anthropic) and Gemini generateContent (passthrough-gemini; streams are stored as the
// assembled final response). Anything else, and text cut at the capture limit, stays as it is.

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Gemini parts / Responses content parts → one string when they are all text, else the parts. */
function partsContent(parts: unknown[], isText: (p: Obj) => boolean): unknown {
  const kept = parts.filter((p) => !(isObject(p) && p.thought === true));
  if (kept.length > 0 && kept.every((p) => isObject(p) && typeof p.text === "string" && isText(p))) {
    return kept.map((p) => (p as { text: string }).text).join("\n");
  }
  return kept;
}

const geminiText = (p: Obj) => Object.keys(p).every((k) => k === "text" || k === "thought" || k === "thoughtSignature");
const responsesText = (p: Obj) => p.type === undefined || p.type === "input_text" || p.type === "output_text" || p.type === "text";

/** Gemini `systemInstruction`: a Content (`{ parts }`), a string, or absent. */
function geminiSystem(system: unknown): unknown {
  if (isObject(system) && Array.isArray(system.parts)) return partsContent(system.parts, geminiText);
  return system;
}

function geminiMessage(content: unknown): unknown {
  if (!isObject(content)) return content;
  const role = content.role === "model" ? "assistant" : typeof content.role === "string" ? content.role : "user";
  return { role, content: Array.isArray(content.parts) ? partsContent(content.parts, geminiText) : null };
}

function responsesMessage(item: unknown): unknown {
  if (!isObject(item) || typeof item.role !== "string") return item; // function calls / outputs, reasoning: as they are
  const content = Array.isArray(item.content) ? partsContent(item.content, responsesText) : item.content;
  return { role: item.role, content };
}

const withSystem = (system: unknown, messages: unknown[]) =>
  system === undefined || system === null || system === "" ? { messages } : { system, messages };

/**
 * A captured request → inputs. `operation` is the trace's (`chat`, `embeddings`, …): an embeddings
 * request's `input` is not a Responses conversation.
 */
export function chatInputs(request: unknown, operation?: string | null): unknown {
  if (!isObject(request)) return request;
  // OpenAI chat, Anthropic messages (system prompt at the top)
  if (Array.isArray(request.messages)) return withSystem(request.system, request.messages);
  // Gemini generateContent / streamGenerateContent / countTokens
  if (Array.isArray(request.contents)) {
    return withSystem(geminiSystem(request.systemInstruction ?? request.system_instruction), request.contents.map(geminiMessage));
  }
  // OpenAI Responses: `input` is a string or a list of items
  if (operation !== "embeddings") {
    const input = request.input;
    if (typeof input === "string") return withSystem(request.instructions, [{ role: "user", content: input }]);
    if (Array.isArray(input) && input.length > 0 && input.every(isObject)) return withSystem(request.instructions, input.map(responsesMessage));
  }
  return request;
}

/** Text and tool calls → the assistant's text, or `{ content, tool_calls }` with tool calls. */
function answer(texts: string[], toolCalls: unknown[]): unknown {
  if (toolCalls.length === 0) return texts.join("");
  return { content: texts.join("") || null, tool_calls: toolCalls };
}

function openAiChatOutputs(response: Obj & { choices: unknown[] }): unknown {
  const message = (response.choices[0] as { message?: { content?: unknown; tool_calls?: unknown } } | undefined)?.message;
  if (!message) return null;
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
    return { content: message.content ?? null, tool_calls: message.tool_calls };
  }
  return message.content ?? null;
}

function anthropicOutputs(blocks: Array<{ type?: unknown; text?: unknown }>): unknown {
  const texts = blocks.filter((b) => b?.type === "text" && typeof b.text === "string").map((b) => b.text as string);
  return answer(texts, blocks.filter((b) => b?.type === "tool_use"));
}

/** The first candidate's answer (thought summaries left out); the response as it is when no
 * candidate has content (a blocked prompt, a safety stop), so a judge still sees why. */
function geminiOutputs(response: Obj & { candidates: unknown[] }): unknown {
  const first = response.candidates[0];
  const parts = isObject(first) && isObject(first.content) && Array.isArray(first.content.parts) ? first.content.parts : null;
  if (parts === null) return response;
  const texts: string[] = [];
  const calls: unknown[] = [];
  for (const p of parts) {
    if (!isObject(p) || p.thought === true) continue;
    if (typeof p.text === "string") texts.push(p.text);
    else if (isObject(p.functionCall)) calls.push(p);
  }
  return answer(texts, calls);
}

/** Message items' output_text parts (the refusal when there is no text) and function calls;
 * `output_text` when there are no message items (a stream cut before its final response). */
function responsesOutputs(response: Obj): unknown {
  const output = Array.isArray(response.output) ? response.output : [];
  const texts: string[] = [];
  const refusals: string[] = [];
  const calls: unknown[] = [];
  let messages = 0;
  for (const item of output) {
    if (!isObject(item)) continue;
    if (item.type === "function_call" || item.type === "custom_tool_call") calls.push(item);
    if (item.type !== "message" && !(item.type === undefined && item.role === "assistant")) continue;
    messages++;
    for (const part of Array.isArray(item.content) ? item.content : []) {
      if (isObject(part) && part.type === "output_text" && typeof part.text === "string") texts.push(part.text);
      else if (isObject(part) && part.type === "refusal" && typeof part.refusal === "string") refusals.push(part.refusal);
    }
  }
  if (texts.length === 0 && typeof response.output_text === "string") texts.push(response.output_text);
  if (messages === 0 && calls.length === 0 && texts.length === 0) return response;
  return answer(texts.length ? texts : refusals, calls);
}

const isResponsesResponse = (r: Obj) =>
  r.object === "response" || (Array.isArray(r.output) && r.output.some((i) => isObject(i) && typeof i.type === "string"));

/** A captured response → outputs: the assistant's text, or `{ content, tool_calls }` when it called
 * tools. OpenAI chat completions and Responses, Anthropic messages, Gemini; anything else as-is. */
export function chatOutputs(response: unknown): unknown {
  if (!isObject(response)) return response;
  if (Array.isArray(response.choices)) return openAiChatOutputs(response as Obj & { choices: unknown[] });
  if (Array.isArray(response.candidates)) return geminiOutputs(response as Obj & { candidates: unknown[] });
  if (isResponsesResponse(response)) return responsesOutputs(response);
  if (Array.isArray(response.content) && response.content.every((b) => isObject(b) && typeof b.type === "string")) {
    return anthropicOutputs(response.content as Array<{ type?: unknown; text?: unknown }>);
  }
  return response;
}
