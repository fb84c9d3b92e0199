import type { ReactNode } from "react";

/** The centred card of the sign-in and setup pages. */
export function AuthShell({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2.5">
          <span className="grid h-9 w-9 place-items-center rounded-tremor-default bg-tremor-brand text-base font-bold text-white">G</span>
          <span className="text-xl font-semibold text-tremor-content-strong">Gatehouse</span>
        </div>
        <div className="rounded-tremor-default border border-tremor-border bg-white p-6 shadow-tremor-card">
          <h1 className="text-tremor-title font-semibold text-tremor-content-strong">{title}</h1>
          {description ? <p className="mt-1 text-tremor-content">{description}</p> : null}
          <div className="mt-5">{children}</div>
        </div>
      </div>
    </main>
  );
}
