// Price patterns are globs (`*` = any characters). They were compiled to backtracking regexes, so
// a valid admin pattern with many stars froze the trace writer that prices every call.
import { describe, expect, it } from "vitest";
import { patternMatches } from "@/lib/usage/prices";

/** The reference semantics: an anchored regex with `.*` per `*` (fine for short inputs). */
function reference(pattern: string, text: string): boolean {
  const body = pattern
    .toLowerCase()
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`).test(text);
}

describe("price pattern globs", () => {
  it("a pattern with many stars against a long model id answers at once", () => {
    const pattern = `${"*a".repeat(60)}*b`;
    const started = performance.now();
    expect(patternMatches(pattern, "a".repeat(200))).toBe(false);
    expect(patternMatches(pattern, `${"a".repeat(200)}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("matches exactly what the anchored `.*` regex matches", () => {
    const patterns = ["gpt-4o", "gpt-4o*", "*-mini", "claude-*-sonnet*", "a*a", "ab*ba", "*a*b*", "a**b", "x*y*z", "*.*"];
    const texts = ["gpt-4o", "gpt-4o-mini", "gpt-4", "claude-3-5-sonnet-2024", "claude-sonnet", "aa", "a", "aba", "abba", "ab", "xyz", "xzy", "x.y", "", "ba"];
    for (const p of patterns) for (const t of texts) expect(patternMatches(p, t), `${p} ~ ${t}`).toBe(reference(p, t));
    // Random ones too.
    const letters = "ab*";
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 3000; i++) {
      const p = Array.from({ length: 1 + rand(7) }, () => letters[rand(3)]).join("");
      const t = Array.from({ length: rand(8) }, () => "ab"[rand(2)]).join("");
      expect(patternMatches(p, t), `${p} ~ ${t}`).toBe(reference(p, t));
    }
  });
});
