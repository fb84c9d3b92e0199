// The OpenAI Responses API (POST /v1/responses; Azure: /openai/v1/responses) for the OpenAI fake:
// the response object and the typed SSE event stream (response.created … response.completed, each
// with a sequence_number), as the `openai` SDK's responses.create / responses.stream consume them.

import { FakeHttpError, pieces } from "./fake-switches";

export interface ResponsesFakeReply {
  text?: string;
  usage?: { input_tokens?: number; output_tokens?: number; cached_tokens?: number; reasoning_tokens?: number };
}

function sse(event: string, data: Record<string, unknown>): string {
  return `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
}

/** The last user text of `input` (a string or a list of messages). */
export function responsesInputText(body: any): string {
  if (typeof body?.input === "string") return body.input;
  if (!Array.isArray(body?.input) || body.input.length === 0) throw new FakeHttpError(400, "Missing required parameter: 'input'.");
  const user = [...body.input].reverse().find((m: any) => m.role === "user");
  const content = user?.content;
  if (typeof content === "string") return content;
  return Array.isArray(content) ? content.filter((p: any) => p.type === "input_text").map((p: any) => p.text).join(" ") : "";
}

export function responseObject(id: string, body: any, reply: ResponsesFakeReply, status: "in_progress" | "completed") {
  const text = reply.text ?? "";
  const input = reply.usage?.input_tokens ?? 14;
  const output = reply.usage?.output_tokens ?? 6;
  const messageId = `msg_${id}`;
  return {
    id,
    object: "response",
    created_at: 1_700_000_000,
    status,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: body.model ?? "azure-deployment",
    output:
      status === "completed"
        ? [{ id: messageId, type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text, annotations: [], logprobs: [] }] }]
        : [],
    parallel_tool_calls: true,
    previous_response_id: body.previous_response_id ?? null,
    temperature: body.temperature ?? 1,
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    usage:
      status === "completed"
        ? {
            input_tokens: input,
            input_tokens_details: { cached_tokens: reply.usage?.cached_tokens ?? 0 },
            output_tokens: output,
            output_tokens_details: { reasoning_tokens: reply.usage?.reasoning_tokens ?? 0 },
            total_tokens: input + output,
          }
        : null,
    metadata: body.metadata ?? {},
  };
}

/** The streamed events of one text response. */
export function responseEvents(id: string, body: any, reply: ResponsesFakeReply): string[] {
  let seq = 0;
  const text = reply.text ?? "";
  const item_id = `msg_${id}`;
  const part = (t: string) => ({ type: "output_text", text: t, annotations: [], logprobs: [] });
  const events = [
    sse("response.created", { sequence_number: seq++, response: responseObject(id, body, reply, "in_progress") }),
    sse("response.in_progress", { sequence_number: seq++, response: responseObject(id, body, reply, "in_progress") }),
    sse("response.output_item.added", {
      sequence_number: seq++,
      output_index: 0,
      item: { id: item_id, type: "message", status: "in_progress", role: "assistant", content: [] },
    }),
    sse("response.content_part.added", { sequence_number: seq++, item_id, output_index: 0, content_index: 0, part: part("") }),
  ];
  for (const delta of pieces(text, 6)) {
    events.push(sse("response.output_text.delta", { sequence_number: seq++, item_id, output_index: 0, content_index: 0, delta, logprobs: [] }));
  }
  const completed = responseObject(id, body, reply, "completed");
  events.push(
    sse("response.output_text.done", { sequence_number: seq++, item_id, output_index: 0, content_index: 0, text, logprobs: [] }),
    sse("response.content_part.done", { sequence_number: seq++, item_id, output_index: 0, content_index: 0, part: part(text) }),
    sse("response.output_item.done", { sequence_number: seq++, output_index: 0, item: completed.output[0] }),
    sse("response.completed", { sequence_number: seq++, response: completed }),
  );
  return events;
}

export const RESPONSES_STREAM_ERROR = sse("error", {
  sequence_number: 99,
  code: "server_error",
  message: "The server had an error while processing your request.",
  param: null,
});
