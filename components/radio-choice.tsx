import type { ReactNode } from "react";

// A labelled radio button and a fieldset legend, styled like the console's other controls (e.g.
// a token editor's keep / never / new date expiry choice).

const radioClass = "h-4 w-4 border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted";

export function RadioChoice({
  name,
  value,
  checked,
  onSelect,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onSelect: () => void;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2">
      <input type="radio" name={name} value={value} checked={checked} onChange={onSelect} className={radioClass} />
      <span>{children}</span>
    </label>
  );
}

export function Legend({ children }: { children: ReactNode }) {
  return <legend className="mb-1.5 block font-medium text-tremor-content-strong">{children}</legend>;
}
