import type { ReactNode } from "react";

const tones = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-tremor-brand-muted bg-tremor-brand-faint text-tremor-brand-emphasis",
} as const;

export function Alert({ tone, children }: { tone: keyof typeof tones; children: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-tremor-default border px-3.5 py-2.5 ${tones[tone]}`}>
      {children}
    </div>
  );
}
