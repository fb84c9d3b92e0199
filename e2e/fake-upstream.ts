// A fake OpenAI-compatible upstream for the evaluation e2e: one server behind one endpoint that
// answers both the app's chat calls and the judges' calls.
//  - chat calls: "Answer: <the question>", with usage so traces get tokens and a cost;
//  - judge calls (the system prompt asks for a JSON verdict, lib/eval/judges/verdict.ts):
//      {"rationale", "result": "pass" | "fail"} for pass/fail judges, {"rationale", "score"} for
//      numeric ones, {"rationale", "category"} for categorical ones.
//    Verdicts are "pass" except for the completeness judge when `strict` is on: then questions
//    whose text contains "why" fail, so a second run flips some verdicts. `judgeDelayMs` slows
//    the judge answers down (a run that can be cancelled midway).

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

interface Message {
  role: string;
  content: unknown;
}

function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === "object" && "text" in p ? String(p.text) : "")).join(" ");
  return JSON.stringify(content ?? "");
}

async function body(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

export interface FakeUpstream {
  /** Base URL for a provider key's `config.baseUrl` (…/v1). */
  baseUrl: string;
  /** Completeness fails questions containing "why" while on. */
  strict: boolean;
  /** Judge answers wait this long. */
  judgeDelayMs: number;
  chatCalls: number;
  judgeCalls: number;
  close(): Promise<void>;
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  let server: Server;
  const state: FakeUpstream = {
    baseUrl: "",
    strict: false,
    judgeDelayMs: 0,
    chatCalls: 0,
    judgeCalls: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  function verdict(req: any): string {
    const messages = (req.messages ?? []) as Message[];
    const system = text(messages.find((m) => m.role === "system")?.content);
    const prompt = messages.filter((m) => m.role === "user").map((m) => text(m.content)).join("\n");
    const schema = req.response_format?.json_schema?.schema;
    const props = schema?.properties ?? {};
    if (props.score || /"score"/.test(system)) return JSON.stringify({ rationale: "Fluent and clear.", score: 4 });
    if (props.category) return JSON.stringify({ rationale: "Fits the first category.", category: props.category.enum[0] });
    const completeness = /fully addresses the user's request/i.test(system);
    const fail = completeness && state.strict && /\bwhy\b/i.test(prompt);
    return JSON.stringify(
      fail
        ? { rationale: "The response does not explain why; part of the request is missing.", result: "fail" }
        : { rationale: "The response answers the request.", result: "pass" },
    );
  }

  server = createServer(async (req, res) => {
    try {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }));
        return;
      }
      const payload = await body(req);
      const messages = (payload.messages ?? []) as Message[];
      const isJudge = /JSON object/.test(text(messages.find((m) => m.role === "system")?.content)) || payload.response_format !== undefined;
      let content: string;
      if (isJudge) {
        state.judgeCalls++;
        content = verdict(payload);
        if (state.judgeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.judgeDelayMs));
      } else {
        state.chatCalls++;
        const question = text(messages.filter((m) => m.role === "user").at(-1)?.content);
        content = `Answer: ${question}`;
      }
      const answer = {
        id: `chatcmpl-fake-${state.chatCalls + state.judgeCalls}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: payload.model ?? "gpt-4o-mini",
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop", logprobs: null }],
        usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
      };
      if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    } catch (err) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: String(err), type: "server_error" } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
