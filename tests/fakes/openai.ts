// Fake OpenAI-family server speaking the real wire formats:
// - "openai" (also OpenAI-compatible servers): POST /v1/chat/completions, /v1/embeddings, Bearer auth,
//   SSE chunks with `usage: null` and a final usage chunk only when stream_options.include_usage;
//   POST /v1/responses (Responses API, tests/fakes/openai-responses.ts; Azure: /openai/v1/responses).
// - "azure": POST /openai/deployments/{deployment}/{chat/completions|embeddings}?api-version=…,
//   `api-key` header.
// - "mistral": OpenAI-like paths, but strict about fields (422 on unknown ones such as `seed`,
//   `max_completion_tokens`, `stream_options`), usage in the last content chunk, no base64 embeddings.
// Switches (tests/fakes/fake-switches.ts): errors, latency, hangs, mid-stream cuts and in-stream errors.

import type { ServerResponse } from "node:http";
import { FakeHttpError, FakeProviderServer, pieces, type RecordedRequest } from "./fake-switches";
import { RESPONSES_STREAM_ERROR, responseEvents, responseObject, responsesInputText, type ResponsesFakeReply } from "./openai-responses";

export type OpenAiFlavor = "openai" | "azure" | "mistral";

export interface OpenAiFakeReply {
  text?: string;
  toolCalls?: Array<{ id?: string; name: string; arguments: string }>;
  finishReason?: string;
  usage?: { prompt_tokens?: number; completion_tokens?: number; cached_tokens?: number };
}

const MISTRAL_CHAT_FIELDS = new Set([
  "model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed", "response_format",
  "tools", "tool_choice", "presence_penalty", "frequency_penalty", "n", "prediction", "parallel_tool_calls",
  "safe_prompt", "prompt_mode",
]);
const MISTRAL_EMBED_FIELDS = new Set(["model", "input", "output_dimension", "output_dtype"]);

export const EMBEDDING_DIMENSIONS = 4;

/** The deterministic vector the fake returns for input #i. */
export function fakeEmbedding(i: number): number[] {
  return Array.from({ length: EMBEDDING_DIMENSIONS }, (_, d) => (i + 1) * 0.25 + d * 0.5);
}

export class OpenAiFake extends FakeProviderServer {
  reply: OpenAiFakeReply | ((body: any) => OpenAiFakeReply) = echoReply;
  /** The Responses API reply (default: echoes the last user input text). */
  responsesReply: ResponsesFakeReply | ((body: any) => ResponsesFakeReply) = echoResponsesReply;
  private counter = 0;

  constructor(
    readonly flavor: OpenAiFlavor = "openai",
    readonly apiKey = "sk-test",
  ) {
    super();
  }

  /** Base URL in the provider SDK's convention (OpenAI/Mistral include /v1; Azure is the resource). */
  get baseUrl(): string {
    return this.flavor === "azure" ? this.url : `${this.url}/v1`;
  }

  override reset(): void {
    super.reset();
    this.reply = echoReply;
    this.responsesReply = echoResponsesReply;
  }

  protected errorBody(status: number, message: string, type?: string): unknown {
    if (this.flavor === "mistral") return { object: "error", message, type: type ?? "invalid_request_error", param: null, code: String(status) };
    return { error: { message, type: type ?? (status >= 500 ? "server_error" : "invalid_request_error"), param: null, code: null } };
  }

  protected async handle(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const op = this.route(req);
    this.authorize(req);
    if (op === "embeddings") {
      this.embeddings(req, res);
      return;
    }
    if (op === "responses") {
      await this.responses(req, res);
      return;
    }
    const body = req.body;
    if (!Array.isArray(body?.messages) || body.messages.length === 0) throw new FakeHttpError(400, "'messages' is required");
    if (this.flavor === "mistral") rejectUnknown(body, MISTRAL_CHAT_FIELDS);
    const reply = typeof this.reply === "function" ? this.reply(body) : this.reply;
    const id = `chatcmpl-fake${++this.counter}`;
    const model = body.model ?? "azure-deployment";
    const usage = {
      prompt_tokens: reply.usage?.prompt_tokens ?? 11,
      completion_tokens: reply.usage?.completion_tokens ?? 5,
      total_tokens: (reply.usage?.prompt_tokens ?? 11) + (reply.usage?.completion_tokens ?? 5),
      prompt_tokens_details: { cached_tokens: reply.usage?.cached_tokens ?? 0 },
    };
    const toolCalls = (reply.toolCalls ?? []).map((t, i) => ({ id: t.id ?? `call_${this.counter}_${i}`, type: "function", function: { name: t.name, arguments: t.arguments } }));
    const finish = reply.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
    if (body.stream === true) {
      const includeUsage = this.flavor === "mistral" || body.stream_options?.include_usage === true;
      await this.streamEvents(res, this.chunks(id, model, reply.text, toolCalls, finish, includeUsage ? usage : null), data({
        error: { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null },
      }));
      return;
    }
    this.sendJson(res, 200, {
      id,
      object: "chat.completion",
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: reply.text ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}), refusal: null }, logprobs: null, finish_reason: finish }],
      usage,
      system_fingerprint: "fp_fake",
    }, { "x-request-id": `req_${id}` });
  }

  private route(req: RecordedRequest): "chat" | "embeddings" | "responses" {
    const [path, query] = req.url.split("?");
    if (req.method === "POST" && path === (this.flavor === "azure" ? "/openai/v1/responses" : "/v1/responses")) return "responses";
    if (req.method === "POST" && this.flavor === "azure") {
      const m = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/.exec(path);
      if (m && new URLSearchParams(query).get("api-version")) return m[2] === "embeddings" ? "embeddings" : "chat";
      if (m) throw new FakeHttpError(404, "Resource not found: api-version query parameter is required");
    }
    if (req.method === "POST" && this.flavor !== "azure") {
      if (path === "/v1/chat/completions") return "chat";
      if (path === "/v1/embeddings") return "embeddings";
    }
    throw new FakeHttpError(404, `Not found: ${req.method} ${req.url}`);
  }

  private authorize(req: RecordedRequest): void {
    if (this.flavor === "azure") {
      if (req.headers["api-key"] !== this.apiKey) throw new FakeHttpError(401, "Access denied due to invalid subscription key.");
    } else if (this.apiKey !== "" && req.headers.authorization !== `Bearer ${this.apiKey}`) {
      throw new FakeHttpError(401, "Incorrect API key provided.");
    }
  }

  private chunks(id: string, model: string, text: string | undefined, toolCalls: any[], finish: string, usage: object | null): string[] {
    const mistral = this.flavor === "mistral";
    const base = { id, object: "chat.completion.chunk", created: 1_700_000_000, model, ...(usage && !mistral ? { usage: null } : {}) };
    const chunk = (delta: object, finish_reason: string | null = null, extra: object = {}) =>
      data({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason }], ...extra });
    const events = [chunk({ role: "assistant", content: "" })];
    for (const piece of pieces(text ?? "", 6)) events.push(chunk({ content: piece }));
    toolCalls.forEach((call, index) => {
      const idx = mistral ? {} : { index };
      if (mistral) {
        events.push(chunk({ tool_calls: [{ id: call.id, function: call.function }] }));
        return;
      }
      events.push(chunk({ tool_calls: [{ ...idx, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }));
      for (const part of pieces(call.function.arguments, 4)) events.push(chunk({ tool_calls: [{ ...idx, function: { arguments: part } }] }));
    });
    if (mistral) {
      events.push(chunk({ content: "" }, finish, usage ? { usage } : {}));
    } else {
      events.push(chunk({}, finish));
      if (usage) events.push(data({ ...base, choices: [], usage }));
    }
    events.push("data: [DONE]\n\n");
    return events;
  }

  private async responses(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const body = req.body;
    if (typeof body?.model !== "string") throw new FakeHttpError(400, "Missing required parameter: 'model'.");
    responsesInputText(body); // validates `input`
    const reply = typeof this.responsesReply === "function" ? this.responsesReply(body) : this.responsesReply;
    const id = `resp_fake${++this.counter}`;
    if (body.stream === true) {
      await this.streamEvents(res, responseEvents(id, body, reply), RESPONSES_STREAM_ERROR);
      return;
    }
    this.sendJson(res, 200, responseObject(id, body, reply, "completed"), { "x-request-id": `req_${id}` });
  }

  private embeddings(req: RecordedRequest, res: ServerResponse): void {
    const body = req.body;
    if (this.flavor === "mistral") rejectUnknown(body, MISTRAL_EMBED_FIELDS);
    const inputs: unknown[] = Array.isArray(body?.input) ? body.input : [body?.input];
    if (inputs.length === 0 || inputs[0] === undefined) throw new FakeHttpError(400, "'input' is required");
    const base64 = body.encoding_format === "base64";
    this.sendJson(res, 200, {
      object: "list",
      data: inputs.map((_, i) => {
        const vector = fakeEmbedding(i);
        return { object: "embedding", index: i, embedding: base64 ? Buffer.from(Float32Array.from(vector).buffer).toString("base64") : vector };
      }),
      model: body.model ?? "azure-deployment",
      usage: { prompt_tokens: 3 * inputs.length, total_tokens: 3 * inputs.length },
    });
  }
}

function data(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

function rejectUnknown(body: Record<string, unknown>, known: Set<string>): void {
  for (const key of Object.keys(body)) {
    if (!known.has(key)) throw new FakeHttpError(422, `Extra inputs are not permitted: body.${key}`);
  }
}

const echoResponsesReply = (body: any): ResponsesFakeReply => ({ text: `echo: ${responsesInputText(body)}` });

const echoReply = (body: any): OpenAiFakeReply => {
  const user = [...body.messages].reverse().find((m: { role: string }) => m.role === "user");
  const content = user?.content;
  const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((p: any) => p.text ?? "").join(" ") : "";
  return { text: `echo: ${text}` };
};
