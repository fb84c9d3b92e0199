"use client";

// A form bound to a server action through useActionState. Submission goes through onSubmit so
// React does not reset the fields: on a validation error the user's input stays as typed.
// <Field>, <FormMessage> and <SubmitButton> inside it read the action's state from context.

import { createContext, startTransition, useActionState, useContext, useEffect, useRef } from "react";
import type { FormEvent, ReactNode } from "react";
import { IDLE, type FormAction, type FormState } from "@/lib/console/form-state";

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
}: {
  action: FormAction;
  children: ReactNode;
  className?: string;
  /** Clear the fields after a successful submission that stays on the page. */
  resetOnSuccess?: boolean;
}) {
  const { state, pending, formRef, formProps } = useActionForm(action);
  useEffect(() => {
    if (resetOnSuccess && state.status === "ok") formRef.current?.reset();
  }, [state, resetOnSuccess, formRef]);
  return (
    <FormContext.Provider value={{ state, pending }}>
      <form className={className} noValidate {...formProps}>
        {children}
      </form>
    </FormContext.Provider>
  );
}

export function FormStateProvider({ value, children }: { value: FormContextValue; children: ReactNode }) {
  return <FormContext.Provider value={value}>{children}</FormContext.Provider>;
}
