"use client";

import { useState } from "react";
import { buttonClass } from "./button";

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      // Clipboard access needs a secure context (https or localhost); the value stays selectable.
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 2000);
  }
  return (
    <button type="button" onClick={copy} className={buttonClass("secondary", "sm")}>
      {copied === "copied" ? "Copied" : copied === "failed" ? "Select and copy manually" : label}
    </button>
  );
}
