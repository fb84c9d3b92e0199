import { describe, expect, it } from "vitest";
import { FULL_MASK, maskKey } from "@/lib/crypto/mask";

describe("maskKey", () => {
  it("shows the first 3 and last 4 characters", () => {
    expect(maskKey("sk-proj-abcdefghijklmnopa1b2")).toBe("sk-...a1b2");
    expect(maskKey("AKIAIOSFODNN7EXAMPLE")).toBe("AKI...MPLE");
    expect(maskKey("  sk-ant-api03-xyz-wxyz  ")).toBe("sk-...wxyz");
  });

  it("fully masks short keys", () => {
    expect(maskKey("abc")).toBe(FULL_MASK);
    expect(maskKey("12345678901")).toBe(FULL_MASK);
    expect(maskKey("")).toBe(FULL_MASK);
    expect(maskKey("123456789012")).toBe("123...9012");
  });
});
