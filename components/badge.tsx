import type { ReactNode } from "react";

const tones = {
  gray: "bg-gray-100 text-gray-700 ring-gray-200",
  brand: "bg-tremor-brand-faint text-tremor-brand-emphasis ring-tremor-brand-muted",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-700 ring-red-200",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "gray", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded-tremor-small px-1.5 py-0.5 text-tremor-label font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}
