// The endpoint form's fallback-status text: "5xx" expands to 500–599 and reads back as "5xx".

import { describe, expect, it } from "vitest";
import { createEndpointSchema } from "../../lib/endpoints/schemas";
import { formatStatusList, parseStatusList, statusListError } from "../../lib/endpoints/status-list";
import { endpointKindPhrase } from "../../lib/endpoints/kind-phrase";
import { DEFAULT_FALLBACK_STATUSES } from "../../lib/gateway/fallback-statuses";

describe("fallback status list", () => {
  it("expands 5xx and keeps what is not a number for the schema to name", () => {
    const parsed = parseStatusList("429, 5xx, nope") as (number | string)[];
    expect(parsed).toHaveLength(102);
    expect(parsed.slice(0, 3)).toEqual([429, 500, 501]);
    expect(parsed).toContain(529);
    expect(parsed.at(-1)).toBe("nope");
    expect(parseStatusList(undefined)).toBeUndefined();
    expect(parseStatusList(" ")).toEqual([]);
  });

  it("writes a complete 5xx range back as 5xx, and the default reads 408, 409, 429, 5xx", () => {
    expect(formatStatusList(parseStatusList("5xx, 429") as number[])).toBe("429, 5xx");
    expect(formatStatusList([503, 429])).toBe("429, 503");
    expect(formatStatusList(DEFAULT_FALLBACK_STATUSES)).toBe("408, 409, 429, 5xx");
  });

  it("accepts an expanded list in the endpoint schema", () => {
    const fallbackOn = parseStatusList("408, 429, 5xx");
    const shape = createEndpointSchema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
    expect(shape.fallbackOn.safeParse(fallbackOn).success).toBe(true);
  });

  it("names each entry that is not a usable status, and says what is accepted", () => {
    expect(statusListError("429, 5xx, 503")).toBeUndefined();
    expect(statusListError(undefined)).toBeUndefined();
    expect(statusListError("abc, 999")).toBe('"abc", "999" are not HTTP statuses a fallback can follow. Use HTTP statuses from 400 to 599 or "5xx", comma-separated.');
    expect(statusListError("429, 302")).toBe('"302" is not an HTTP status a fallback can follow. Use HTTP statuses from 400 to 599 or "5xx", comma-separated.');
    // The API's message for a list entry (the form names them itself).
    const shape = createEndpointSchema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } } }>;
    const issues = shape.fallbackOn.safeParse([429, 999, "abc"]).error!.issues;
    expect(issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["1", "Must be an HTTP status from 400 to 599"],
      ["2", "Must be an HTTP status from 400 to 599"],
    ]);
  });

  it("an endpoint's kind reads with its article", () => {
    expect(endpointKindPhrase("embeddings")).toBe("an embeddings endpoint");
    expect(endpointKindPhrase("chat")).toBe("a chat endpoint");
  });
});
