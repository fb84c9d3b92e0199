// Rebuilds the final assistant message from streamed chunks, for traces of streaming requests.

import type { ChatCompletion, ChatCompletionChunk, FinishReason, ToolCall, Usage } from "./openai-types";

interface ChoiceState {
  content: string;
  refusal: string | null;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
}

export class StreamAssembler {
  private id = "";
  private created = 0;
  private model = "";
  private readonly choices: ChoiceState[] = [];

  add(chunk: ChatCompletionChunk): void {
    this.id = chunk.id;
    this.created = chunk.created;
    this.model = chunk.model;
    for (const c of chunk.choices) {
      const state = (this.choices[c.index] ??= { content: "", refusal: null, toolCalls: [], finishReason: null });
      const delta = c.delta;
      if (delta) {
        if (typeof delta.content === "string") state.content += delta.content;
        if (typeof delta.refusal === "string") state.refusal = (state.refusal ?? "") + delta.refusal;
        if (delta.tool_calls) {
          for (const tc of delta.tool_calls) {
            const call = (state.toolCalls[tc.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
            if (tc.id) call.id = tc.id;
            if (tc.function?.name) call.function.name += tc.function.name;
            if (tc.function?.arguments) call.function.arguments += tc.function.arguments;
          }
        }
      }
      if (c.finish_reason) state.finishReason = c.finish_reason;
    }
  }

  result(usage: Usage | null): ChatCompletion {
    return {
      id: this.id,
      object: "chat.completion",
      created: this.created,
      model: this.model,
      choices: this.choices.map((s, index) => ({
        index,
        message: {
          role: "assistant" as const,
          content: s.content.length > 0 || s.toolCalls.length === 0 ? s.content : null,
          ...(s.toolCalls.length > 0 ? { tool_calls: s.toolCalls.filter(Boolean) } : {}),
          ...(s.refusal !== null ? { refusal: s.refusal } : {}),
        },
        finish_reason: s.finishReason,
      })),
      ...(usage ? { usage } : {}),
    };
  }
}
