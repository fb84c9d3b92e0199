"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { FormStateProvider, useActionForm } from "@/components/action-form";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";

/** Create the first admin, then sign in with the same credentials and open the console. */
export function SetupForm({ action }: { action: FormAction }) {
  const router = useRouter();
  const { state, pending, formProps } = useActionForm(action);
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    if (state.status !== "ok" || !credentials.current) return;
    const { email, password } = credentials.current;
    credentials.current = null;
    void signIn("credentials", { email, password, redirect: false }).then((result) => {
      if (result?.ok && !result.error) {
        router.replace("/");
        router.refresh();
      } else {
        setSignInError("Your admin account was created, but signing in failed. Sign in manually.");
        router.replace("/signin");
      }
    });
  }, [state, router]);

  return (
    <FormStateProvider value={{ state, pending: pending || state.status === "ok" }}>
      <form
        {...formProps}
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          const form = new FormData(event.currentTarget);
          credentials.current = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
          formProps.onSubmit(event);
        }}
      >
        {signInError ? <Alert tone="error">{signInError}</Alert> : <FormMessage />}
        <Field label="Email" name="email">
          <Input id="email" name="email" type="email" autoComplete="username" autoFocus />
        </Field>
        <Field label="Name" name="name" hint="Optional.">
          <Input id="name" name="name" autoComplete="name" />
        </Field>
        <Field label="Password" name="password" hint="At least 8 characters.">
          <Input id="password" name="password" type="password" autoComplete="new-password" />
        </Field>
        <Field label="Confirm password" name="confirmPassword">
          <Input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" />
        </Field>
        <SubmitButton pendingLabel="Creating admin…">Create admin account</SubmitButton>
      </form>
    </FormStateProvider>
  );
}
