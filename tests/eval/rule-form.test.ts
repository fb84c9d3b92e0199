// The endpoint page's online rule form: its trace filter posted as the form posts it (FormData)
// through the form's server-side half (lib/eval/rule-form.ts, what the server actions call) into
// the rule, read back for the rules list and the edit form; field errors per filter field.

import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { ruleFilterFromForm, submitRuleForm } from "../../lib/eval/rule-form";
import { describeRuleFilter, metadataFromText, ruleFilterFormValues, type RuleFilterFormValues } from "../../lib/eval/rule-filter-text";
import { getRule, listRules } from "../../lib/eval/rule-service";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";

process.env.GATEHOUSE_EVAL_AUTOSTART = "0";

const ADMIN: Actor = { kind: "admin-token", tokenId: "tok_test" };
const JUDGES = JSON.stringify([{ type: "code", scorer: "contains", substring: "hello" }]);

/** The rule form as the browser posts it: every field present, empty ones as "". */
function ruleForm(values: { name?: string; sampleRate?: string; filter?: Partial<Omit<RuleFilterFormValues, "status">> & { status?: string } }): FormData {
  const f = { status: "", provider: "", model: "", team: [], minLatencyMs: "", metadata: "", ...values.filter };
  const form = new FormData();
  form.set("name", values.name ?? "");
  form.set("sampleRate", values.sampleRate ?? "10");
  form.set("judgeEndpoint", "");
  form.set("judges", JUDGES);
  form.set("enabled", "on");
  form.set("filter.status", f.status);
  form.set("filter.minLatencyMs", f.minLatencyMs);
  form.set("filter.provider", f.provider);
  form.set("filter.model", f.model);
  form.set("filter.metadata", f.metadata);
  for (const team of f.team) form.append("filter.team", team);
  return form;
}

describe("rule filter texts", () => {
  it("reads metadata lines and reports the line that is not key=value", () => {
    expect(metadataFromText("env = prod\n\nurl=https://x?a=b")).toEqual({ ok: true, value: { env: "prod", url: "https://x?a=b" } });
    expect(metadataFromText("  ")).toEqual({ ok: true, value: undefined });
    expect(metadataFromText("env=prod\nregion")).toEqual({ ok: false, message: "Line 2: expected key=value" });
    expect(metadataFromText("=x")).toMatchObject({ ok: false });
    expect(metadataFromText("a=1\na=2")).toEqual({ ok: false, message: "Line 2: 'a' is given twice" });
  });

  it("empty fields are no filter; filled ones become the schema's shape", () => {
    expect(ruleFilterFromForm(ruleForm({}))).toEqual({ filter: null, fieldErrors: {} });
    const read = ruleFilterFromForm(ruleForm({ filter: { status: "error", provider: "openai, anthropic", team: ["t1", "t1"], minLatencyMs: "1500", metadata: "env=prod" } }));
    expect(read).toEqual({
      filter: { status: "error", provider: ["openai", "anthropic"], team: ["t1"], minLatencyMs: 1500, metadata: { env: "prod" } },
      fieldErrors: {},
    });
  });

  it("describes a filter for the rules list, teams by name", () => {
    const filter = { status: "ok" as const, team: ["t1", "gone"], model: ["a", "b"], minLatencyMs: 10, metadata: { env: "prod" } };
    expect(describeRuleFilter(filter, new Map([["t1", "Search"]]))).toEqual(["status ok", "team Search or gone", "model a or b", "latency ≥ 10 ms", "metadata env=prod"]);
    expect(describeRuleFilter(null)).toEqual([]);
  });
});

describe.each(TEST_DATABASES)("online rule form (%s)", (kind) => {
  const database = useFreshDatabase(kind);
  let teamId = "";

  beforeAll(async () => {
    await database.db.endpoint.create({ data: { name: "chat", kind: "chat" } });
    teamId = (await database.db.team.create({ data: { name: "search-team" } })).id;
  });

  it("a filter set in the form round-trips: stored, listed, shown back in the edit form, changed and cleared", async () => {
    const filter = { status: "error" as const, provider: "openai", model: "gpt-4o, gpt-4o-mini", team: [teamId], minLatencyMs: "2000", metadata: "env=prod\ntier = gold" };
    const created = await submitRuleForm(ADMIN, { endpoint: "chat" }, ruleForm({ name: "slow errors", sampleRate: "50", filter }));
    expect(created.status).toBe("ok");
    const id = created.status === "ok" ? created.result.id : "";
    const stored = { status: "error", provider: ["openai"], model: ["gpt-4o", "gpt-4o-mini"], team: [teamId], minLatencyMs: 2000, metadata: { env: "prod", tier: "gold" } };
    expect((await getRule(ADMIN, id)).filter).toEqual(stored);
    const [listed] = await listRules(ADMIN);
    expect(listed).toMatchObject({ name: "slow errors", sampleRate: 0.5, filter: stored });
    // The edit form is filled from the stored filter; posting it unchanged keeps it.
    const shown = ruleFilterFormValues(listed.filter);
    expect(shown).toEqual({ ...filter, model: "gpt-4o, gpt-4o-mini", metadata: "env=prod\ntier=gold" });
    expect(describeRuleFilter(listed.filter, new Map([[teamId, "search-team"]]))).toContain("team search-team");
    expect((await submitRuleForm(ADMIN, { ruleId: id }, ruleForm({ name: "slow errors", sampleRate: "50", filter: shown }))).status).toBe("ok");
    expect((await getRule(ADMIN, id)).filter).toEqual(stored);
    // Changing one field, then emptying every field removes the filter.
    await submitRuleForm(ADMIN, { ruleId: id }, ruleForm({ name: "slow errors", sampleRate: "50", filter: { ...shown, status: "ok", team: [] } }));
    expect((await getRule(ADMIN, id)).filter).toEqual({ ...stored, status: "ok", team: undefined });
    expect(await database.db.evaluationRule.findUniqueOrThrow({ where: { id } }).then((r) => r.filter)).not.toHaveProperty("team");
    await submitRuleForm(ADMIN, { ruleId: id }, ruleForm({ name: "slow errors", sampleRate: "50" }));
    expect((await getRule(ADMIN, id)).filter).toBeNull();
  });

  it("reports bad filter fields next to each field, together with the schema's other errors, and stores nothing", async () => {
    const before = await database.db.evaluationRule.count();
    const state = await submitRuleForm(
      ADMIN,
      { endpoint: "chat" },
      ruleForm({ sampleRate: "0", filter: { status: "maybe", minLatencyMs: "1.5", metadata: "env=prod\nregion", model: "x".repeat(201) } }),
    );
    expect(state.status).toBe("error");
    const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
    expect(errors["filter.metadata"]).toBe("Line 2: expected key=value");
    expect(errors["filter.minLatencyMs"]).toBe("Must be a whole number");
    expect(errors["filter.status"]).toMatch(/ok|error/);
    expect(errors["filter.model.0"]).toBe("Must be at most 200 characters");
    expect(errors.sampleRate).toBeDefined();
    expect(await database.db.evaluationRule.count()).toBe(before);
  });
});
