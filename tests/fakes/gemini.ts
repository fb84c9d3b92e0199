// Fake Gemini API (v1 / v1beta) speaking the real wire format: models/{model}:generateContent,
// :streamGenerateContent?alt=sse (each SSE event a whole GenerateContentResponse, CRLF framing),
// :batchEmbedContents, :embedContent, :countTokens, the x-goog-api-key header (or ?key=),
// protobuf-JSON style validation ("Unknown name ...: Cannot find field.") and the error JSON
// `{"error":{"code","message","status"}}`.
// Validated against @google/genai in tests/providers/gemini.test.ts.

import type { ServerResponse } from "node:http";
import { FakeHttpError, FakeProviderServer, pieces, type RecordedRequest } from "./fake-switches";

export interface GeminiFakeUsage {
  promptTokenCount: number;
  candidatesTokenCount: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
}

export interface GeminiFakeReply {
  text?: string;
  functionCalls?: Array<{ name: string; args: Record<string, unknown> }>;
  /** Default STOP. */
  finishReason?: string;
  usage?: Partial<GeminiFakeUsage>;
  /** Prompt blocked: no candidates, promptFeedback.blockReason set. */
  blockReason?: string;
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const KNOWN_FIELDS = new Set(["contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "safetySettings", "cachedContent"]);
const GENERATION_CONFIG_FIELDS = new Set([
  "temperature", "topP", "topK", "maxOutputTokens", "stopSequences", "seed", "candidateCount", "presencePenalty",
  "frequencyPenalty", "responseMimeType", "responseSchema", "responseJsonSchema", "responseLogprobs", "logprobs",
  "thinkingConfig", "responseModalities", "mediaResolution", "speechConfig",
]);
const PART_FIELDS = ["text", "inlineData", "fileData", "functionCall", "functionResponse", "executableCode", "codeExecutionResult"];
const FAKE_SIGNATURE = "c2lnbmF0dXJlLW9mLWEtdGhvdWdodA+/=="; // base64 with + and / on purpose

type Part = Record<string, any>;

export class GeminiFake extends FakeProviderServer {
  /** The reply, or a function of the request body. Default: echoes the last user text. */
  reply: GeminiFakeReply | ((body: any) => GeminiFakeReply) = echoReply;
  /** Behave like Gemini 3: sign function calls and reject replayed calls without their signature. */
  thoughtSignatures = false;
  private counter = 0;

  override reset(): void {
    super.reset();
    this.reply = echoReply;
    this.thoughtSignatures = false;
  }

  constructor(readonly apiKey = "gemini-test-key") {
    super();
  }

  protected errorBody(status: number, message: string, type?: string): unknown {
    return { error: { code: status, message, status: type ?? STATUS_NAMES[status] ?? "UNKNOWN" } };
  }

  protected async handle(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const url = new URL(req.url, "http://fake");
    // v1beta is what @google/genai and the adapter use by default; v1 and v1alpha are accepted too.
    const match = /^\/v1(?:beta|alpha)?\/((?:models|tunedModels)\/[^:/]+):(generateContent|streamGenerateContent|batchEmbedContents|embedContent|countTokens)$/.exec(url.pathname);
    if (req.method !== "POST" || !match) throw new FakeHttpError(404, `Method not found: ${req.method} ${url.pathname}`);
    const key = req.headers["x-goog-api-key"] ?? url.searchParams.get("key");
    if (!key) throw new FakeHttpError(403, "Method doesn't allow unregistered callers. Please use an API Key.");
    if (key !== this.apiKey) throw new FakeHttpError(400, "API key not valid. Please pass a valid API key.");
    const [, model, method] = match;
    if (method === "batchEmbedContents") return this.embed(model, req.body, res);
    if (method === "embedContent") return this.embedOne(model, req.body, res);
    if (method === "countTokens") return this.countTokens(model, req.body, res);

    validate(req.body, this.thoughtSignatures);
    const reply = typeof this.reply === "function" ? this.reply(req.body) : this.reply;
    const n = req.body.generationConfig?.candidateCount ?? 1;
    const usage = {
      promptTokenCount: 11,
      candidatesTokenCount: 6,
      ...reply.usage,
    };
    const usageMetadata = { ...usage, totalTokenCount: usage.promptTokenCount + usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0) };
    const responseId = `fake-resp-${++this.counter}`;
    const common = { usageMetadata, modelVersion: model.replace(/^models\//, ""), responseId };

    if (method === "generateContent") {
      if (reply.blockReason) return this.sendJson(res, 200, { promptFeedback: { blockReason: reply.blockReason }, ...common });
      const candidates = Array.from({ length: n }, (_, index) => ({
        content: { role: "model", parts: this.partsOf(reply, index) },
        finishReason: reply.finishReason ?? "STOP",
        index,
      }));
      return this.sendJson(res, 200, { candidates, ...common });
    }

    if (url.searchParams.get("alt") !== "sse") throw new FakeHttpError(400, "this fake serves streams only with alt=sse");
    const events: unknown[] = [];
    if (reply.blockReason) events.push({ promptFeedback: { blockReason: reply.blockReason }, ...common });
    for (let index = 0; index < n && !reply.blockReason; index++) {
      const parts = this.partsOf(reply, index);
      const textParts = parts.filter((p) => p.text !== undefined);
      const callParts = parts.filter((p) => p.functionCall !== undefined);
      const texts = textParts.flatMap((p) => pieces(p.text as string));
      texts.forEach((text) => events.push({ candidates: [{ content: { role: "model", parts: [{ text }] }, index }], ...common }));
      if (callParts.length > 0) events.push({ candidates: [{ content: { role: "model", parts: callParts }, index }], ...common });
      // The last event of a candidate carries its finishReason (here with an empty text part, as Gemini does).
      events.push({ candidates: [{ content: { role: "model", parts: [{ text: "" }] }, finishReason: reply.finishReason ?? "STOP", index }], ...common });
    }
    const frame = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;
    await this.streamEvents(res, events.map(frame), frame(this.errorBody(500, "An internal error has occurred.")));
  }

  private partsOf(reply: GeminiFakeReply, candidate: number): Part[] {
    const parts: Part[] = [];
    if (reply.text !== undefined) parts.push({ text: candidate === 0 ? reply.text : `${reply.text} (candidate ${candidate})` });
    (reply.functionCalls ?? []).forEach((call, i) => {
      const part: Part = { functionCall: { name: call.name, args: call.args } };
      if (this.thoughtSignatures && i === 0) part.thoughtSignature = FAKE_SIGNATURE;
      parts.push(part);
    });
    return parts;
  }

  private embedOne(model: string, body: any, res: ServerResponse): void {
    if (body?.model !== undefined && body.model !== model) throw new FakeHttpError(400, "* EmbedContentRequest.model: unexpected model name format");
    const text = (body?.content?.parts ?? []).map((p: Part) => p.text ?? "").join("");
    if (text === "") throw new FakeHttpError(400, "* EmbedContentRequest.content: contents must not be empty");
    this.sendJson(res, 200, { embedding: { values: vectorOf(text, body.outputDimensionality ?? 8) } });
  }

  /** countTokens: `contents`, or a whole `generateContentRequest` whose model must match the path. */
  private countTokens(model: string, body: any, res: ServerResponse): void {
    const request = body?.generateContentRequest;
    if (request !== undefined && request.model !== model) throw new FakeHttpError(400, "* CountTokensRequest.generate_content_request.model: unexpected model name format");
    const contents = request?.contents ?? body?.contents;
    if (!Array.isArray(contents) || contents.length === 0) throw new FakeHttpError(400, "* CountTokensRequest.contents: contents is not specified");
    const words = contents.flatMap((c: { parts?: Part[] }) => (c.parts ?? []).map((p) => p.text ?? "")).join(" ").split(/\s+/).filter(Boolean).length;
    this.sendJson(res, 200, { totalTokens: words, promptTokensDetails: [{ modality: "TEXT", tokenCount: words }] });
  }

  private embed(model: string, body: any, res: ServerResponse): void {
    if (!Array.isArray(body?.requests) || body.requests.length === 0) throw new FakeHttpError(400, "* BatchEmbedContentsRequest.requests: at least one request is required");
    const embeddings = body.requests.map((request: any, i: number) => {
      if (request.model !== model) {
        throw new FakeHttpError(400, `* BatchEmbedContentsRequest.requests[${i}].model: unexpected model name format`);
      }
      const text = (request.content?.parts ?? []).map((p: Part) => p.text ?? "").join("");
      if (text === "") throw new FakeHttpError(400, `* BatchEmbedContentsRequest.requests[${i}].content: contents must not be empty`);
      return { values: vectorOf(text, request.outputDimensionality ?? 8) };
    });
    this.sendJson(res, 200, { embeddings });
  }
}

/** A deterministic unit-ish vector from text (tests compare exact values). */
export function vectorOf(text: string, dimensions: number): number[] {
  return Array.from({ length: dimensions }, (_, i) => ((text.charCodeAt(i % text.length) * (i + 1)) % 97) / 97);
}

const echoReply = (body: any): GeminiFakeReply => ({ text: `echo: ${lastUserText(body)}` });

function lastUserText(body: { contents: Array<{ role: string; parts: Part[] }> }): string {
  const user = [...body.contents].reverse().find((c) => c.role === "user" && c.parts.some((p) => p.text !== undefined));
  return user ? user.parts.filter((p) => p.text !== undefined).map((p) => p.text).join(" ") : "";
}

/** The checks of the real API that a translation bug would trip. */
function validate(body: any, requireSignatures: boolean): void {
  const unknown = (name: string, at: string) => {
    throw new FakeHttpError(400, `Invalid JSON payload received. Unknown name "${name}"${at ? ` at '${at}'` : ""}: Cannot find field.`);
  };
  const invalid = (message: string) => {
    throw new FakeHttpError(400, message);
  };
  for (const key of Object.keys(body ?? {})) if (!KNOWN_FIELDS.has(key)) unknown(key, "");
  for (const key of Object.keys(body.generationConfig ?? {})) if (!GENERATION_CONFIG_FIELDS.has(key)) unknown(key, "generation_config");
  if (!Array.isArray(body.contents) || body.contents.length === 0) invalid("* GenerateContentRequest.contents: contents is not specified");
  body.contents.forEach((content: { role?: string; parts?: Part[] }, i: number) => {
    if (content.role !== "user" && content.role !== "model") invalid(`Please use a valid role: user, model. (contents[${i}])`);
    if (!Array.isArray(content.parts) || content.parts.length === 0) invalid(`* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`);
    content.parts?.forEach((part, j) => {
      const data = PART_FIELDS.filter((f) => part[f] !== undefined);
      if (data.length !== 1) invalid(`* GenerateContentRequest.contents[${i}].parts[${j}].data: required oneof field 'data' must have one initialized field`);
      for (const key of Object.keys(part)) if (!PART_FIELDS.includes(key) && key !== "thoughtSignature" && key !== "thought") unknown(key, `contents[${i}].parts[${j}]`);
      if (part.fileData && !part.fileData.mimeType) invalid(`contents[${i}].parts[${j}].file_data.mime_type is required`);
      if (requireSignatures && part.functionCall && j === content.parts?.findIndex((p) => p.functionCall) && !part.thoughtSignature) {
        invalid(`Function call is missing a thought_signature in functionCall parts. Position ${i}.`);
      }
    });
    // Each model turn with N function calls must be answered by N function responses.
    const calls = (content.parts ?? []).filter((p) => p.functionCall).length;
    const next = body.contents[i + 1] as { parts?: Part[] } | undefined;
    if (calls > 0 && next) {
      const responses = (next.parts ?? []).filter((p) => p.functionResponse).length;
      if (responses !== calls) {
        invalid("Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.");
      }
    }
  });
  for (const [i, tool] of (body.tools ?? []).entries()) {
    for (const decl of tool.functionDeclarations ?? []) {
      if (decl.parameters && decl.parametersJsonSchema) invalid(`tools[${i}]: parameters and parametersJsonSchema are mutually exclusive`);
      if (decl.parametersJsonSchema?.$schema !== undefined) unknown("$schema", `tools[${i}].function_declarations.parameters_json_schema`);
    }
  }
  const mode = body.toolConfig?.functionCallingConfig?.mode;
  if (mode !== undefined && !["AUTO", "ANY", "NONE", "VALIDATED"].includes(mode)) invalid(`Invalid value at 'tool_config.function_calling_config.mode' (${mode})`);
  const config = body.generationConfig ?? {};
  if ((config.responseJsonSchema || config.responseSchema) && config.responseMimeType !== "application/json") {
    invalid("responseMimeType must be application/json when a response schema is set");
  }
}
