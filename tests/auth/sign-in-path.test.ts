import { describe, expect, it } from "vitest";
import { signInPath } from "@/lib/auth/sign-in-path";

describe("signInPath", () => {
  it("sends the visitor back to the page they asked for", () => {
    expect(signInPath("/users")).toBe("/signin?callbackUrl=%2Fusers");
    expect(signInPath("/traces?status=error&range=7d")).toBe("/signin?callbackUrl=%2Ftraces%3Fstatus%3Derror%26range%3D7d");
  });

  it("plain /signin for the home page, a missing header or anything not same-site", () => {
    expect(signInPath("/")).toBe("/signin");
    expect(signInPath(null)).toBe("/signin");
    expect(signInPath(undefined)).toBe("/signin");
    expect(signInPath("//evil.example/x")).toBe("/signin");
    expect(signInPath("/\\evil.example")).toBe("/signin");
    expect(signInPath("https://evil.example/")).toBe("/signin");
    expect(signInPath("/signin?callbackUrl=%2Fusers")).toBe("/signin");
  });
});
