// Fake Cohere API (v2) on 127.0.0.1: `POST /v2/chat` (JSON, or SSE with `event:` names and JSON
// data carrying `type` when `stream: true`), `POST /v2/embed`, `{id, message}` errors, bearer auth.
// Switches (errors, latency, hangs, mid-stream cuts, in-stream errors): see fake-switches.ts.

import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { FakeHttpError, FakeProviderServer, pieces, type RecordedRequest } from "./fake-switches";

export const TEST_COHERE_KEY = "cohere-test-key";

export interface CohereReply {
  text?: string;
  toolPlan?: string;
  toolCalls?: Array<{ id: string; name: string; arguments: Record<string, unknown> }>;
  finishReason?: string;
  /** actual token counts; billed units are reported lower, as Cohere does for system tokens */
  tokens?: { input_tokens: number; output_tokens: number };
  /** prompt tokens served from Cohere's prompt cache (`usage.cached_tokens`, absent by default) */
  cachedTokens?: number;
}

const DEFAULT_REPLY: CohereReply = { text: "Hello from Cohere." };

export class FakeCohere extends FakeProviderServer {
  reply: CohereReply | ((body: any) => CohereReply) = DEFAULT_REPLY;

  override reset(): void {
    super.reset();
    this.reply = DEFAULT_REPLY;
  }

  protected errorBody(_status: number, message: string): unknown {
    return { id: "c0ffee00-err", message };
  }

  protected async handle(req: RecordedRequest, res: ServerResponse): Promise<void> {
    if (req.headers.authorization?.replace(/^bearer /i, "") !== TEST_COHERE_KEY) throw new FakeHttpError(401, "invalid api token");
    const path = req.url.split("?")[0];
    if (req.method !== "POST" || (path !== "/v2/chat" && path !== "/v2/embed")) throw new FakeHttpError(404, "Not Found");
    if (path === "/v2/embed") return this.sendJson(res, 200, embedReply(req.body));
    // Cohere's own range checks (V2ChatRequest): p 0.01–0.99, penalties 0–1.
    const { p, frequency_penalty: fp, presence_penalty: pp } = req.body ?? {};
    if (p !== undefined && (p < 0.01 || p > 0.99)) throw new FakeHttpError(400, "invalid request: p must be between 0.01 and 0.99");
    for (const v of [fp, pp]) if (v !== undefined && (v < 0 || v > 1)) throw new FakeHttpError(400, "invalid request: penalties must be between 0 and 1");

    const reply = typeof this.reply === "function" ? this.reply(req.body) : this.reply;
    if (req.body.stream !== true) return this.sendJson(res, 200, chatReply(reply));
    const events = streamEvents(reply).map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    // An in-stream failure ends the message with finish_reason ERROR.
    const failure = { type: "message-end", delta: { finish_reason: "ERROR", error: "internal model error" } };
    await this.streamEvents(res, events, `event: message-end\ndata: ${JSON.stringify(failure)}\n\n`);
  }
}

const MESSAGE_ID = "c0ffee00-0000-4000-8000-000000000001";

function finishReasonOf(reply: CohereReply): string {
  return reply.finishReason ?? (reply.toolCalls?.length ? "TOOL_CALL" : "COMPLETE");
}

function usageOf(reply: CohereReply) {
  const tokens = reply.tokens ?? { input_tokens: 23, output_tokens: 9 };
  return {
    billed_units: { input_tokens: tokens.input_tokens - 3, output_tokens: tokens.output_tokens },
    tokens,
    ...(reply.cachedTokens !== undefined ? { cached_tokens: reply.cachedTokens } : {}),
  };
}

function chatReply(reply: CohereReply) {
  return {
    id: MESSAGE_ID,
    finish_reason: finishReasonOf(reply),
    message: {
      role: "assistant",
      content: reply.text ? [{ type: "text", text: reply.text }] : [],
      ...(reply.toolPlan ? { tool_plan: reply.toolPlan } : {}),
      ...(reply.toolCalls?.length
        ? {
            tool_calls: reply.toolCalls.map((c) => ({
              id: c.id,
              type: "function",
              function: { name: c.name, arguments: JSON.stringify(c.arguments) },
            })),
          }
        : {}),
    },
    usage: usageOf(reply),
  };
}

type StreamEvent = { type: string; [k: string]: unknown };

/** The v2 chat stream for a reply, as Cohere sends it. */
function streamEvents(reply: CohereReply): StreamEvent[] {
  const events: StreamEvent[] = [
    {
      id: MESSAGE_ID,
      type: "message-start",
      delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
    },
  ];
  for (const piece of pieces(reply.toolPlan ?? "", 5)) {
    events.push({ type: "tool-plan-delta", delta: { message: { tool_plan: piece } } });
  }
  (reply.toolCalls ?? []).forEach((call, index) => {
    events.push({
      type: "tool-call-start",
      index,
      delta: { message: { tool_calls: { id: call.id, type: "function", function: { name: call.name, arguments: "" } } } },
    });
    for (const piece of pieces(JSON.stringify(call.arguments), 6)) {
      events.push({ type: "tool-call-delta", index, delta: { message: { tool_calls: { function: { arguments: piece } } } } });
    }
    events.push({ type: "tool-call-end", index });
  });
  if (reply.text) {
    events.push({ type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } });
    for (const piece of pieces(reply.text, 5)) {
      events.push({ type: "content-delta", index: 0, delta: { message: { content: { text: piece } } } });
    }
    events.push({ type: "content-end", index: 0 });
  }
  events.push({ type: "message-end", delta: { finish_reason: finishReasonOf(reply), usage: usageOf(reply) } });
  return events;
}

export function fakeCohereVector(text: string, dims: number): number[] {
  const digest = createHash("sha256").update(`cohere:${text}`).digest();
  return Array.from({ length: dims }, (_, i) => (digest[i % digest.length] - 128) / 128);
}

function embedReply(body: { texts?: string[]; output_dimension?: number }) {
  const texts = body.texts ?? [];
  const dims = body.output_dimension ?? 8;
  return {
    id: "embed-id",
    embeddings: { float: texts.map((t) => fakeCohereVector(t, dims)) },
    texts,
    meta: { api_version: { version: "2" }, billed_units: { input_tokens: texts.join(" ").split(/\s+/).filter(Boolean).length } },
    response_type: "embeddings_by_type",
  };
}
