// Custom judge templates: what {{inputs}}, {{outputs}}, {{expectations}}, dotted paths and
// {{trace.*}} / {{trace.metadata.*}} render to, and the check that rejects bad templates (on its
// own and through the create-judge schema). Code scorers: json_schema, latency_under, tokens_under
// and cost_under, passing, failing and with the trace fact unknown.

import { describe, expect, it } from "vitest";
import { runCodeScorer } from "@/lib/eval/judges/code-scorers";
import { renderTemplate, templateProblems, templateVariables } from "@/lib/eval/judges/template";
import type { JudgeSubject, SubjectTrace } from "@/lib/eval/judges/types";
import { codeScorerRefSchema, createJudgeSchema, type CodeScorerRef } from "@/lib/eval/schemas";

const TRACE: SubjectTrace = {
  id: "tr_1",
  endpoint: "chat",
  model: "gpt-4o-mini",
  provider: "openai",
  status: "ok",
  latencyMs: 250,
  totalTokens: 120,
  costUsd: 0.0015,
  metadata: { user_id: "u-42", tier: { name: "gold" }, "feature-flag": "on" },
};

const SUBJECT: JudgeSubject = {
  inputs: { question: "What is 2+2?", context: ["maths", "easy"] },
  outputs: "4",
  expectations: { expected_response: "4", guidelines: ["Be brief"] },
  trace: TRACE,
};

describe("custom judge template rendering", () => {
  it("renders inputs, outputs and expectations: strings as they are, anything else as indented JSON", () => {
    const rendered = renderTemplate("Q: {{inputs}}\nA: {{outputs}}\nE: {{expectations}}", SUBJECT);
    expect(rendered).toBe(
      `Q: ${JSON.stringify(SUBJECT.inputs, null, 2)}\nA: 4\nE: ${JSON.stringify(SUBJECT.expectations, null, 2)}`,
    );
    expect(renderTemplate("{{outputs}}", { ...SUBJECT, outputs: { content: "hi", tool_calls: [] } })).toBe('{\n  "content": "hi",\n  "tool_calls": []\n}');
  });

  it("follows dotted paths; spaces inside the braces are allowed", () => {
    const template = "{{ inputs.question }} / {{inputs.context}} / {{inputs.context.1}} / {{expectations.expected_response}}";
    expect(renderTemplate(template, SUBJECT)).toBe('What is 2+2? / [\n  "maths",\n  "easy"\n] / easy / 4');
  });

  it("renders trace fields and trace metadata", () => {
    const template = "user={{trace.metadata.user_id}} tier={{trace.metadata.tier.name}} flag={{trace.metadata.feature-flag}} " +
      "model={{trace.model}} latency={{trace.latencyMs}} cost={{trace.costUsd}} id={{trace.id}}";
    expect(renderTemplate(template, SUBJECT)).toBe("user=u-42 tier=gold flag=on model=gpt-4o-mini latency=250 cost=0.0015 id=tr_1");
    expect(renderTemplate("{{trace.metadata}}", SUBJECT)).toBe(JSON.stringify(TRACE.metadata, null, 2));
  });

  it("renders what is missing as (none): no trace, no metadata key, no expectations, a path through a string", () => {
    const noTrace: JudgeSubject = { inputs: "plain", outputs: null, expectations: null, trace: null };
    expect(renderTemplate("{{trace.metadata.user_id}}|{{trace.model}}|{{expectations}}|{{expectations.x}}|{{outputs}}|{{inputs.question}}", noTrace)).toBe(
      "(none)|(none)|(none)|(none)|(none)|(none)",
    );
    expect(renderTemplate("{{trace.metadata.nope}}", { ...SUBJECT, trace: { ...TRACE, metadata: null } })).toBe("(none)");
  });

  it("renders in one pass: placeholders inside the values are not expanded", () => {
    const subject: JudgeSubject = { ...SUBJECT, inputs: "ignore this {{expectations}}", outputs: "price: $& $1 {{trace.id}}" };
    expect(renderTemplate("{{inputs}} -> {{outputs}}", subject)).toBe("ignore this {{expectations}} -> price: $& $1 {{trace.id}}");
  });
});

describe("custom judge template check", () => {
  it("accepts templates built from inputs, outputs, expectations and trace fields", () => {
    for (const template of [
      "Is this polite? {{outputs}}",
      "{{inputs.question}} -> {{ outputs.content }} (expected {{expectations.expected_response}})",
      "Asked: {{inputs}}; user {{trace.metadata.user_id}} on {{trace.endpoint}}, {{trace.totalTokens}} tokens",
      "Literal braces are fine: { } {x} }} around {{outputs}}",
    ]) {
      expect(templateProblems(template), template).toEqual([]);
    }
    expect(templateVariables("{{outputs}} {{inputs.q}} {{outputs}}")).toEqual(["outputs", "inputs.q"]);
  });

  it("needs inputs or outputs", () => {
    expect(templateProblems("Judge {{expectations}} against {{trace.metadata.user_id}}")).toEqual([
      "the template must use {{outputs}} or {{inputs}}: a judge with neither has nothing to judge",
    ]);
    expect(templateProblems("No placeholders at all")).toHaveLength(1);
  });

  it("rejects unknown variables, including the built-ins' derived ones", () => {
    const problems = templateProblems("{{outputs}} {{response}} {{query}} {{Outputs}}");
    expect(problems).toEqual([
      "unknown variable {{response}}: use {{inputs}}, {{outputs}}, {{expectations}}, {{trace}} or a path into them",
      "unknown variable {{query}}: use {{inputs}}, {{outputs}}, {{expectations}}, {{trace}} or a path into them",
      "unknown variable {{Outputs}}: use {{inputs}}, {{outputs}}, {{expectations}}, {{trace}} or a path into them",
    ]);
  });

  it("rejects unknown trace fields and a bare {{trace}}", () => {
    expect(templateProblems("{{outputs}} {{trace.user}} {{trace}}")).toEqual([
      "unknown variable {{trace.user}}: trace fields are id, endpoint, model, provider, status, latencyMs, totalTokens, costUsd, metadata (e.g. {{trace.metadata.user_id}})",
      "unknown variable {{trace}}: trace fields are id, endpoint, model, provider, status, latencyMs, totalTokens, costUsd, metadata (e.g. {{trace.metadata.user_id}})",
    ]);
  });

  it("rejects malformed placeholders, which would reach the judge as literal text", () => {
    expect(templateProblems("{{inputs}} answered {{outputs}")).toEqual([
      "malformed placeholder '{{outputs}': write {{outputs}}, {{inputs.question}}, {{trace.metadata.user_id}}, ...",
    ]);
    expect(templateProblems("{{outputs}} {{inputs[0]}} {{ }} {{inputs.}} {{outputs}")).toEqual([
      "malformed placeholder '{{inputs[0]}}': write {{outputs}}, {{inputs.question}}, {{trace.metadata.user_id}}, ...",
      "malformed placeholder '{{ }}': write {{outputs}}, {{inputs.question}}, {{trace.metadata.user_id}}, ...",
      "malformed placeholder '{{inputs.}}': write {{outputs}}, {{inputs.question}}, {{trace.metadata.user_id}}, ...",
      "malformed placeholder '{{outputs}': write {{outputs}}, {{inputs.question}}, {{trace.metadata.user_id}}, ...",
    ]);
    // An unclosed placeholder is cut at the end of its line.
    expect(templateProblems("{{outputs}}\nexpected {{expectations.x\nmore text")).toEqual([
      "malformed placeholder '{{expectations.x': write {{outputs}}, {{inputs.question}}, {{trace.metadata.user_id}}, ...",
    ]);
    // Mustache-style triple braces hold a well-formed placeholder: not reported.
    expect(templateProblems("{{{outputs}}}")).toEqual([]);
  });

  it("is applied by the create-judge schema, one issue per problem on the template", () => {
    const parsed = createJudgeSchema.safeParse({ name: "Bad", template: "{{query}} {{outputs}", outputType: "pass_fail" });
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.filter((i) => i.path.join(".") === "template").map((i) => i.message);
    expect(issues).toEqual([
      "malformed placeholder '{{outputs}': write {{outputs}}, {{inputs.question}}, {{trace.metadata.user_id}}, ...",
      "unknown variable {{query}}: use {{inputs}}, {{outputs}}, {{expectations}}, {{trace}} or a path into them",
      "the template must use {{outputs}} or {{inputs}}: a judge with neither has nothing to judge",
    ]);
    expect(createJudgeSchema.safeParse({ name: "Good", template: "Rate {{outputs}} for {{trace.metadata.user_id}}", outputType: "numeric" }).success).toBe(true);
  });
});

const scorer = (ref: Record<string, unknown>): CodeScorerRef => codeScorerRefSchema.parse({ type: "code", ...ref });
const score = (ref: Record<string, unknown>, subject: Partial<JudgeSubject> = {}) => runCodeScorer(scorer(ref), { ...SUBJECT, ...subject });

describe("code scorers", () => {
  const PERSON = {
    type: "object",
    properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 }, tags: { type: "array", items: { type: "string" } } },
    required: ["name", "age"],
    additionalProperties: false,
  };

  it("json_schema: passes a matching output (also fenced or in a message object), fails a mismatch or non-JSON", () => {
    expect(score({ scorer: "json_schema", schema: PERSON }, { outputs: '{"name": "Ada", "age": 36, "tags": ["x"]}' })).toMatchObject({
      ok: true,
      verdict: { value: 1, label: "pass", rationale: "The output matches the JSON schema." },
      costUsd: null,
    });
    expect(score({ scorer: "json_schema", schema: PERSON }, { outputs: '```json\n{"name": "Ada", "age": 1}\n```' })).toMatchObject({ verdict: { label: "pass" } });
    expect(score({ scorer: "json_schema", schema: PERSON }, { outputs: { content: '{"name": "Ada", "age": 1}', tool_calls: [] } })).toMatchObject({ verdict: { label: "pass" } });

    const mismatch = score({ scorer: "json_schema", schema: PERSON }, { outputs: '{"name": 5, "age": -1, "extra": true}' });
    expect(mismatch).toMatchObject({ ok: true, verdict: { value: 0, label: "fail" } });
    const why = (mismatch as { verdict: { rationale: string } }).verdict.rationale;
    expect(why).toMatch(/^The output does not match the JSON schema: /);
    expect(why).toContain("name: ");
    expect(why).toContain("age: ");
    expect(score({ scorer: "json_schema", schema: PERSON }, { outputs: '{"name": "Ada"}' })).toMatchObject({ verdict: { label: "fail", rationale: expect.stringContaining("age") } });
    expect(score({ scorer: "json_schema", schema: { type: "array" } }, { outputs: "[1, 2]" })).toMatchObject({ verdict: { label: "pass" } });

    const notJson = score({ scorer: "json_schema", schema: PERSON }, { outputs: "Ada, 36" });
    expect(notJson).toMatchObject({ ok: true, verdict: { label: "fail", rationale: expect.stringMatching(/^The output is not valid JSON: /) } });
    expect(score({ scorer: "json_schema", schema: PERSON }, { outputs: null })).toEqual(expect.objectContaining({ ok: false, error: "Nothing to score: there is no output." }));
  });

  it("json_schema: a schema zod cannot compile is rejected when the scorer is configured, not on every item", () => {
    for (const schema of [{ $ref: "#/definitions/missing" }, { type: "bogus" }, { if: { required: ["a"] }, then: { required: ["b"] } }]) {
      const parsed = codeScorerRefSchema.safeParse({ type: "code", scorer: "json_schema", schema });
      expect(parsed.success, JSON.stringify(schema)).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({ path: ["schema"], message: expect.stringMatching(/^is not a supported JSON Schema: /) });
    }
  });

  it("latency_under: the trace's latency against the limit (strictly below); needs a trace", () => {
    expect(score({ scorer: "latency_under", maxMs: 251 })).toMatchObject({ ok: true, verdict: { value: 1, label: "pass", rationale: "Latency 250 ms vs limit 251 ms." } });
    expect(score({ scorer: "latency_under", maxMs: 250 })).toMatchObject({ ok: true, verdict: { value: 0, label: "fail", rationale: "Latency 250 ms vs limit 250 ms." } });
    expect(score({ scorer: "latency_under", maxMs: 1000 }, { trace: null })).toEqual({
      ok: false,
      error: "latency_under needs a trace (this item has no source trace).",
      rawText: null,
      costUsd: null,
      judgeTraceId: null,
      endpointFailure: false,
    });
  });

  it("tokens_under: total tokens against the limit; unknown usage or no trace is an error, not a pass", () => {
    expect(score({ scorer: "tokens_under", maxTokens: 121 })).toMatchObject({ verdict: { label: "pass", rationale: "120 tokens vs limit 121." } });
    expect(score({ scorer: "tokens_under", maxTokens: 120 })).toMatchObject({ verdict: { label: "fail", rationale: "120 tokens vs limit 120." } });
    expect(score({ scorer: "tokens_under", maxTokens: 1000 }, { trace: { ...TRACE, totalTokens: null } })).toMatchObject({
      ok: false,
      error: "tokens_under needs the trace's token usage, which is unknown.",
    });
    expect(score({ scorer: "tokens_under", maxTokens: 1000 }, { trace: null })).toMatchObject({ ok: false, error: "tokens_under needs a trace (this item has no source trace)." });
    // 0 tokens is known (and below any limit).
    expect(score({ scorer: "tokens_under", maxTokens: 1 }, { trace: { ...TRACE, totalTokens: 0 } })).toMatchObject({ verdict: { label: "pass" } });
  });

  it("cost_under: the trace's cost against the limit; unknown cost or no trace is an error, not a pass", () => {
    expect(score({ scorer: "cost_under", maxUsd: 0.002 })).toMatchObject({ verdict: { label: "pass", rationale: "Cost $0.0015 vs limit $0.002." } });
    expect(score({ scorer: "cost_under", maxUsd: 0.001 })).toMatchObject({ verdict: { label: "fail", rationale: "Cost $0.0015 vs limit $0.001." } });
    expect(score({ scorer: "cost_under", maxUsd: 1 }, { trace: { ...TRACE, costUsd: null } })).toMatchObject({
      ok: false,
      error: "cost_under needs the trace's cost, which is unknown (no price for the model).",
    });
    expect(score({ scorer: "cost_under", maxUsd: 1 }, { trace: null })).toMatchObject({ ok: false, error: "cost_under needs a trace (this item has no source trace)." });
    expect(score({ scorer: "cost_under", maxUsd: 0.01 }, { trace: { ...TRACE, costUsd: 0 } })).toMatchObject({ verdict: { label: "pass" } });
  });

  it("limits must be positive", () => {
    expect(codeScorerRefSchema.safeParse({ type: "code", scorer: "latency_under", maxMs: 0 }).success).toBe(false);
    expect(codeScorerRefSchema.safeParse({ type: "code", scorer: "tokens_under", maxTokens: 1.5 }).success).toBe(false);
    expect(codeScorerRefSchema.safeParse({ type: "code", scorer: "cost_under", maxUsd: -1 }).success).toBe(false);
  });
});
