import { describe, expect, it } from "vitest";
import {
  aggregateSummary,
  codeSpans,
  inputsFromText,
  inputsPreview,
  jsonForEditing,
  listFromText,
  numberFromText,
  outputsFromText,
  outputsPreview,
  parseJsonText,
  percent,
  pickerStateOf,
  progressParts,
  usd,
  verdictColor,
  verdictLabel,
  verdictTone,
} from "../../lib/eval/console-input";

describe("form fields", () => {
  it("parses JSON text, reports invalid JSON and leaves empty text unset", () => {
    expect(parseJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText("  ")).toEqual({ ok: true, value: undefined });
    expect(parseJsonText(undefined)).toEqual({ ok: true, value: undefined });
    const bad = parseJsonText("{a:1}");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^Is not valid JSON/);
  });

  it("reads inputs typed by hand: JSON objects as is, plain text as a question", () => {
    expect(inputsFromText('{"messages":[{"role":"user","content":"hi"}]}')).toEqual({ messages: [{ role: "user", content: "hi" }] });
    expect(inputsFromText("What is 2+2?")).toEqual({ question: "What is 2+2?" });
    expect(inputsFromText("{not json")).toEqual({ question: "{not json" });
    expect(inputsFromText("")).toBeUndefined();
  });

  it("reads outputs typed by hand: JSON when it parses, text otherwise", () => {
    expect(outputsFromText("4")).toBe("4");
    expect(outputsFromText('"quoted"')).toBe("quoted");
    expect(outputsFromText('{"content":"x"}')).toEqual({ content: "x" });
    expect(outputsFromText("It is 4.")).toBe("It is 4.");
    expect(outputsFromText(" ")).toBeUndefined();
  });

  it("splits lists and numbers", () => {
    expect(listFromText("good, bad ,,ugly\nworse")).toEqual(["good", "bad", "ugly", "worse"]);
    expect(listFromText(" , ")).toBeUndefined();
    expect(numberFromText("0.5")).toBe(0.5);
    expect(numberFromText("-3")).toBe(-3);
    expect(numberFromText("five")).toBe("five");
    expect(numberFromText("")).toBeUndefined();
  });
});

describe("previews", () => {
  it("shows the last user message of a chat", () => {
    const inputs = {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "First" },
        { role: "assistant", content: "ok" },
        { role: "user", content: [{ type: "text", text: "Second   question" }] },
      ],
    };
    expect(inputsPreview(inputs)).toBe("Second question");
    expect(inputsPreview({ question: "Why?" })).toBe("Why?");
    expect(inputsPreview(null)).toBe("—");
    expect(inputsPreview({ x: 1 })).toBe('{"x":1}');
    expect(inputsPreview("a".repeat(300), 10)).toBe(`${"a".repeat(9)}…`);
  });

  it("shows output text", () => {
    expect(outputsPreview("The answer")).toBe("The answer");
    expect(outputsPreview({ content: "c", tool_calls: [] })).toBe("c");
    expect(outputsPreview(undefined)).toBe("—");
    expect(outputsPreview([1, 2])).toBe("[1,2]");
  });

  it("pretty-prints JSON for editing", () => {
    expect(jsonForEditing(null)).toBe("");
    expect(jsonForEditing({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

describe("verdicts and numbers", () => {
  it("labels verdicts", () => {
    expect(verdictLabel({ value: 1, label: "pass" })).toBe("pass");
    expect(verdictLabel({ value: 3.456, label: null })).toBe("3.46");
    expect(verdictLabel({ value: null, label: null, error: "boom" })).toBe("error");
    expect(verdictLabel(null)).toBe("—");
  });

  it("colours verdicts", () => {
    expect(verdictTone({ value: 1, label: "pass" })).toBe("green");
    expect(verdictTone({ value: 0, label: "fail" })).toBe("red");
    expect(verdictTone({ value: null, label: null, error: "x" })).toBe("amber");
    expect(verdictTone({ value: 5, label: null }, { min: 1, max: 5 })).toBe("green");
    expect(verdictTone({ value: 1, label: null }, { min: 1, max: 5 })).toBe("red");
    expect(verdictTone({ value: 3, label: null }, { min: 1, max: 5 })).toBe("gray");
    expect(verdictTone({ value: null, label: "polite" })).toBe("brand");
    expect(verdictTone(undefined)).toBe("gray");
  });

  it("formats percentages and dollars", () => {
    expect(percent(0.8333)).toBe("83%");
    expect(percent(null)).toBe("—");
    expect(usd(0)).toBe("$0.00");
    expect(usd(0.00042)).toBe("$0.00042");
    expect(usd(1.5)).toBe("$1.50");
    expect(usd(null)).toBe("—");
  });
});

describe("judge picker state", () => {
  it("reads stored judge references back into the picker's selection", () => {
    const state = pickerStateOf([
      { type: "builtin", judge: "safety", endpoint: "judge-chat" },
      { type: "builtin", judge: "guidelines", guidelines: "Be brief." },
      { type: "custom", judgeId: "j1" },
      { type: "code", scorer: "regex", pattern: "^yes", flags: "i" },
      { type: "code", scorer: "json_valid" },
    ]);
    expect(state.selected).toEqual(["safety", "guidelines", "j1", "regex", "json_valid"]);
    expect(state.guidelines).toBe("Be brief.");
    expect(JSON.parse(state.params.regex)).toEqual({ pattern: "^yes", flags: "i" });
    expect(state.params.json_valid).toBeUndefined();
  });
});

describe("run page", () => {
  const agg = (over: Partial<Parameters<typeof aggregateSummary>[0]>) => ({
    outputType: "pass_fail",
    scored: 0,
    errors: 0,
    passRate: null,
    mean: null,
    distribution: [],
    ...over,
  });

  it("gives a pass rate with how many items it covers and the errors", () => {
    // contains on 8 items, 6 of which it could not judge: not a bare "100% pass".
    expect(aggregateSummary(agg({ scored: 2, errors: 6, passRate: 1 }))).toEqual({
      headline: "100% pass",
      coverage: "of 2 judged",
      errors: "6 errors",
      text: "100% pass of 2 judged · 6 errors",
    });
    expect(aggregateSummary(agg({ scored: 6, passRate: 0.5 })).text).toBe("50% pass of 6 judged");
    expect(aggregateSummary(agg({ scored: 3, errors: 1, passRate: 1 })).errors).toBe("1 error");
    expect(aggregateSummary(agg({ errors: 8 }))).toEqual({ headline: "no verdicts", coverage: null, errors: "8 errors", text: "no verdicts · 8 errors" });
    expect(aggregateSummary(agg({ outputType: "numeric", scored: 4, mean: 4.256 })).text).toBe("mean 4.26 of 4 judged");
    const categories = [{ label: "neutral", count: 1 }, { label: "polite", count: 3 }];
    expect(aggregateSummary(agg({ outputType: "categorical", scored: 4, errors: 2, distribution: categories })).text).toBe("mostly polite of 4 judged · 2 errors");
  });

  it("colours distribution bars by meaning: pass green, fail rose, error amber", () => {
    expect(verdictColor("pass", "pass_fail")).toBe("emerald");
    expect(verdictColor("fail", "pass_fail")).toBe("rose");
    expect(verdictColor("error", "pass_fail")).toBe("amber");
    expect(verdictColor("error", "numeric")).toBe("amber");
    expect(verdictColor("4", "numeric")).toBe("violet");
    expect(verdictColor("polite", "categorical")).toBe("indigo");
  });

  it("splits the progress bar into judged items and items with errors, alike in the runs list and the run page", () => {
    // "8 / 8 done · 8 with errors": all amber, none of the completed green.
    expect(progressParts({ status: "completed", done: 8, total: 8, errors: 8 })).toEqual({ pct: 100, okPct: 0, errorPct: 100, tone: "green" });
    expect(progressParts({ status: "completed", done: 8, total: 8, errors: 6 })).toEqual({ pct: 100, okPct: 25, errorPct: 75, tone: "green" });
    expect(progressParts({ status: "running", done: 3, total: 6, errors: 0 })).toEqual({ pct: 50, okPct: 50, errorPct: 0, tone: "brand" });
    expect(progressParts({ status: "cancelled", done: 2, total: 6, errors: 1 })).toMatchObject({ okPct: 16, errorPct: 17, tone: "gray" });
    expect(progressParts({ status: "completed", done: 0, total: 0, errors: 0 })).toEqual({ pct: 100, okPct: 100, errorPct: 0, tone: "green" });
    expect(progressParts({ status: "queued", done: 0, total: 0, errors: 0 })).toMatchObject({ pct: 0, tone: "brand" });
  });
});

describe("descriptions", () => {
  it("splits out `code` spans and nothing else", () => {
    expect(codeSpans("The output contains a text (parameter `substring`, or expectations.expected_response).")).toEqual([
      { code: false, text: "The output contains a text (parameter " },
      { code: true, text: "substring" },
      { code: false, text: ", or expectations.expected_response)." },
    ]);
    expect(codeSpans("parameters `pattern`, `flags`")).toEqual([
      { code: false, text: "parameters " },
      { code: true, text: "pattern" },
      { code: false, text: ", " },
      { code: true, text: "flags" },
    ]);
    expect(codeSpans("`maxMs`")).toEqual([{ code: true, text: "maxMs" }]);
    // No other markdown, HTML stays text, an unmatched or empty backtick pair stays as typed.
    expect(codeSpans("**bold** <b>x</b> `a")).toEqual([{ code: false, text: "**bold** <b>x</b> `a" }]);
    expect(codeSpans("`<img src=x onerror=alert(1)>`")).toEqual([{ code: true, text: "<img src=x onerror=alert(1)>" }]);
    expect(codeSpans("a `` b")).toEqual([{ code: false, text: "a `` b" }]);
    expect(codeSpans("")).toEqual([]);
  });
});
