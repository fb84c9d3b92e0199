import type { ReactNode } from "react";

/** What the user sees instead of an empty table: what this is and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <h3 className="text-tremor-default font-semibold text-tremor-content-strong">{title}</h3>
      <div className="mt-1 max-w-md text-tremor-content">{children}</div>
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
