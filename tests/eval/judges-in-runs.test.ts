// Judges inside evaluation runs (not only "try"), against the fake judge model through the gateway:
// custom numeric and categorical judges (stored value types, aggregates, the prompt their template
// rendered, trace metadata of a dataset item's source trace), the built-in Guidelines and
// Groundedness judges, code scorers on real traces (latency, tokens and cost known and unknown,
// json_schema), and judge endpoint errors (429, 5xx, 400, a content refusal) as item errors of a
// run that still completes, linking the failed judge call's trace.

import { describe, expect, it } from "vitest";
import { addDatasetItems, createDataset } from "@/lib/eval/dataset-service";
import { createJudge } from "@/lib/eval/judge-service";
import { CUSTOM_JUDGE_INSTRUCTIONS, evaluateJudge, resolveJudges } from "@/lib/eval/judges/resolve";
import type { JudgeSubject } from "@/lib/eval/judges/types";
import { createRun, getRun, getRunResults } from "@/lib/eval/run-service";
import type { CreateRunInput, DatasetItemInput } from "@/lib/eval/schemas";
import { flushTracing } from "@/lib/tracing";
import { TEST_DATABASES } from "../helpers/db";
import { endpoint, TEAM_TOKEN, target } from "../helpers/gateway";
import { ADMIN, useEvalEnv, waitFor } from "./helpers";

describe.each(TEST_DATABASES)("judges in evaluation runs (%s)", (kind) => {
  const env = useEvalEnv(kind);
  const completed = (id: string) =>
    waitFor(`run ${id} completed`, async () => {
      const run = await getRun(ADMIN, id);
      return run.status === "completed" && run;
    });
  let datasets = 0;
  const dataset = async (items: DatasetItemInput[]) => {
    const ds = await createDataset(ADMIN, { name: `judges-${++datasets}` });
    await addDatasetItems(ADMIN, ds.id, { items });
    return ds.id;
  };
  /** The judge prompts (user messages) the fake received, with their system message. */
  const prompts = () =>
    env.judge.requests.map((r) => ({ system: r.body.messages[0].content as string, user: r.body.messages[1].content as string, body: r.body }));
  /** A chat call through the gateway with optional trace metadata; the trace id, whatever the status. */
  async function chat(
    text: string,
    opts: { model?: string; metadata?: Record<string, unknown>; stream?: boolean } = {},
  ): Promise<{ id: string; status: number }> {
    const res = await fetch(`${env.gateway.baseURL}/chat/completions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${TEAM_TOKEN}`,
        "content-type": "application/json",
        ...(opts.metadata ? { "x-gatehouse-metadata": JSON.stringify(opts.metadata) } : {}),
      },
      body: JSON.stringify({ model: opts.model ?? "chat", messages: [{ role: "user", content: text }], ...(opts.stream ? { stream: true } : {}) }),
    });
    await res.text().catch(() => ""); // a cut stream may end abruptly
    return { id: res.headers.get("x-request-id")!, status: res.status };
  }

  it("custom numeric and categorical judges: verdict types, aggregates and the prompt each template rendered", async () => {
    const { id: sourceTrace } = await chat("cj source question", { metadata: { user_id: "u-42", plan: "pro" } });
    await flushTracing();
    const helpfulness = await createJudge(ADMIN, {
      name: "Helpfulness",
      template:
        "Rate the answer.\nQuestion: {{inputs.question}}\nAll inputs: {{inputs}}\nAnswer: {{outputs}}\nExpected: {{expectations}}\n" +
        "User: {{trace.metadata.user_id}} ({{trace.metadata.plan}}) on {{trace.endpoint}}",
      outputType: "numeric",
      scaleMin: 0,
      scaleMax: 10,
      endpoint: "judge",
    });
    await createJudge(ADMIN, { name: "Tone", template: "Classify the tone of {{outputs}} (asked: {{inputs.question}})", outputType: "categorical", categories: ["friendly", "neutral", "rude"] });
    const datasetId = await dataset([
      { inputs: { question: "cj-one" }, outputs: "Happy to help!", expectations: { expected_response: "help" }, sourceTraceId: sourceTrace },
      { inputs: { question: "cj-two" }, outputs: "Go away. VERDICT:FAIL" },
    ]);
    const created = await createRun(ADMIN, {
      source: { type: "dataset", datasetId },
      judges: [{ type: "custom", judgeId: helpfulness.id }, { type: "custom", judgeId: "Tone" }],
      judgeEndpoint: "judge",
    });
    expect(created.judges).toEqual([
      { name: "Helpfulness", kind: "llm", version: 1, source: "custom", ref: helpfulness.id, endpoint: "judge", outputType: "numeric" },
      expect.objectContaining({ name: "Tone", kind: "llm", source: "custom", endpoint: "judge", outputType: "categorical" }),
    ]);
    const run = await completed(created.id);
    expect(run).toMatchObject({ total: 2, done: 2, errors: 0 });
    expect(run.aggregates).toEqual([
      expect.objectContaining({ judgeName: "Helpfulness", outputType: "numeric", scored: 2, errors: 0, passRate: null, mean: 2.5, distribution: [{ label: "1", count: 1 }, { label: "4", count: 1 }] }),
      expect.objectContaining({ judgeName: "Tone", outputType: "categorical", scored: 2, errors: 0, passRate: null, mean: null, distribution: [{ label: "friendly", count: 1 }, { label: "rude", count: 1 }] }),
    ]);

    // Numeric verdicts are stored as numbers without a label, categorical ones as a label without a value.
    const results = await getRunResults(ADMIN, run.id);
    const [one, two] = results.data;
    expect(one.scores.Helpfulness).toMatchObject({ value: 4, label: null, error: null, judgeVersion: 1, rationale: "The response is fine." });
    expect(two.scores.Helpfulness).toMatchObject({ value: 1, label: null, error: null });
    expect(one.scores.Tone).toMatchObject({ value: null, label: "friendly", error: null });
    expect(two.scores.Tone).toMatchObject({ value: null, label: "rude", error: null });
    const rows = await env.db.score.findMany({ where: { runId: run.id }, orderBy: { judgeName: "asc" } });
    expect(rows.map((s) => [s.judgeName, typeof s.value, s.label])).toEqual(
      expect.arrayContaining([["Helpfulness", "number", null], ["Tone", "object", "friendly"], ["Tone", "object", "rude"]]),
    );

    // The prompts: the template with the item's values, the source trace's metadata (none without one).
    const sent = prompts();
    expect(sent).toHaveLength(4);
    const rated = (q: string) => sent.find((p) => p.user.startsWith("Rate the answer.") && p.user.includes(q))!;
    expect(rated("cj-one").user).toBe(
      'Rate the answer.\nQuestion: cj-one\nAll inputs: {\n  "question": "cj-one"\n}\nAnswer: Happy to help!\n' +
        'Expected: {\n  "expected_response": "help"\n}\nUser: u-42 (pro) on chat',
    );
    expect(rated("cj-two").user).toBe(
      'Rate the answer.\nQuestion: cj-two\nAll inputs: {\n  "question": "cj-two"\n}\nAnswer: Go away. VERDICT:FAIL\nExpected: (none)\nUser: (none) ((none)) on (none)',
    );
    expect(rated("cj-one").system).toBe(`${CUSTOM_JUDGE_INSTRUCTIONS}\n\nAnswer with a JSON object: {"rationale": "<why>", "score": <a number from 0 to 10>}.`);
    expect(rated("cj-one").body.response_format.json_schema.schema.required).toEqual(["rationale", "score"]);
    const toned = sent.find((p) => p.user === "Classify the tone of Happy to help! (asked: cj-one)")!;
    expect(toned.body.response_format.json_schema.schema.properties.category.enum).toEqual(["friendly", "neutral", "rude"]);
    expect(toned.system).toContain('"category": one of "friendly", "neutral", "rude"');
  });

  it("a numeric verdict outside the judge's scale is malformed: retried once, then an item error with the raw answer", async () => {
    // The fake answers 4; this judge's scale is 1..3.
    await createJudge(ADMIN, { name: "Tiny scale", template: "Rate {{outputs}}", outputType: "numeric", scaleMin: 1, scaleMax: 3 });
    const datasetId = await dataset([{ inputs: "q", outputs: "a" }]);
    const run = await completed((await createRun(ADMIN, { source: { type: "dataset", datasetId }, judges: [{ type: "custom", judgeId: "Tiny scale" }], judgeEndpoint: "judge" })).id);
    expect(run).toMatchObject({ done: 1, errors: 1 });
    expect(env.judge.calls).toBe(2);
    const [item] = (await getRunResults(ADMIN, run.id)).data;
    expect(item.scores["Tiny scale"]).toMatchObject({ value: null, label: null, rawText: '{"rationale":"The response is fine.","score":4}' });
    expect(item.scores["Tiny scale"].error).toMatch(/^Malformed verdict after a retry: .*score/);
  });

  it("built-in Guidelines and Groundedness judges: guidelines and context from the judge or the item, missing ones as errors", async () => {
    const datasetId = await dataset([
      {
        inputs: { question: "What is the capital of France?", context: "France's capital is Paris." },
        outputs: "Paris.",
        expectations: { guidelines: ["Answer in one word", "Be polite"] },
      },
      {
        inputs: { question: "When was the Eiffel Tower built?" },
        outputs: "In 1889, by aliens. VERDICT:FAIL",
        expectations: { guidelines: "Never speculate", context: ["The Eiffel Tower was completed in 1889.", "It is in Paris."] },
      },
      { inputs: { question: "Nothing to go by" }, outputs: "ok" },
    ]);
    const created = await createRun(ADMIN, {
      source: { type: "dataset", datasetId },
      judges: [
        { type: "builtin", judge: "guidelines" },
        { type: "builtin", judge: "groundedness" },
        { type: "builtin", judge: "guidelines", name: "house_style", guidelines: "Use British spelling." },
      ],
      judgeEndpoint: "judge",
    });
    const run = await completed(created.id);
    expect(run).toMatchObject({ total: 3, done: 3, errors: 1 });
    expect(run.aggregates).toEqual([
      expect.objectContaining({ judgeName: "guidelines", scored: 2, errors: 1, passRate: 0.5 }),
      expect.objectContaining({ judgeName: "groundedness", scored: 2, errors: 1, passRate: 0.5 }),
      expect.objectContaining({ judgeName: "house_style", scored: 3, errors: 0, passRate: 0.666667 }),
    ]);
    const [paris, eiffel, bare] = (await getRunResults(ADMIN, run.id)).data;
    expect([paris.scores.guidelines.label, paris.scores.groundedness.label, paris.scores.house_style.label]).toEqual(["pass", "pass", "pass"]);
    expect([eiffel.scores.guidelines.label, eiffel.scores.groundedness.label, eiffel.scores.house_style.label]).toEqual(["fail", "fail", "fail"]);
    expect(bare.status).toBe("error");
    expect(bare.scores.guidelines.error).toBe("guidelines needs guidelines (in the judge config or expectations.guidelines).");
    expect(bare.scores.groundedness.error).toBe("groundedness needs a context (expectations.context or inputs.context).");
    expect(bare.scores.house_style.label).toBe("pass");
    // Judges missing what they need make no call: 3 + 3 + 1.
    expect(env.judge.calls).toBe(7);

    const sent = prompts();
    const of = (instruction: string, question: string) => sent.filter((p) => p.system.includes(instruction) && p.user.includes(question)).map((p) => p.user);
    const follows = "follows every one of the guidelines";
    expect(of(follows, "capital of France")).toEqual(
      expect.arrayContaining([
        "<guidelines>\n- Answer in one word\n- Be polite\n</guidelines>\n\n<request>\nWhat is the capital of France?\n</request>\n\n<response>\nParis.\n</response>",
        // The judge's own guidelines win over the item's.
        "<guidelines>\nUse British spelling.\n</guidelines>\n\n<request>\nWhat is the capital of France?\n</request>\n\n<response>\nParis.\n</response>",
      ]),
    );
    expect(of(follows, "Eiffel")).toContain(
      "<guidelines>\nNever speculate\n</guidelines>\n\n<request>\nWhen was the Eiffel Tower built?\n</request>\n\n<response>\nIn 1889, by aliens. VERDICT:FAIL\n</response>",
    );
    expect(of("grounded in the context", "capital of France")).toEqual([
      "<context>\nFrance's capital is Paris.\n</context>\n\n<request>\nWhat is the capital of France?\n</request>\n\n<response>\nParis.\n</response>",
    ]);
    expect(of("grounded in the context", "Eiffel")).toEqual([
      "<context>\n- The Eiffel Tower was completed in 1889.\n- It is in Paris.\n</context>\n\n<request>\nWhen was the Eiffel Tower built?\n</request>\n\n<response>\nIn 1889, by aliens. VERDICT:FAIL\n</response>",
    ]);
  });

  it("code scorers on traces: latency, tokens and cost under a limit (known and unknown), json_schema", async () => {
    env.configure([endpoint("unpriced", [target("openai", "house-model-1", env.app.baseUrl)], { maxAttempts: 1 })]);
    try {
      env.app.switches.latencyMs = 60;
      env.app.reply = { text: '{"answer": 4}', usage: { prompt_tokens: 30, completion_tokens: 10 } };
      const slow = await chat("cs-run slow json");
      env.app.reset();
      const unpriced = await chat("cs-run unpriced", { model: "unpriced" });
      env.app.switches.fail = { status: 400, message: "bad request upstream" };
      const failed = await chat("cs-run failed");
      env.app.reset();
      env.app.switches.cutAfterEvents = 2;
      env.app.switches.eventDelayMs = 20; // the first chunks reach the gateway before the cut
      const cut = await chat("cs-run cut stream", { stream: true });
      env.app.reset();
      expect([slow.status, unpriced.status, failed.status, cut.status]).toEqual([200, 200, 400, 200]);
      await flushTracing();
      const ids = [slow.id, unpriced.id, failed.id, cut.id];
      const traces = new Map((await env.db.trace.findMany({ where: { id: { in: ids } } })).map((t) => [t.id, t]));
      // What the scorers read: tokens and cost known; cost unknown (no price); no usage and no cost
      // (a failed call: providers do not bill it); usage and cost unknown (the stream was cut before
      // its usage).
      expect(ids.map((id) => [traces.get(id)!.totalTokens, traces.get(id)!.costUsd])).toEqual([
        [40, expect.any(Number)],
        [16, null],
        [null, 0],
        [null, null],
      ]);
      expect(traces.get(slow.id)!.latencyMs).toBeGreaterThanOrEqual(60);

      const judges: CreateRunInput["judges"] = [
        { type: "code", scorer: "latency_under", maxMs: 10_000 },
        { type: "code", scorer: "latency_under", name: "snappy", maxMs: 50 },
        { type: "code", scorer: "tokens_under", maxTokens: 100 },
        { type: "code", scorer: "tokens_under", name: "terse", maxTokens: 20 },
        { type: "code", scorer: "cost_under", maxUsd: 1 },
        { type: "code", scorer: "cost_under", name: "free", maxUsd: 1e-9 },
        { type: "code", scorer: "json_schema", schema: { type: "object", properties: { answer: { type: "number" } }, required: ["answer"] } },
      ];
      const created = await createRun(ADMIN, { source: { type: "traces", filter: { q: "cs-run" } }, judges });
      expect(created.total).toBe(4);
      const run = await completed(created.id);
      expect(run).toMatchObject({ done: 4, errors: 3, judgeCostUsd: 0 });
      const byTrace = new Map((await getRunResults(ADMIN, run.id)).data.map((r) => [r.traceId, r.scores]));
      const verdicts = (id: string) => Object.fromEntries(Object.entries(byTrace.get(id)!).map(([name, s]) => [name, s.error ?? s.label]));
      const snappy = (id: string) => (traces.get(id)!.latencyMs < 50 ? "pass" : "fail");
      expect(verdicts(slow.id)).toEqual({
        latency_under: "pass",
        snappy: "fail",
        tokens_under: "pass",
        terse: "fail",
        cost_under: "pass",
        free: "fail",
        json_schema: "pass",
      });
      expect(verdicts(unpriced.id)).toEqual({
        latency_under: "pass",
        snappy: snappy(unpriced.id),
        tokens_under: "pass",
        terse: "pass",
        cost_under: "cost_under needs the trace's cost, which is unknown (no price for the model).",
        free: "cost_under needs the trace's cost, which is unknown (no price for the model).",
        json_schema: "fail",
      });
      expect(verdicts(failed.id)).toEqual({
        latency_under: "pass",
        snappy: snappy(failed.id),
        tokens_under: "tokens_under needs the trace's token usage, which is unknown.",
        terse: "tokens_under needs the trace's token usage, which is unknown.",
        cost_under: "pass",
        free: "pass",
        json_schema: "Nothing to score: there is no output.",
      });
      expect(verdicts(cut.id)).toMatchObject({
        latency_under: "pass",
        tokens_under: "tokens_under needs the trace's token usage, which is unknown.",
        cost_under: "cost_under needs the trace's cost, which is unknown (no price for the model).",
      });
      expect(byTrace.get(slow.id)!.snappy.rationale).toBe(`Latency ${traces.get(slow.id)!.latencyMs} ms vs limit 50 ms.`);
      expect(byTrace.get(slow.id)!.terse.rationale).toBe("40 tokens vs limit 20.");
      expect(byTrace.get(unpriced.id)!.json_schema.rationale).toMatch(/^The output is not valid JSON: /);
      expect(run.aggregates.find((a) => a.judgeName === "cost_under")).toMatchObject({ scored: 2, errors: 2, passRate: 1 });
      expect(run.aggregates.find((a) => a.judgeName === "tokens_under")).toMatchObject({ scored: 2, errors: 2, passRate: 1 });

      // A dataset item without a source trace has no latency, tokens or cost to check.
      const datasetId = await dataset([{ inputs: "q", outputs: "a" }]);
      const noTrace = await completed((await createRun(ADMIN, { source: { type: "dataset", datasetId }, judges: judges.slice(0, 6) })).id);
      expect(noTrace).toMatchObject({ done: 1, errors: 1 });
      const [item] = (await getRunResults(ADMIN, noTrace.id)).data;
      expect(Object.values(item.scores).map((s) => s.error)).toEqual([
        "latency_under needs a trace (this item has no source trace).",
        "latency_under needs a trace (this item has no source trace).",
        "tokens_under needs a trace (this item has no source trace).",
        "tokens_under needs a trace (this item has no source trace).",
        "cost_under needs a trace (this item has no source trace).",
        "cost_under needs a trace (this item has no source trace).",
      ]);
    } finally {
      env.configure();
    }
  });

  it("a json_schema scorer with a schema it cannot use is refused when the run is created", async () => {
    const datasetId = await dataset([{ inputs: "q", outputs: "{}" }]);
    await expect(
      createRun(ADMIN, { source: { type: "dataset", datasetId }, judges: [{ type: "code", scorer: "json_schema", schema: { $ref: "#/definitions/nope" } }] }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["judges", 0, "schema"], message: expect.stringContaining("not a supported JSON Schema") })] });
  });

  it("judge endpoint errors (429, 5xx, 400) become item errors; the run completes counting them", async () => {
    const datasetId = await dataset([
      { inputs: { question: "ee-one" }, outputs: "fine one" },
      { inputs: { question: "ee-two" }, outputs: "fine two" },
    ]);
    const cases = [
      // Rate limits and server errors are retried by the gateway (3 attempts), then fail the call.
      { status: 429, error: /^safety: Judge endpoint 'judge' failed \(503 upstream_rate_limited\): All 3 attempt\(s\) .*HTTP 429 \(injected 429\)/, callsPerItem: 3 },
      { status: 500, error: /^safety: Judge endpoint 'judge' failed \(502 upstream_failed\): All 3 attempt\(s\) .*HTTP 500 \(injected 500\)/, callsPerItem: 3 },
      { status: 400, error: /^safety: Judge endpoint 'judge' failed \(400 upstream_client_error\): .* returned 400: injected 400$/, callsPerItem: 1 },
    ];
    for (const c of cases) {
      env.judge.reset();
      env.judge.switches.fail = { status: c.status, message: `injected ${c.status}` };
      const created = await createRun(ADMIN, {
        name: `errors ${c.status}`,
        source: { type: "dataset", datasetId },
        judges: [{ type: "builtin", judge: "safety" }, { type: "code", scorer: "contains", substring: "fine" }],
        judgeEndpoint: "judge",
      });
      const run = await completed(created.id);
      expect(run, `HTTP ${c.status}`).toMatchObject({ status: "completed", total: 2, done: 2, errors: 2, progress: 1 });
      expect(run.aggregates).toEqual([
        expect.objectContaining({ judgeName: "safety", scored: 0, errors: 2, passRate: null, distribution: [] }),
        expect.objectContaining({ judgeName: "contains", scored: 2, errors: 0, passRate: 1 }),
      ]);
      expect(env.judge.calls).toBe(2 * c.callsPerItem);
      await flushTracing();
      for (const item of (await getRunResults(ADMIN, run.id)).data) {
        // The failed judge call is traced and linked from the error.
        const judgeTrace = await env.db.trace.findUnique({ where: { id: item.scores.safety.judgeTraceId ?? "" } });
        expect(judgeTrace).toMatchObject({ caller: "judge", status: "error", attempts: c.callsPerItem });
        expect(item.status).toBe("error");
        expect(item.error).toMatch(c.error);
        expect(item.scores.safety).toMatchObject({ value: null, label: null, rationale: null, rawText: null });
        expect(`safety: ${item.scores.safety.error}`).toMatch(c.error);
        // The other judge of the item still scored it.
        expect(item.scores.contains).toMatchObject({ label: "pass", error: null });
      }
    }
  });

  it("a judge model refusing the prompt (VERDICT:REJECT → 400) is an item error, not an endpoint failure", async () => {
    const datasetId = await dataset([
      { inputs: { question: "rj-one" }, outputs: "a normal answer" },
      { inputs: { question: "rj-two" }, outputs: "something the filter blocks VERDICT:REJECT" },
    ]);
    const run = await completed((await createRun(ADMIN, { source: { type: "dataset", datasetId }, judges: [{ type: "builtin", judge: "safety" }], judgeEndpoint: "judge" })).id);
    expect(run).toMatchObject({ total: 2, done: 2, errors: 1 });
    expect(run.aggregates[0]).toMatchObject({ scored: 1, errors: 1, passRate: 1 });
    // Not retried: one call per item.
    expect(env.judge.calls).toBe(2);
    const [ok, rejected] = (await getRunResults(ADMIN, run.id)).data;
    expect(ok).toMatchObject({ status: "done", scores: { safety: { label: "pass" } } });
    expect(rejected.status).toBe("error");
    expect(rejected.scores.safety.error).toMatch(/^Judge endpoint 'judge' failed \(400 upstream_client_error\): .*The prompt was rejected by the content filter\.$/);
    // The refused call is traced (caller "judge") and linked from the score.
    await flushTracing();
    const judgeTrace = await env.db.trace.findUnique({ where: { id: rejected.scores.safety.judgeTraceId ?? "" } });
    expect(judgeTrace).toMatchObject({ caller: "judge", status: "error", httpStatus: 400 });

    // What online rules count towards pausing: endpoint failures (429, 5xx), not refusals (400).
    const [safety] = await resolveJudges(env.db, [{ type: "builtin", judge: "safety" }], "judge");
    const subject = (outputs: string): JudgeSubject => ({ inputs: "q", outputs, expectations: null, trace: null });
    expect(await evaluateJudge(safety, subject("VERDICT:REJECT"))).toMatchObject({ ok: false, endpointFailure: false });
    for (const [status, endpointFailure] of [[429, true], [503, true], [400, false]] as const) {
      env.judge.switches.fail = { status };
      expect(await evaluateJudge(safety, subject("fine")), `HTTP ${status}`).toMatchObject({ ok: false, endpointFailure });
    }
    env.judge.reset();
    expect(await evaluateJudge(safety, subject("fine"))).toMatchObject({ ok: true, verdict: { label: "pass" } });
  });
});
