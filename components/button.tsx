import Link from "next/link";
import type { ButtonHTMLAttributes, ReactNode } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

const base =
  "inline-flex items-center justify-center gap-1.5 whitespace-nowrap rounded-tremor-default font-medium " +
  "transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted " +
  "disabled:cursor-not-allowed disabled:opacity-60";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-tremor-brand text-tremor-brand-inverted shadow-tremor-input hover:bg-tremor-brand-emphasis",
  secondary:
    "border border-tremor-border bg-white text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-muted",
  danger: "border border-red-200 bg-white text-red-700 shadow-tremor-input hover:bg-red-50",
  ghost: "text-tremor-content-emphasis hover:bg-tremor-background-subtle",
};

const sizes: Record<ButtonSize, string> = {
  sm: "px-2.5 py-1 text-tremor-label",
  md: "px-3.5 py-2 text-tremor-default",
};

export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra = ""): string {
  return `${base} ${variants[variant]} ${sizes[size]} ${extra}`.trim();
}

export function Button({
  variant = "primary",
  size = "md",
  className = "",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <button type={type} className={buttonClass(variant, size, className)} {...props} />;
}

export function ButtonLink({
  href,
  children,
  variant = "primary",
  size = "md",
}: {
  href: string;
  children: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
}) {
  return (
    <Link href={href} className={buttonClass(variant, size)}>
      {children}
    </Link>
  );
}
