import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/** `className` goes on the <table>, e.g. "[&_td]:px-3 [&_th]:px-3" for a dense table with many columns.
 * A table wider than its card scrolls inside it; the wrapper is `relative` so that absolutely
 * positioned parts (the sr-only "Actions" header) are clipped with it instead of widening the page. */
export function Table({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <div className="relative overflow-x-auto">
      <table className={`w-full text-left text-tremor-default ${className}`}>{children}</table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-tremor-border bg-tremor-background-muted text-tremor-label uppercase tracking-wide text-tremor-content">
      <tr>{children}</tr>
    </thead>
  );
}

export function TH({ className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={`px-5 py-2.5 font-medium ${className}`} {...props} />;
}

/** Header of a trailing column of row buttons (Edit, Revoke, Remove…): named for screen readers only. */
export function THActions() {
  return (
    <TH>
      <span className="sr-only">Actions</span>
    </TH>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-tremor-border">{children}</tbody>;
}

export function TR({ children }: { children: ReactNode }) {
  return <tr className="align-middle hover:bg-tremor-background-muted/60">{children}</tr>;
}

export function TD({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`px-5 py-3 text-tremor-content-emphasis ${className}`} {...props} />;
}
