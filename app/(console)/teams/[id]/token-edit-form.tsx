"use client";

// The tokens table's editor for one team token: name, expiry and endpoint restriction (the token
// itself never changes). Posts what lib/teams/token-form.ts reads: the expiry as an explicit
// keep / never / new date choice (an expired token's date is never sent back), the restriction
// as an explicit "All endpoints" / "Only these" choice (nothing ticked is not "all" here).

import { useEffect, useState, type ReactNode } from "react";
import { FormStateProvider, useActionForm } from "@/components/action-form";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { useRowEditor } from "@/components/editable-row";
import { Field, FieldError } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { formatDate } from "@/components/format";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";

export interface EditableToken {
  id: string;
  name: string;
  expiresAt: Date | null;
  /** null = all endpoints; [] = restricted to endpoints that were all deleted. */
  endpoints: string[] | null;
}

type Expiry = "keep" | "never" | "date";
type EndpointsMode = "all" | "only";

const radioClass = "h-4 w-4 border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted";
const legendClass = "mb-1.5 block font-medium text-tremor-content-strong";

function Choice({ name, value, checked, onSelect, children }: { name: string; value: string; checked: boolean; onSelect: () => void; children: ReactNode }) {
  return (
    <label className="flex items-center gap-2">
      <input type="radio" name={name} value={value} checked={checked} onChange={onSelect} className={radioClass} />
      <span>{children}</span>
    </label>
  );
}

export function TokenEditForm({ action, token, endpoints }: { action: FormAction; token: EditableToken; endpoints: string[] }) {
  const { state, pending, formProps } = useActionForm(action);
  const { close } = useRowEditor();
  const [expiry, setExpiry] = useState<Expiry>(token.expiresAt ? "keep" : "never");
  const [mode, setMode] = useState<EndpointsMode>(token.endpoints ? "only" : "all");
  useEffect(() => {
    if (state.status === "ok") close();
  }, [state, close]);

  const id = (field: string) => `token-${token.id}-${field}`;
  const expired = token.expiresAt !== null && token.expiresAt.getTime() <= Date.now();
  const ticked = new Set(token.endpoints ?? []);
  const dateInvalid = Boolean(state.fieldErrors?.expiresAt);

  return (
    <FormStateProvider value={{ state, pending }}>
      <form {...formProps} noValidate aria-label={`Edit token ${token.name}`} className="max-w-3xl space-y-4" data-testid="token-edit-form">
        <FormMessage />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" name="name" htmlFor={id("name")}>
            <Input id={id("name")} name="name" defaultValue={token.name} autoComplete="off" autoFocus />
          </Field>
          <fieldset>
            <legend className={legendClass}>Expires</legend>
            <div className="space-y-1.5">
              {token.expiresAt ? (
                <Choice name="expiry" value="keep" checked={expiry === "keep"} onSelect={() => setExpiry("keep")}>
                  Keep {expired ? "(expired " : "("}
                  {formatDate(token.expiresAt)})
                </Choice>
              ) : null}
              <Choice name="expiry" value="never" checked={expiry === "never"} onSelect={() => setExpiry("never")}>
                Never
              </Choice>
              <div className="flex items-center gap-2">
                <Choice name="expiry" value="date" checked={expiry === "date"} onSelect={() => setExpiry("date")}>
                  New date
                </Choice>
                <div className="group w-44" data-invalid={dateInvalid ? "true" : undefined}>
                  <Input
                    id={id("expiresAt")}
                    name="expiresAt"
                    type="date"
                    aria-label="New expiry date"
                    onFocus={() => setExpiry("date")}
                    onChange={() => setExpiry("date")}
                  />
                </div>
              </div>
            </div>
            <FieldError name="expiresAt" />
            {expired && !dateInvalid ? (
              <p className="mt-1 text-tremor-label text-amber-800">Expired: choose Never or a new date to make it work again.</p>
            ) : null}
          </fieldset>
        </div>
        <fieldset>
          <legend className={legendClass}>Allowed endpoints</legend>
          {token.endpoints?.length === 0 ? (
            <div className="mb-2">
              <Alert tone="warning">Every endpoint this token was restricted to has been deleted: it may call none.</Alert>
            </div>
          ) : null}
          <div className="flex flex-wrap gap-x-5 gap-y-1.5">
            <Choice name="endpointsMode" value="all" checked={mode === "all"} onSelect={() => setMode("all")}>
              All endpoints, now and later
            </Choice>
            <Choice name="endpointsMode" value="only" checked={mode === "only"} onSelect={() => setMode("only")}>
              Only these:
            </Choice>
          </div>
          {endpoints.length === 0 ? (
            <p className="mt-2 text-tremor-label text-tremor-content">No endpoints exist yet.</p>
          ) : (
            <div className={`mt-2 flex flex-wrap gap-x-5 gap-y-2 pl-6 ${mode === "all" ? "opacity-50" : ""}`}>
              {endpoints.map((name) => (
                <label key={name} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="endpoints"
                    value={name}
                    defaultChecked={ticked.has(name)}
                    onChange={() => setMode("only")}
                    className="h-4 w-4 rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted"
                  />
                  <span className="font-mono text-tremor-label">{name}</span>
                </label>
              ))}
            </div>
          )}
          <FieldError name="endpoints" nested />
        </fieldset>
        <div className="flex items-center gap-2">
          <SubmitButton size="sm" pendingLabel="Saving…">
            Save token
          </SubmitButton>
          <Button variant="ghost" size="sm" onClick={close}>
            Cancel
          </Button>
          <span className="text-tremor-label text-tremor-content">The token itself stays the same; the gateway applies the changes at once.</span>
        </div>
      </form>
    </FormStateProvider>
  );
}
