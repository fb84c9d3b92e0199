// The endpoint page's "Online evaluation" section: rules that judge a sample of this endpoint's
// new traces in the background, with their trace filter and state (enabled, disabled, paused
// after failures).

import { ActionButton } from "@/components/action-button";
import { Badge } from "@/components/badge";
import { Card, CardBody, CardHeader } from "@/components/card";
import { formatDateTime } from "@/components/format";
import type { Actor } from "@/lib/auth/actor";
import { listEndpoints } from "@/lib/endpoints/service";
import { pickerStateOf } from "@/lib/eval/console-input";
import { listJudges } from "@/lib/eval/judge-service";
import { describeRuleFilter, ruleFilterFormValues } from "@/lib/eval/rule-filter-text";
import { listRules } from "@/lib/eval/rule-service";
import type { JudgeRef } from "@/lib/eval/schemas";
import { listTeams } from "@/lib/teams/service";
import { createRuleAction, deleteRuleAction, resumeRuleAction, setRuleEnabledAction, updateRuleAction } from "./rule-actions";
import { RuleForm } from "./rule-form";

function judgeText(ref: JudgeRef, names: Map<string, string>): string {
  if (ref.type === "builtin") return ref.name ?? ref.judge;
  if (ref.type === "custom") return ref.name ?? names.get(ref.judgeId) ?? ref.judgeId;
  return ref.name ?? ref.scorer;
}

function ruleEndpoint(refs: JudgeRef[]): string | null {
  for (const ref of refs) if (ref.type !== "code" && ref.endpoint) return ref.endpoint;
  return null;
}

export async function OnlineRules({ actor, endpointId, endpointKind }: { actor: Actor; endpointId: string; endpointKind: string }) {
  if (endpointKind !== "chat") return null;
  const [rules, judges, endpoints, teamViews] = await Promise.all([listRules(actor), listJudges(actor), listEndpoints(actor), listTeams(actor)]);
  const teams = teamViews.map((t) => ({ id: t.id, name: t.name }));
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const mine = rules.filter((r) => r.endpointId === endpointId);
  const options = judges.map(({ id, kind, name, description, requires }) => ({ id, kind, name, description, requires }));
  const chat = endpoints.filter((e) => e.kind === "chat").map((e) => e.name);
  const names = new Map(judges.map((j) => [j.id, j.name]));
  return (
    <Card>
      <CardHeader
        title="Online evaluation"
        description="Rules judge a sample of this endpoint's new traces in the background; the scores appear on the traces. A rule pauses itself when its judge endpoint keeps failing."
      />
      {mine.length ? (
        <ul className="divide-y divide-tremor-border border-b border-tremor-border">
          {mine.map((rule) => (
            <li key={rule.id} className="space-y-3 px-5 py-4" data-testid="online-rule">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="space-y-1">
                  <div className="flex items-center gap-2">
                    <span className="font-medium text-tremor-content-strong">{rule.name}</span>
                    {rule.paused ? <Badge tone="red">paused</Badge> : rule.enabled ? <Badge tone="green">enabled</Badge> : <Badge>disabled</Badge>}
                    <Badge tone="brand">{Math.round(rule.sampleRate * 10000) / 100}% sampled</Badge>
                  </div>
                  <p className="text-tremor-label text-tremor-content">
                    Judges: <span className="font-mono">{rule.judges.map((j) => judgeText(j, names)).join(", ")}</span>
                  </p>
                  <p className="text-tremor-label text-tremor-content" data-testid="online-rule-filter">
                    Filter: <span className="font-mono">{describeRuleFilter(rule.filter, teamNames).join(" · ") || "none (any trace)"}</span>
                  </p>
                  {rule.paused ? (
                    <p className="text-tremor-label text-red-700">
                      {rule.pausedReason ?? "Paused."} {rule.pausedAt ? `(since ${formatDateTime(rule.pausedAt)})` : ""}
                    </p>
                  ) : null}
                </div>
                <div className="flex items-start gap-2">
                  {rule.paused ? (
                    <ActionButton action={resumeRuleAction.bind(null, endpointId, rule.id)} variant="primary" pendingLabel="Resuming…">
                      Resume
                    </ActionButton>
                  ) : null}
                  <ActionButton action={setRuleEnabledAction.bind(null, endpointId, rule.id, !rule.enabled)} variant="secondary" pendingLabel="Saving…">
                    {rule.enabled ? "Disable" : "Enable"}
                  </ActionButton>
                  <ActionButton action={deleteRuleAction.bind(null, endpointId, rule.id)} confirm={`Delete rule '${rule.name}'? Its scores stay on the traces.`} pendingLabel="Deleting…">
                    Delete
                  </ActionButton>
                </div>
              </div>
              <RuleForm
                action={updateRuleAction.bind(null, endpointId, rule.id)}
                judges={options}
                endpoints={chat}
                teams={teams}
                initial={{
                  name: rule.name,
                  sampleRate: rule.sampleRate,
                  enabled: rule.enabled,
                  judges: pickerStateOf(rule.judges),
                  judgeEndpoint: ruleEndpoint(rule.judges),
                  filter: ruleFilterFormValues(rule.filter),
                }}
                submitLabel="Save rule"
                collapsedLabel="Edit rule"
                idPrefix={`rule-${rule.id}`}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <CardBody>
        {mine.length ? null : (
          <p className="mb-3 text-tremor-content" data-testid="no-online-rules">
            No online rules yet: this endpoint&apos;s traces are judged only by evaluation runs. Add a rule to score a sample of its new traffic as it comes in.
          </p>
        )}
        {/* Keyed by the rule count: a created rule closes and clears the form. */}
        <RuleForm key={mine.length} action={createRuleAction.bind(null, endpointId)} judges={options} endpoints={chat} teams={teams} submitLabel="Create rule" collapsedLabel="+ Add online rule" idPrefix="new-rule" />
      </CardBody>
    </Card>
  );
}
