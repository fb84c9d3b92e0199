// An online rule's trace filter (ruleFilterSchema) as the endpoint page's rule form shows it: plain
// text per field (lists comma-separated, metadata one `key=value` per line), and as the short
// description the rules list shows. Pure: the form's server action (./rule-form.ts) reads the
// texts back; validation stays with ruleFilterSchema.

import type { RuleFilter } from "./schemas";

/** The rule form's filter fields, as the inputs hold them ("" = not set). */
export interface RuleFilterFormValues {
  status: "" | "ok" | "error";
  provider: string;
  model: string;
  /** Ticked team ids. */
  team: string[];
  minLatencyMs: string;
  metadata: string;
}

export const EMPTY_RULE_FILTER: RuleFilterFormValues = { status: "", provider: "", model: "", team: [], minLatencyMs: "", metadata: "" };

export function ruleFilterFormValues(filter: RuleFilter | null | undefined): RuleFilterFormValues {
  if (!filter) return EMPTY_RULE_FILTER;
  return {
    status: filter.status ?? "",
    provider: filter.provider?.join(", ") ?? "",
    model: filter.model?.join(", ") ?? "",
    team: filter.team ?? [],
    minLatencyMs: filter.minLatencyMs === undefined ? "" : String(filter.minLatencyMs),
    metadata: Object.entries(filter.metadata ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  };
}

export type MetadataText = { ok: true; value: Record<string, string> | undefined } | { ok: false; message: string };

/** "env=prod\nregion = eu" → { env: "prod", region: "eu" }; empty → undefined. The value is what
 * follows the first '='; a line without '=' or without a key is reported with its number. */
export function metadataFromText(text: string | undefined | null): MetadataText {
  const out: Record<string, string> = {};
  const lines = (text ?? "").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const at = line.indexOf("=");
    const key = at < 0 ? "" : line.slice(0, at).trim();
    if (!key) return { ok: false, message: `Line ${i + 1}: expected key=value` };
    if (key in out) return { ok: false, message: `Line ${i + 1}: '${key}' is given twice` };
    out[key] = line.slice(at + 1).trim();
  }
  return { ok: true, value: Object.keys(out).length ? out : undefined };
}

/** The filter in short phrases ("status error", "team eval-team", "metadata env=prod"); [] for
 * none. Teams show by name (`teamNames`: id → name), a deleted team by its id. */
export function describeRuleFilter(filter: RuleFilter | null | undefined, teamNames: Map<string, string> = new Map()): string[] {
  if (!filter) return [];
  const parts: string[] = [];
  if (filter.status) parts.push(`status ${filter.status}`);
  if (filter.team?.length) parts.push(`team ${filter.team.map((id) => teamNames.get(id) ?? id).join(" or ")}`);
  if (filter.provider?.length) parts.push(`provider ${filter.provider.join(" or ")}`);
  if (filter.model?.length) parts.push(`model ${filter.model.join(" or ")}`);
  if (filter.minLatencyMs !== undefined) parts.push(`latency ≥ ${filter.minLatencyMs} ms`);
  for (const [k, v] of Object.entries(filter.metadata ?? {})) parts.push(`metadata ${k}=${v}`);
  return parts;
}
