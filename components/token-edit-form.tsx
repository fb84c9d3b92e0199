"use client";

// The tokens table's editor for one token (components/tokens-table.tsx `editor`): name and expiry,
// plus what a token kind adds (a team token's endpoint restriction) as children; the token itself
// never changes. Posts what lib/auth/token-form.ts reads: the expiry as an explicit keep / never /
// new date choice (an expired token's date is never sent back). Closes its row after a save.

import { useEffect, useState, type ReactNode } from "react";
import type { FormAction } from "@/lib/console/form-state";
import { FormStateProvider, useActionForm } from "./action-form";
import { Button } from "./button";
import { useRowEditor } from "./editable-row";
import { Field, FieldError } from "./field";
import { FormMessage } from "./form-message";
import { formatDate } from "./format";
import { Input } from "./input";
import { Legend, RadioChoice } from "./radio-choice";
import { SubmitButton } from "./submit-button";

export interface EditableToken {
  id: string;
  name: string;
  expiresAt: Date | null;
}

type Expiry = "keep" | "never" | "date";

function ExpiryFieldset({ token, dateInvalid }: { token: EditableToken; dateInvalid: boolean }) {
  const [expiry, setExpiry] = useState<Expiry>(token.expiresAt ? "keep" : "never");
  const expired = token.expiresAt !== null && token.expiresAt.getTime() <= Date.now();
  return (
    <fieldset>
      <Legend>Expires</Legend>
      <div className="space-y-1.5">
        {token.expiresAt ? (
          <RadioChoice name="expiry" value="keep" checked={expiry === "keep"} onSelect={() => setExpiry("keep")}>
            Keep {expired ? "(expired " : "("}
            {formatDate(token.expiresAt)})
          </RadioChoice>
        ) : null}
        <RadioChoice name="expiry" value="never" checked={expiry === "never"} onSelect={() => setExpiry("never")}>
          Never
        </RadioChoice>
        <div className="flex items-center gap-2">
          <RadioChoice name="expiry" value="date" checked={expiry === "date"} onSelect={() => setExpiry("date")}>
            New date
          </RadioChoice>
          <div className="group w-44" data-invalid={dateInvalid ? "true" : undefined}>
            <Input
              id={`token-${token.id}-expiresAt`}
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
  );
}

export function TokenEditForm({
  action,
  token,
  note,
  children,
}: {
  action: FormAction;
  token: EditableToken;
  /** Shown next to the buttons: when the changes take effect. */
  note: string;
  /** The token kind's own fieldsets, under name and expiry. */
  children?: ReactNode;
}) {
  const { state, pending, formProps } = useActionForm(action);
  const { close } = useRowEditor();
  useEffect(() => {
    if (state.status === "ok") close();
  }, [state, close]);
  const nameId = `token-${token.id}-name`;

  return (
    <FormStateProvider value={{ state, pending }}>
      <form {...formProps} noValidate aria-label={`Edit token ${token.name}`} className="max-w-3xl space-y-4" data-testid="token-edit-form">
        <FormMessage />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" name="name" htmlFor={nameId}>
            <Input id={nameId} name="name" defaultValue={token.name} autoComplete="off" autoFocus />
          </Field>
          <ExpiryFieldset token={token} dateInvalid={Boolean(state.fieldErrors?.expiresAt)} />
        </div>
        {children}
        <div className="flex items-center gap-2">
          <SubmitButton size="sm" pendingLabel="Saving…">
            Save token
          </SubmitButton>
          <Button variant="ghost" size="sm" onClick={close}>
            Cancel
          </Button>
          <span className="text-tremor-label text-tremor-content">{note}</span>
        </div>
      </form>
    </FormStateProvider>
  );
}
