import type { ReactNode } from "react";

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-tremor-default border border-tremor-border bg-white shadow-tremor-card ${className}`}>
      {children}
    </section>
  );
}

export function CardHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex items-start justify-between gap-4 border-b border-tremor-border px-5 py-4">
      {/* min-w-0 and anywhere-wrapping: a long URL in the description wraps on a phone instead of
          widening the card. */}
      <div className="min-w-0">
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong">{title}</h2>
        {description ? <p className="mt-0.5 text-tremor-content [overflow-wrap:anywhere]">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function CardBody({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <div className={`px-5 py-4 ${className}`}>{children}</div>;
}
