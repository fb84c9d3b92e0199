"use client";

// "Try on a trace": runs the judge on one trace and shows its verdict; nothing is recorded.

import { FormStateProvider, useActionForm } from "@/components/action-form";
import { Badge } from "@/components/badge";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input, Select, Textarea } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction, FormState } from "@/lib/console/form-state";
import { usd, verdictLabel, verdictTone } from "@/lib/eval/console-input";
import type { TryJudgeResult } from "@/lib/eval/view-schemas";

export function TryJudgeForm({
  action,
  kind,
  judgeName,
  endpoints,
  defaultTraceId,
  scale,
}: {
  action: FormAction<TryJudgeResult>;
  kind: "builtin" | "custom" | "code";
  judgeName: string;
  endpoints: string[];
  defaultTraceId?: string;
  scale: { min: number; max: number } | null;
}) {
  const { state, pending, formProps } = useActionForm(action);
  const result = state.status === "ok" ? state.result : undefined;
  return (
    <FormStateProvider value={{ state: state as FormState, pending }}>
      <form className="space-y-4" noValidate {...formProps}>
        <FormMessage />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Trace id" name="traceId" hint="Copy it from the trace explorer.">
            <Input id="traceId" name="traceId" defaultValue={defaultTraceId} className="font-mono" autoComplete="off" />
          </Field>
          {kind !== "code" ? (
            <Field label="Judge endpoint" name="endpoint" hint={kind === "custom" ? "Empty: the judge's own endpoint." : undefined}>
              <Select id="endpoint" name="endpoint" defaultValue={kind === "custom" ? "" : (endpoints[0] ?? "")}>
                {kind === "custom" ? <option value="">Judge&apos;s default</option> : null}
                {endpoints.map((e) => (
                  <option key={e} value={e}>
                    {e}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
        </div>
        {judgeName === "guidelines" ? (
          <Field label="Guidelines" name="guidelines">
            <Textarea id="guidelines" name="guidelines" rows={3} placeholder="The answer must be in English and under 50 words." />
          </Field>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Expectations (JSON, optional)" name="expectations" hint='e.g. {"expected_response": "Paris"}'>
            <Textarea id="expectations" name="expectations" rows={3} className="font-mono text-tremor-label" />
          </Field>
          {kind === "code" ? (
            <Field label="Parameters (JSON)" name="params" hint='e.g. {"pattern": "^yes"} for regex, {"maxMs": 2000} for latency_under'>
              <Textarea id="params" name="params" rows={3} className="font-mono text-tremor-label" />
            </Field>
          ) : null}
        </div>
        <SubmitButton pendingLabel="Judging…">Try on this trace</SubmitButton>
      </form>
      {result ? (
        <div data-testid="try-result" className="mt-5 rounded-tremor-default border border-tremor-border bg-tremor-background-muted p-4">
          <div className="flex flex-wrap items-center gap-3">
            <span className="font-medium text-tremor-content-strong">Verdict</span>
            <span data-testid="try-verdict">
              <Badge tone={verdictTone(result, scale)}>{verdictLabel(result)}</Badge>
            </span>
            <span className="text-tremor-label text-tremor-content">
              {result.judgeName} v{result.judgeVersion} · cost {usd(result.costUsd)}
            </span>
          </div>
          {result.rationale ? <p className="mt-2 whitespace-pre-wrap text-tremor-content-emphasis">{result.rationale}</p> : null}
          {result.error ? <p className="mt-2 text-red-700">{result.error}</p> : null}
          {result.rawText ? (
            <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-white p-2 font-mono text-tremor-label">{result.rawText}</pre>
          ) : null}
        </div>
      ) : null}
    </FormStateProvider>
  );
}
