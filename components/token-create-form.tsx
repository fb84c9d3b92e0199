"use client";

// Create a team or admin API token. The full token comes back from the action once and is shown
// here with a copy button; it is never retrievable again (only its hash is stored).

import { useEffect, useState } from "react";
import type { CreatedTokenResult, FormAction, FormState } from "@/lib/console/form-state";
import { FormStateProvider, useActionForm } from "./action-form";
import { Alert } from "./alert";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { EndpointCheckboxes } from "./endpoint-checkboxes";
import { Field, FieldError } from "./field";
import { FormMessage } from "./form-message";
import { Input } from "./input";
import { SubmitButton } from "./submit-button";

function TokenReveal({ created, usage, onDone }: { created: CreatedTokenResult; usage?: string; onDone: () => void }) {
  return (
    <div className="space-y-3 rounded-tremor-default border border-emerald-200 bg-emerald-50 p-4" data-testid="token-reveal">
      <p className="font-semibold text-emerald-900">Token “{created.name}” created</p>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 select-all break-all rounded-tremor-small border border-emerald-200 bg-white px-3 py-2 text-tremor-label text-tremor-content-strong"
          data-testid="created-token"
        >
          {created.token}
        </code>
        <CopyButton value={created.token} />
      </div>
      <Alert tone="warning">
        <strong>Copy it now: you won&apos;t see this token again.</strong> Gatehouse stores only a hash; if it is lost,
        revoke it and create a new one.
      </Alert>
      {usage ? <p className="text-tremor-label text-emerald-900">{usage}</p> : null}
      <Button variant="secondary" size="sm" onClick={onDone}>
        Done, I saved it
      </Button>
    </div>
  );
}

export function TokenCreateForm({
  action,
  endpoints,
  usage,
  nameExample = "billing-service",
}: {
  action: FormAction<CreatedTokenResult>;
  /** Endpoint names a team token can be restricted to; omitted for admin tokens. */
  endpoints?: string[];
  usage?: string;
  /** A typical name for this kind of token (an application for a team token, a tool for an admin token). */
  nameExample?: string;
}) {
  const { state, pending, formRef, formProps } = useActionForm(action);
  const [dismissed, setDismissed] = useState<FormState<CreatedTokenResult> | null>(null);
  const created = state.status === "ok" && state !== dismissed ? state.result : undefined;
  useEffect(() => {
    if (state.status === "ok") formRef.current?.reset();
  }, [state, formRef]);

  return (
    <FormStateProvider value={{ state, pending }}>
      {created ? <TokenReveal created={created} usage={usage} onDone={() => setDismissed(state)} /> : null}
      <form {...formProps} noValidate className={created ? "hidden" : "space-y-4"}>
        <FormMessage />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" name="name" hint={`What or who uses it, e.g. “${nameExample}”.`}>
            <Input id="name" name="name" autoComplete="off" placeholder={nameExample} />
          </Field>
          <Field label="Expires" name="expiresAt" hint="Optional. Leave empty for a token that does not expire.">
            <Input id="expiresAt" name="expiresAt" type="date" />
          </Field>
        </div>
        {endpoints ? (
          <fieldset>
            <legend className="font-medium text-tremor-content-strong">Allowed endpoints</legend>
            <p className="mb-2 text-tremor-label text-tremor-content">Tick none to allow every endpoint, now and later.</p>
            <EndpointCheckboxes endpoints={endpoints} />
            <FieldError name="endpoints" nested />
          </fieldset>
        ) : null}
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
    </FormStateProvider>
  );
}
