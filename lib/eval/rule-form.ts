// Server half of the endpoint page's online rule form: its FormData → the input of
// createRuleSchema / updateRuleSchema (the admin API's schemas), then the rule service. The server
// actions in app/(console)/endpoints/[id]/rule-actions.ts are this plus revalidation.
//
// Filter fields (names as the form posts them): filter.status ("" = any), filter.provider and
// filter.model (comma-separated), filter.team (one per ticked team id), filter.minLatencyMs,
// filter.metadata (one `key=value` per line). All empty = no filter; on an update that clears the
// rule's filter, since the form always shows all of it.

import type { Actor } from "../auth/actor";
import { checkbox, compact, json, submit, text, type Submitted } from "../console/form-action";
import { getDb, type Db } from "../db";
import { listFromText, numberFromText } from "./console-input";
import { createRule, updateRule, type RuleView } from "./rule-service";
import { metadataFromText } from "./rule-filter-text";
import { createRuleSchema, updateRuleSchema, type CreateRuleInput, type UpdateRuleInput } from "./schemas";

/** "10" or "10%" → 0.1: the form asks for a percentage, the schema wants a rate. */
function sampleRate(form: FormData): number | string | undefined {
  const raw = text(form, "sampleRate")?.trim().replace(/%$/, "");
  const n = numberFromText(raw);
  return typeof n === "number" ? n / 100 : n;
}

export interface RuleFilterFromForm {
  /** The filter input for ruleFilterSchema; null when every field is empty. */
  filter: Record<string, unknown> | null;
  /** Texts that could not be read at all (a metadata line without '='), by field. */
  fieldErrors: Record<string, string>;
}

export function ruleFilterFromForm(form: FormData): RuleFilterFromForm {
  const fieldErrors: Record<string, string> = {};
  const metadata = metadataFromText(text(form, "filter.metadata"));
  if (!metadata.ok) fieldErrors["filter.metadata"] = metadata.message;
  const teams = form.getAll("filter.team").filter((v): v is string => typeof v === "string" && v.trim() !== "");
  const filter = compact({
    status: text(form, "filter.status"),
    provider: listFromText(text(form, "filter.provider")),
    model: listFromText(text(form, "filter.model")),
    team: teams.length ? [...new Set(teams)] : undefined,
    minLatencyMs: numberFromText(text(form, "filter.minLatencyMs")),
    metadata: metadata.ok ? metadata.value : undefined,
  });
  return { filter: Object.keys(filter).length ? filter : null, fieldErrors };
}

function ruleFields(form: FormData) {
  const { filter, fieldErrors } = ruleFilterFromForm(form);
  const fields = compact({
    name: text(form, "name")?.trim(),
    judges: json(form, "judges"),
    judgeEndpoint: text(form, "judgeEndpoint"),
    sampleRate: sampleRate(form),
    enabled: checkbox(form, "enabled"),
  });
  return { fields: { ...fields, filter }, fieldErrors };
}

/** The rule form's submission: creates a rule on `endpoint` (id or name) or updates rule `ruleId`. */
export async function submitRuleForm(
  actor: Actor,
  target: { endpoint: string } | { ruleId: string },
  form: FormData,
  db: Db = getDb(),
): Promise<Submitted<RuleView>> {
  const { fields, fieldErrors } = ruleFields(form);
  if ("endpoint" in target) {
    const input = { ...fields, endpoint: target.endpoint } as CreateRuleInput;
    return submit(createRuleSchema, input, () => createRule(actor, input, db), { readErrors: fieldErrors });
  }
  const input = fields as UpdateRuleInput;
  return submit(updateRuleSchema, input, () => updateRule(actor, target.ruleId, input, db), { readErrors: fieldErrors });
}
