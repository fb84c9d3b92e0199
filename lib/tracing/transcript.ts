// Captured payloads → a chat transcript for the trace detail page: who said what, tool calls with
// their arguments and tool results, for the wire formats the gateway speaks (OpenAI Chat
// Completions and Responses, Anthropic Messages, Gemini generateContent, embeddings). Pure: the page
// renders the parts as text (never as HTML). Unknown shapes and cut (truncated) JSON yield null, and
// the page falls back to the raw text.

export type TranscriptPart =
  | { kind: "text"; text: string }
  | { kind: "tool_call"; id: string | null; name: string; arguments: string }
  | { kind: "tool_result"; id: string | null; name: string | null; content: string; isError: boolean }
  | { kind: "media"; label: string }
  | { kind: "other"; label: string; json: string };

export interface TranscriptMessage {
  /** system | user | assistant | tool | model, as the payload names it. */
  role: string;
  parts: TranscriptPart[];
}

export type TranscriptFormat = "openai-chat" | "openai-responses" | "anthropic" | "gemini" | "embeddings" | "completion";

export interface Transcript {
  format: TranscriptFormat;
  messages: TranscriptMessage[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function json(v: unknown): string {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}

function parse(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Text of a tool result's content: a string, or text blocks joined; anything else as JSON. */
function contentText(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) {
    const texts = v.map((b) => (isObj(b) && typeof b.text === "string" ? b.text : null));
    if (texts.every((t) => t !== null)) return texts.join("\n");
  }
  return json(v);
}

/** One content block of any of the supported formats → a part. */
function blockPart(b: unknown): TranscriptPart {
  if (typeof b === "string") return { kind: "text", text: b };
  if (!isObj(b)) return { kind: "other", label: typeof b, json: json(b) };
  const type = str(b.type);
  // OpenAI text / input_text / output_text, Anthropic text, Gemini { text }
  if (typeof b.text === "string" && (type === null || type.endsWith("text"))) return { kind: "text", text: b.text };
  if (type === "refusal" && typeof b.refusal === "string") return { kind: "text", text: `[refusal] ${b.refusal}` };
  // Anthropic tool use / result
  if (type === "tool_use" || type === "server_tool_use") {
    return { kind: "tool_call", id: str(b.id), name: str(b.name) ?? "?", arguments: json(b.input ?? {}) };
  }
  if (type === "tool_result") {
    return { kind: "tool_result", id: str(b.tool_use_id), name: null, content: contentText(b.content ?? ""), isError: b.is_error === true };
  }
  if (type === "thinking" && typeof b.thinking === "string") return { kind: "other", label: "thinking", json: b.thinking };
  // Gemini function call / response
  if (isObj(b.functionCall)) {
    return { kind: "tool_call", id: str(b.functionCall.id), name: str(b.functionCall.name) ?? "?", arguments: json(b.functionCall.args ?? {}) };
  }
  if (isObj(b.functionResponse)) {
    const r = b.functionResponse;
    return { kind: "tool_result", id: str(r.id), name: str(r.name), content: json(r.response ?? {}), isError: false };
  }
  // OpenAI Responses items inside content arrays
  if (type === "function_call") {
    return { kind: "tool_call", id: str(b.call_id) ?? str(b.id), name: str(b.name) ?? "?", arguments: str(b.arguments) ?? json(b.arguments) };
  }
  if (type === "function_call_output") {
    return { kind: "tool_result", id: str(b.call_id), name: null, content: contentText(b.output ?? ""), isError: false };
  }
  // Media: never inline the data, only say what it was.
  if (type === "image_url" || type === "input_image" || type === "image" || isObj(b.inlineData) || isObj(b.fileData)) {
    const mime = isObj(b.inlineData) ? str(b.inlineData.mimeType) : isObj(b.source) ? str(b.source.media_type) : null;
    return { kind: "media", label: `image${mime ? ` (${mime})` : ""}` };
  }
  if (type === "input_audio" || type === "document" || type === "input_file") return { kind: "media", label: type.replace("input_", "") };
  return { kind: "other", label: type ?? "block", json: json(b) };
}

function contentParts(content: unknown): TranscriptPart[] {
  if (content === undefined || content === null) return [];
  if (Array.isArray(content)) return content.map(blockPart);
  return [blockPart(content)];
}

/** OpenAI / Anthropic style message (role + content, OpenAI tool_calls, role "tool"). */
function chatMessage(m: unknown): TranscriptMessage {
  if (!isObj(m)) return { role: "unknown", parts: [blockPart(m)] };
  const role = str(m.role) ?? "unknown";
  if (role === "tool") {
    return { role, parts: [{ kind: "tool_result", id: str(m.tool_call_id), name: str(m.name), content: contentText(m.content ?? ""), isError: false }] };
  }
  const parts = contentParts(m.content);
  if (typeof m.refusal === "string") parts.push({ kind: "text", text: `[refusal] ${m.refusal}` });
  if (Array.isArray(m.tool_calls)) {
    for (const c of m.tool_calls) {
      const fn = isObj(c) && isObj(c.function) ? c.function : null;
      parts.push({
        kind: "tool_call",
        id: isObj(c) ? str(c.id) : null,
        name: (fn && str(fn.name)) ?? "?",
        arguments: fn ? (str(fn.arguments) ?? json(fn.arguments)) : json(c),
      });
    }
  }
  if (isObj(m.function_call)) {
    parts.push({ kind: "tool_call", id: null, name: str(m.function_call.name) ?? "?", arguments: str(m.function_call.arguments) ?? "" });
  }
  return { role, parts };
}

/** A Responses API input / output item. */
function responsesItem(item: unknown): TranscriptMessage {
  if (!isObj(item)) return { role: "user", parts: [blockPart(item)] };
  const type = str(item.type);
  if (type === "function_call") return { role: "assistant", parts: [blockPart(item)] };
  if (type === "function_call_output") return { role: "tool", parts: [blockPart(item)] };
  if (type === "reasoning") {
    const summary = Array.isArray(item.summary) ? item.summary.map((s) => (isObj(s) ? (str(s.text) ?? "") : "")).join("\n") : "";
    return { role: "assistant", parts: [{ kind: "other", label: "reasoning", json: summary || json(item) }] };
  }
  if (typeof item.role === "string") return { role: item.role, parts: contentParts(item.content) };
  return { role: "assistant", parts: [{ kind: "other", label: type ?? "item", json: json(item) }] };
}

function systemMessage(system: unknown): TranscriptMessage[] {
  if (system === undefined || system === null || system === "") return [];
  if (isObj(system) && Array.isArray(system.parts)) return [{ role: "system", parts: contentParts(system.parts) }];
  return [{ role: "system", parts: contentParts(system) }];
}

function geminiContent(c: unknown): TranscriptMessage {
  if (!isObj(c)) return { role: "user", parts: [blockPart(c)] };
  return { role: str(c.role) ?? "user", parts: contentParts(c.parts) };
}

/** The request payload as a transcript; null when it is not JSON of a known shape. */
export function requestTranscript(text: string | null): Transcript | null {
  const body = parse(text);
  if (!isObj(body)) return null;
  if (Array.isArray(body.messages)) {
    const anthropic = body.system !== undefined || body.messages.some((m) => isObj(m) && Array.isArray(m.content) && m.content.some((b) => isObj(b) && (b.type === "tool_use" || b.type === "tool_result")));
    return {
      format: anthropic ? "anthropic" : "openai-chat",
      messages: [...systemMessage(body.system), ...body.messages.map(chatMessage)],
    };
  }
  if (Array.isArray(body.contents)) {
    return { format: "gemini", messages: [...systemMessage(body.systemInstruction ?? body.system_instruction), ...body.contents.map(geminiContent)] };
  }
  if (body.input !== undefined) {
    const listOfItems = Array.isArray(body.input) && body.input.some(isObj);
    const responsesOnly = ["instructions", "tools", "reasoning", "previous_response_id", "text", "max_output_tokens", "stream"];
    if (!listOfItems && !isObj(body.input) && !responsesOnly.some((k) => k in body)) {
      // Embeddings: a string, a list of strings, or token arrays. (A bare Responses request
      // `{ model, input: "…" }` reads the same: user text.)
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      return { format: "embeddings", messages: [{ role: "user", parts: inputs.map((v) => ({ kind: "text", text: typeof v === "string" ? v : json(v) })) }] };
    }
    const items = typeof body.input === "string" ? [{ role: "user", content: body.input }] : Array.isArray(body.input) ? body.input : [body.input];
    return { format: "openai-responses", messages: [...systemMessage(body.instructions), ...items.map(responsesItem)] };
  }
  if (typeof body.prompt === "string" || Array.isArray(body.prompt)) {
    return { format: "completion", messages: [{ role: "user", parts: contentParts(body.prompt) }] };
  }
  return null;
}

/** The response payload as a transcript; null when it is not JSON of a known shape. */
export function responseTranscript(text: string | null): Transcript | null {
  const body = parse(text);
  if (!isObj(body)) return null;
  if (Array.isArray(body.choices)) {
    const messages = body.choices.map((c): TranscriptMessage => {
      if (!isObj(c)) return { role: "assistant", parts: [blockPart(c)] };
      if (isObj(c.message)) return chatMessage({ role: "assistant", ...c.message });
      if (isObj(c.delta)) return chatMessage({ role: "assistant", ...c.delta });
      return { role: "assistant", parts: typeof c.text === "string" ? [{ kind: "text", text: c.text }] : [] };
    });
    return { format: typeof body.object === "string" && body.object === "text_completion" ? "completion" : "openai-chat", messages };
  }
  if (Array.isArray(body.content) && (body.type === "message" || body.role === "assistant")) {
    return { format: "anthropic", messages: [{ role: str(body.role) ?? "assistant", parts: contentParts(body.content) }] };
  }
  if (Array.isArray(body.candidates)) {
    return { format: "gemini", messages: body.candidates.map((c) => geminiContent(isObj(c) ? (c.content ?? {}) : c)) };
  }
  if (Array.isArray(body.output)) {
    // Consecutive items of one role merge into one message (a Responses turn is several items).
    const messages: TranscriptMessage[] = [];
    for (const m of body.output.map(responsesItem)) {
      const last = messages[messages.length - 1];
      if (last && last.role === m.role) last.parts.push(...m.parts);
      else messages.push(m);
    }
    return { format: "openai-responses", messages };
  }
  if (Array.isArray(body.data) || (body.object === "list" && body.data !== undefined) || typeof body.data === "string") {
    const n = Array.isArray(body.data) ? body.data.length : null;
    const dims = Array.isArray(body.data) && isObj(body.data[0]) && Array.isArray(body.data[0].embedding) ? body.data[0].embedding.length : null;
    const text = typeof body.data === "string" ? body.data : `${n} embedding${n === 1 ? "" : "s"}${dims !== null ? ` × ${dims} dimensions` : ""}`;
    return { format: "embeddings", messages: [{ role: "assistant", parts: [{ kind: "media", label: text }] }] };
  }
  return null;
}

/** Pretty-printed JSON of a payload, or the text as it is when it does not parse (truncated). */
export function prettyPayload(text: string): string {
  const v = parse(text);
  return v === undefined ? text : JSON.stringify(v, null, 2);
}
