import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

// Inputs turn red inside a <Field> that has an error (Field sets data-invalid on its wrapper).
const control =
  "block w-full rounded-tremor-default border-tremor-border bg-white text-tremor-default text-tremor-content-strong " +
  "shadow-tremor-input placeholder:text-tremor-content-subtle focus:border-tremor-brand-subtle focus:ring-2 " +
  "focus:ring-tremor-brand-muted disabled:bg-tremor-background-subtle disabled:text-tremor-content " +
  "group-data-[invalid=true]:border-red-400 group-data-[invalid=true]:focus:ring-red-200";

export function Input({ className = "", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${control} ${className}`} {...props} />;
}

export function Select({ className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={`${control} pr-8 ${className}`} {...props} />;
}

export function Textarea({ className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${control} ${className}`} {...props} />;
}

export function Checkbox({
  label,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  return (
    <label className="flex items-start gap-2.5">
      <input
        type="checkbox"
        className="mt-0.5 h-4 w-4 rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted"
        {...props}
      />
      <span>
        <span className="font-medium text-tremor-content-strong">{label}</span>
        {hint ? <span className="block text-tremor-label text-tremor-content">{hint}</span> : null}
      </span>
    </label>
  );
}
