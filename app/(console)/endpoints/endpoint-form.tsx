"use client";

// Create / edit an endpoint. The models table is client state (rows are added, removed and
// re-targeted as the provider changes) posted as one JSON field; the server action validates it
// with the same schema as the admin API and errors come back keyed "models.<row>.<field>".

import { useState } from "react";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { buttonClass } from "@/components/button";
import { Field, FieldError } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Checkbox, Input, Select } from "@/components/input";
import { PROVIDER_OPTIONS, providerName } from "@/components/provider-names";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";
import type { ProviderId } from "@/lib/providers/types";
import { formatStatusList } from "@/lib/endpoints/status-list";
import { DEFAULT_FALLBACK_LABEL } from "@/lib/gateway/fallback-statuses";
import { modelPlaceholder, secretOptionLabel } from "./model-hints";

export interface SecretOption {
  id: string;
  name: string;
  provider: ProviderId;
  maskedKey: string;
}

export interface EndpointFormValues {
  name: string;
  kind: "chat" | "embeddings";
  maxAttempts: number;
  timeoutMs: number;
  usageTracking: boolean;
  capturePayloads: boolean;
  fallbackOn: number[] | null;
  models: { provider: ProviderId; model: string; secretId: string; weight: number; fallbackOrder: number | null }[];
}

interface Row {
  key: number;
  provider: ProviderId;
  model: string;
  secretId: string;
  weight: string;
  fallbackOrder: string;
}

let nextKey = 0;

function newRow(secrets: SecretOption[], provider?: ProviderId): Row {
  const p = provider ?? secrets[0]?.provider ?? "openai";
  return { key: nextKey++, provider: p, model: "", secretId: secrets.find((s) => s.provider === p)?.id ?? "", weight: "1", fallbackOrder: "" };
}

/** A number when the text is one; otherwise the text itself, so the schema reports the field. */
function numberOrText(value: string): number | string | undefined {
  const v = value.trim();
  if (v === "") return undefined;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

function toInput(row: Row) {
  const fallbackOrder = numberOrText(row.fallbackOrder);
  return {
    provider: row.provider,
    model: row.model.trim(),
    secretId: row.secretId,
    weight: numberOrText(row.weight),
    fallbackOrder: fallbackOrder ?? null,
  };
}

function shares(rows: Row[]): (number | null)[] {
  const weights = rows.map((r) => {
    const w = Number(r.weight.trim() === "" ? (r.fallbackOrder.trim() === "" ? 1 : 0) : r.weight);
    return Number.isFinite(w) && w > 0 ? w : 0;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total > 0 && w > 0 ? Math.round((w / total) * 1000) / 10 : null));
}

/** A model row: six columns that wrap below xl (from sm: provider, model and the remove button,
 * placed at the end of the first line, then key, weight, share and fallback order; on a phone
 * provider, model + remove, key, then the numbers), one line of fixed columns from xl up. The
 * fields keep their order for the keyboard. */
const ROW_GRID = "grid grid-cols-6 items-start gap-x-3 gap-y-2 xl:grid-cols-[12.5rem_minmax(0,1fr)_14rem_4.5rem_3.5rem_5.5rem_2rem]";

/** A field's label in a wrapped row (below xl, where the header line is hidden); the control's
 * aria-label names it for assistive technology. */
function CellLabel({ children }: { children: string }) {
  return (
    <span aria-hidden className="mb-1 block text-tremor-label font-medium text-tremor-content xl:hidden">
      {children}
    </span>
  );
}

export function EndpointForm({
  action,
  secrets,
  initial,
  submitLabel,
}: {
  action: FormAction;
  secrets: SecretOption[];
  initial?: EndpointFormValues;
  submitLabel: string;
}) {
  const [rows, setRows] = useState<Row[]>(() =>
    initial?.models.length
      ? initial.models.map((m) => ({
          key: nextKey++,
          provider: m.provider,
          model: m.model,
          secretId: m.secretId,
          weight: String(m.weight),
          fallbackOrder: m.fallbackOrder === null ? "" : String(m.fallbackOrder),
        }))
      : [newRow(secrets)],
  );
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) =>
      rs.map((r) => {
        if (r.key !== key) return r;
        const next = { ...r, ...patch };
        // A provider change keeps the secret only if it belongs to the new provider.
        if (patch.provider && !secrets.some((s) => s.id === next.secretId && s.provider === patch.provider)) {
          next.secretId = secrets.find((s) => s.provider === patch.provider)?.id ?? "";
        }
        return next;
      }),
    );
  const share = shares(rows);
  // The model placeholders follow the kind (chat or embedding models).
  const [kind, setKind] = useState<EndpointFormValues["kind"]>(initial?.kind ?? "chat");

  return (
    <ActionForm action={action} className="space-y-6">
      <FormMessage summary />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          hint={
            <>
              Clients send this as <code>model</code>. Letters, digits, <code>.</code> <code>_</code> <code>-</code>.
            </>
          }
        >
          <Input id="name" name="name" defaultValue={initial?.name} placeholder="chat-default" autoComplete="off" required />
        </Field>
        <Field label="Kind" name="kind" hint="Chat serves /chat/completions; embeddings serves /embeddings.">
          <Select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as EndpointFormValues["kind"])}>
            <option value="chat">Chat</option>
            <option value="embeddings">Embeddings</option>
          </Select>
        </Field>
      </div>

      <div>
        <div className="mb-2 flex items-end justify-between gap-3">
          <div>
            <h3 className="font-semibold text-tremor-content-strong">Models</h3>
            <p className="text-tremor-label text-tremor-content">
              Traffic is split across models with a weight above 0. When they fail, models with a fallback order are tried in
              that order (0 first). Weight 0 = fallback only.
            </p>
          </div>
          <button type="button" className={buttonClass("secondary", "sm", "shrink-0")} onClick={() => setRows((rs) => [...rs, newRow(secrets, rs.at(-1)?.provider)])}>
            + Add model
          </button>
        </div>
        <input type="hidden" name="models" value={JSON.stringify(rows.map(toInput))} />
        <div className="rounded-tremor-default border border-tremor-border" role="group" aria-label="Models">
          {/* One line per model from xl up (fixed columns: changing a row's provider or key does
              not make the others jump); narrower, a row's fields wrap under labels of their own. */}
          <div aria-hidden className={`${ROW_GRID} hidden bg-tremor-background-muted px-3 py-2 text-tremor-label font-medium uppercase tracking-wide text-tremor-content xl:grid`}>
            <span>Provider</span>
            <span>Provider model</span>
            <span>Provider key</span>
            <span>Weight</span>
            <span>Share</span>
            <span>Fallback order</span>
            <span />
          </div>
          <div className="divide-y divide-tremor-border">
            {rows.map((row, i) => {
              const options = secrets.filter((s) => s.provider === row.provider);
              const chosen = options.find((s) => s.id === row.secretId);
              return (
                <div key={row.key} data-testid="model-row" className={`${ROW_GRID} px-3 py-3 xl:py-2`}>
                  <div className="col-span-6 min-w-0 sm:col-span-2 xl:col-span-1">
                    <CellLabel>Provider</CellLabel>
                    <Select aria-label={`Provider of model ${i + 1}`} className="truncate" value={row.provider} onChange={(e) => update(row.key, { provider: e.target.value as ProviderId })}>
                      {PROVIDER_OPTIONS.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </Select>
                    <FieldError name={`models.${i}.provider`} />
                  </div>
                  <div className="col-span-5 min-w-0 sm:col-span-3 xl:col-span-1">
                    <CellLabel>Provider model</CellLabel>
                    <Input aria-label={`Model ${i + 1}`} value={row.model} placeholder={modelPlaceholder(row.provider, kind)} onChange={(e) => update(row.key, { model: e.target.value })} />
                    <FieldError name={`models.${i}.model`} />
                  </div>
                  <div className="col-span-6 min-w-0 sm:col-span-3 xl:col-span-1">
                    <CellLabel>Provider key</CellLabel>
                    <Select
                      aria-label={`Provider key of model ${i + 1}`}
                      value={row.secretId}
                      title={chosen ? secretOptionLabel(chosen) : undefined}
                      className="truncate"
                      onChange={(e) => update(row.key, { secretId: e.target.value })}
                    >
                      {options.length === 0 ? <option value="">No {providerName(row.provider)} key yet</option> : null}
                      {options.map((s) => (
                        <option key={s.id} value={s.id}>
                          {secretOptionLabel(s)}
                        </option>
                      ))}
                    </Select>
                    {options.length === 0 ? (
                      <p className="mt-1 text-tremor-label text-tremor-content">
                        <Link className="text-tremor-brand hover:underline" href="/provider-keys/new">
                          Add {/^[aeiou]/i.test(providerName(row.provider)) ? "an" : "a"} {providerName(row.provider)} key
                        </Link>
                      </p>
                    ) : null}
                    <FieldError name={`models.${i}.secretId`} />
                  </div>
                  <div className="col-span-2 min-w-0 sm:col-span-1">
                    <CellLabel>Weight</CellLabel>
                    <Input aria-label={`Weight of model ${i + 1}`} inputMode="decimal" value={row.weight} onChange={(e) => update(row.key, { weight: e.target.value })} />
                    <FieldError name={`models.${i}.weight`} />
                  </div>
                  <div className="col-span-2 min-w-0 sm:col-span-1">
                    <CellLabel>Share</CellLabel>
                    <p className="pt-2 text-tremor-content" data-testid="model-share">
                      {share[i] === null ? "—" : `${share[i]}%`}
                    </p>
                  </div>
                  <div className="col-span-2 min-w-0 sm:col-span-1">
                    <CellLabel>Fallback order</CellLabel>
                    <Input aria-label={`Fallback order of model ${i + 1}`} inputMode="numeric" placeholder="none" value={row.fallbackOrder} onChange={(e) => update(row.key, { fallbackOrder: e.target.value })} />
                    <FieldError name={`models.${i}.fallbackOrder`} />
                  </div>
                  <div className="col-span-1 col-start-6 row-start-2 flex items-end justify-end self-stretch pb-1.5 sm:row-start-1 xl:col-start-auto xl:row-start-auto xl:items-start xl:pb-0 xl:pt-1.5">
                    <button
                      type="button"
                      aria-label={`Remove model ${i + 1}`}
                      disabled={rows.length === 1}
                      onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}
                      className="rounded-tremor-small p-1 text-tremor-content hover:bg-red-50 hover:text-red-600 disabled:invisible"
                    >
                      ✕
                    </button>
                  </div>
                </div>
              );
            })}
          </div>
        </div>
        <FieldError name="models" />
      </div>

      <div className="grid gap-5 sm:grid-cols-3">
        <Field label="Max attempts" name="maxAttempts" hint="Upstream attempts per request, retries and fallbacks included.">
          <Input id="maxAttempts" name="maxAttempts" inputMode="numeric" defaultValue={initial?.maxAttempts ?? 3} />
        </Field>
        <Field label="Timeout per attempt (ms)" name="timeoutMs" hint="1000 – 600000.">
          <Input id="timeoutMs" name="timeoutMs" inputMode="numeric" defaultValue={initial?.timeoutMs ?? 60000} />
        </Field>
        <Field label="Fall back on statuses" name="fallbackOn" hint={`HTTP statuses 400–599, comma-separated; "5xx" for 500–599; empty = ${DEFAULT_FALLBACK_LABEL}.`}>
          <Input id="fallbackOn" name="fallbackOn" placeholder="429, 503" defaultValue={initial?.fallbackOn ? formatStatusList(initial.fallbackOn) : ""} />
        </Field>
      </div>

      <div className="flex flex-wrap gap-8">
        <Checkbox name="usageTracking" defaultChecked={initial?.usageTracking ?? true} label="Usage tracking" hint="Record tokens and cost of every call." />
        <Checkbox name="capturePayloads" defaultChecked={initial?.capturePayloads ?? true} label="Payload capture" hint="Store request and response bodies in traces." />
      </div>

      <div className="flex items-center gap-3 border-t border-tremor-border pt-5">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link href="/endpoints" className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </ActionForm>
  );
}
