// The sign-in page's callbackUrl (and signInPath, which builds it) must never lead to another site,
// including through what browsers strip or rewrite before parsing a URL (tab, CR, LF, backslash).
import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPath } from "@/lib/auth/sign-in-path";

const OFFSITE = [
  "/\t/evil.example",
  "/\n/evil.example/x",
  "/\r\n/evil.example",
  "/\t\\evil.example",
  "/\\/evil.example",
  "/\u0000/evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "",
];

describe("safeCallbackPath", () => {
  it("refuses every value a browser would send to another site", () => {
    for (const value of OFFSITE) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBeNull();
      expect(signInPath(value), JSON.stringify(value)).toBe("/signin");
    }
  });

  it("keeps same-site paths with their query, a backslash in the query included", () => {
    expect(safeCallbackPath("/traces?status=error&range=7d")).toBe("/traces?status=error&range=7d");
    expect(safeCallbackPath("/traces?q=a%5Cb")).toBe("/traces?q=a%5Cb");
    expect(safeCallbackPath("/traces?q=C:\\temp")).toBe("/traces?q=C:\\temp");
    expect(safeCallbackPath("/")).toBe("/");
    expect(signInPath("/users")).toBe("/signin?callbackUrl=%2Fusers");
  });
});
