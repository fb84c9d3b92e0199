// Evaluation of traces recorded by the passthrough routes: real @google/genai and OpenAI Responses
// calls (plain and streamed) through the gateway to fake upstreams, traced to the database, then
// judged by a code scorer and an LLM judge (which must see the text, not the raw JSON), copied into
// a dataset (items hold the text, and a dataset run's results link the source traces), and a
// malformed verdict's raw answer on the trace's scores; the console's results table and the trace
// page's Evaluation card rendered (server-side) from what the services return.

import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResultsTable } from "../../app/(console)/evaluations/[id]/results-table";
import { TraceScoresCard } from "../../components/eval/trace-scores-card";
import { createDataset, listDatasetItems } from "../../lib/eval/dataset-service";
import { createRun, getRun, getRunResults } from "../../lib/eval/run-service";
import { flushTracing } from "../../lib/tracing";
import { getTrace } from "../../lib/tracing/queries";
import { GeminiFake } from "../fakes/gemini";
import { MALFORMED_TEXT } from "../fakes/judge";
import { TEST_DATABASES } from "../helpers/db";
import { endpoint, target, TEAM_TOKEN } from "../helpers/gateway";
import { ADMIN, useEvalEnv, waitFor } from "./helpers";

const GEMINI_KEY = "AIza-stored-gemini-key-eval-000001";
const SYSTEM = "Answer in one word.";

describe.each(TEST_DATABASES)("evaluation of passthrough traces (%s)", (kind) => {
  const env = useEvalEnv(kind);
  let gemini: GeminiFake;
  let genai: GoogleGenAI;
  let openai: OpenAI;

  beforeAll(async () => {
    gemini = await new GeminiFake(GEMINI_KEY).start();
    env.configure([endpoint("flash", [target("gemini", "gemini-2.5-flash", gemini.url, { apiKey: GEMINI_KEY })])]);
    genai = new GoogleGenAI({ apiKey: TEAM_TOKEN, httpOptions: { baseUrl: `${env.gateway.url}/gateway/gemini` } });
    openai = new OpenAI({ baseURL: `${env.gateway.url}/gateway/openai/v1`, apiKey: TEAM_TOKEN, maxRetries: 0 });
  });

  afterAll(async () => {
    await gemini.close();
  });

  const completed = (id: string) =>
    waitFor(`run ${id} completed`, async () => {
      const run = await getRun(ADMIN, id);
      return run.status === "completed" && run;
    });

  /** Gemini and Responses calls, plain and streamed, each answered `answer`; their trace ids. */
  async function callAll(question: string, answer: string): Promise<string[]> {
    gemini.reply = { text: answer };
    env.app.responsesReply = { text: answer };
    const ids: string[] = [];
    const plain = await genai.models.generateContent({ model: "flash", contents: question, config: { systemInstruction: SYSTEM } });
    expect(plain.text).toBe(answer);
    ids.push(plain.sdkHttpResponse!.headers!["x-request-id"]);
    let streamed = "";
    for await (const chunk of await genai.models.generateContentStream({ model: "flash", contents: question, config: { systemInstruction: SYSTEM } })) {
      streamed += chunk.text ?? "";
    }
    expect(streamed).toBe(answer);
    const { data, response } = await openai.responses.create({ model: "chat", instructions: SYSTEM, input: question }).withResponse();
    expect(data.output_text).toBe(answer);
    ids.push(response.headers.get("x-request-id")!);
    const stream = await openai.responses.create({ model: "chat", instructions: SYSTEM, input: [{ role: "user", content: question }], stream: true });
    for await (const _event of stream) {
      // drained: the trace is written once the stream ends
    }
    await flushTracing();
    const traces = await env.db.trace.findMany({ where: { requestPayload: { contains: question } }, select: { id: true, route: true, streaming: true } });
    expect(traces.map((t) => `${t.route}:${t.streaming}`).sort()).toEqual([
      "passthrough-gemini:false",
      "passthrough-gemini:true",
      "passthrough-openai:false",
      "passthrough-openai:true",
    ]);
    return traces.map((t) => t.id);
  }

  it("judges Gemini and Responses traces on their text, and copies the text into dataset items", async () => {
    const question = "p7 Capital of France?";
    const ids = await callAll(question, "Paris");
    const run = await createRun(ADMIN, {
      source: { type: "traces", filter: { q: "p7 Capital" } },
      judges: [{ type: "code", scorer: "exact_match", expected: "Paris" }, { type: "builtin", judge: "relevance_to_query" }],
      judgeEndpoint: "judge",
    });
    expect(run.total).toBe(4);
    const done = await completed(run.id);
    expect(done.aggregates.find((a) => a.judgeName === "exact_match")).toMatchObject({ scored: 4, errors: 0, passRate: 1 });
    // The LLM judge read the user's text and the answer, not the payloads' JSON.
    expect(env.judge.calls).toBe(4);
    for (const request of env.judge.requests) {
      const prompt = (request.body as { messages: Array<{ role: string; content: string }> }).messages.find((m) => m.role === "user")!.content;
      expect(prompt).toContain(`<request>\n${question}\n</request>`);
      expect(prompt).toContain("<response>\nParis\n</response>");
    }
    const results = await getRunResults(ADMIN, run.id);
    for (const row of results.data) {
      expect(row).toMatchObject({ status: "done", outputs: "Paris", inputs: { system: SYSTEM, messages: [{ role: "user", content: question }] } });
      expect(row.sourceTraceId).toBeNull();
    }

    // Copied into a dataset: the text, and a dataset run's rows link the traces the items came from.
    const ds = await createDataset(ADMIN, { name: `passthrough-${kind}`, traceIds: ids });
    const items = (await listDatasetItems(ADMIN, ds.id)).data;
    expect(items.map((i) => i.sourceTraceId).sort()).toEqual([...ids].sort());
    for (const item of items) {
      expect(item).toMatchObject({ outputs: "Paris", inputs: { system: SYSTEM, messages: [{ role: "user", content: question }] } });
    }
    const datasetRun = await createRun(ADMIN, {
      source: { type: "dataset", datasetId: ds.id },
      judges: [{ type: "code", scorer: "exact_match", expected: "Paris" }],
    });
    expect((await completed(datasetRun.id)).aggregates[0]).toMatchObject({ scored: 4, passRate: 1 });
    const rows = (await getRunResults(ADMIN, datasetRun.id)).data;
    expect(rows.map((r) => r.traceId)).toEqual([null, null, null, null]);
    expect(rows.map((r) => r.sourceTraceId).sort()).toEqual([...ids].sort());
    expect(rows.map((r) => r.datasetItemId).sort()).toEqual(items.map((i) => i.id).sort());
    // The console's results table links each row to its source trace.
    const table = renderToStaticMarkup(createElement(ResultsTable, { results: rows, judges: ["exact_match"] }));
    for (const id of ids) expect(table).toContain(`href="/traces/${id}"`);
  });

  it("a malformed verdict on a passthrough trace keeps the judge's raw answer on the trace's scores", async () => {
    const ids = await callAll("p8 Say the marker", "VERDICT:MALFORMED");
    const run = await createRun(ADMIN, {
      source: { type: "traces", filter: { q: "p8 Say the marker" } },
      judges: [{ type: "builtin", judge: "relevance_to_query" }],
      judgeEndpoint: "judge",
    });
    expect(await completed(run.id)).toMatchObject({ total: 4, errors: 4 });
    const rawAnswer = `<summary class="[^"]*">raw answer</summary><pre class="[^"]*">${MALFORMED_TEXT}</pre>`;
    for (const id of ids) {
      const scores = (await getTrace(ADMIN, id)).scores!;
      expect(scores).toEqual([expect.objectContaining({ judgeName: "relevance_to_query", rawText: MALFORMED_TEXT, error: expect.stringMatching(/Malformed verdict/) })]);
      // The trace page's Evaluation card shows it (collapsed) under the error.
      expect(renderToStaticMarkup(createElement(TraceScoresCard, { scores, isAdmin: true }))).toMatch(new RegExp(`Malformed verdict[^<]*<details[^>]*>${rawAnswer}`));
    }
    // And so does the run's results table, for every row.
    const rows = (await getRunResults(ADMIN, run.id)).data;
    const table = renderToStaticMarkup(createElement(ResultsTable, { results: rows, judges: ["relevance_to_query"] }));
    expect(table.match(new RegExp(rawAnswer, "g"))).toHaveLength(4);
  });
});
