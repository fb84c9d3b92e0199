"use client";

// A form bound to a server action through useActionState. Submission goes through onSubmit so
// React does not reset the fields: on a validation error the user's input stays as typed.
// <Field>, <FormMessage> and <SubmitButton> inside it read the action's state from context.

import { createContext, startTransition, useActionState, useContext, useEffect, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { IDLE, keepFieldErrors, type FormAction, type FormState } from "@/lib/console/form-state";

interface FormContextValue {
  state: FormState;
  pending: boolean;
}

const FormContext = createContext<FormContextValue>({ state: IDLE, pending: false });

export function useFormContext(): FormContextValue {
  return useContext(FormContext);
}

export function useActionForm<R>(action: FormAction<R>) {
  const [state, dispatch, pending] = useActionState(action, IDLE as FormState<R>);
  const formRef = useRef<HTMLFormElement>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(formData));
  };
  return { state, pending, formRef, formProps: { ref: formRef, action: dispatch, onSubmit } };
}

export function ActionForm({
  action,
  children,
  className = "space-y-5",
  resetOnSuccess = false,
  scope,
  scopeFree = [],
}: {
  action: FormAction;
  children: ReactNode;
  className?: string;
  /** Clear the fields after a successful submission that stays on the page. */
  resetOnSuccess?: boolean;
  /** A choice the other fields depend on (a provider key's provider): once it differs from its
   * value at the last submission, that submission's field errors no longer apply and are dropped,
   * except those of `scopeFree` (fields the choice does not change, such as the name). */
  scope?: string;
  scopeFree?: readonly string[];
}) {
  const { state: submitted, pending, formRef, formProps } = useActionForm(action);
  const [submittedScope, setSubmittedScope] = useState(scope);
  useEffect(() => {
    if (resetOnSuccess && submitted.status === "ok") formRef.current?.reset();
  }, [submitted, resetOnSuccess, formRef]);
  const state = scope !== submittedScope ? keepFieldErrors(submitted, scopeFree) : submitted;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setSubmittedScope(scope);
    formProps.onSubmit(event);
  };
  return (
    <FormContext.Provider value={{ state, pending }}>
      <form className={className} noValidate {...formProps} onSubmit={onSubmit}>
        {children}
      </form>
    </FormContext.Provider>
  );
}

export function FormStateProvider({ value, children }: { value: FormContextValue; children: ReactNode }) {
  return <FormContext.Provider value={value}>{children}</FormContext.Provider>;
}
