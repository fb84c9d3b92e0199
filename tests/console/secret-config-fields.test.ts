// The provider-key form's settings inputs are exactly the keys the settings save replaces
// (CONFIG_FORM_KEYS), so a key the form shows can be cleared and a key it does not show is kept;
// the API-version field shows the adapter's default as its placeholder.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConfigFields } from "@/app/(console)/provider-keys/secret-fields";
import { PROVIDERS } from "@/lib/providers/types";
import { CONFIG_FORM_KEYS, mergeFormConfig } from "@/lib/secrets/config-fields";

function inputs(html: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [tag] of html.matchAll(/<input[^>]*>/g)) {
    const name = /name="config\.([^"]+)"/.exec(tag)?.[1];
    if (name) out[name] = /placeholder="([^"]*)"/.exec(tag)?.[1] ?? null;
  }
  return out;
}

describe("provider key settings form", () => {
  it.each(PROVIDERS)("%s: renders an input for every key the save replaces, and no other", (provider) => {
    const html = renderToStaticMarkup(createElement(ConfigFields, { provider }));
    expect(Object.keys(inputs(html)).sort()).toEqual([...CONFIG_FORM_KEYS[provider]].sort());
  });

  it("shows Gemini's and Anthropic's API version with the adapters' defaults as placeholders", () => {
    expect(inputs(renderToStaticMarkup(createElement(ConfigFields, { provider: "gemini", initial: { apiVersion: "v1" } }))).apiVersion).toBe("v1beta");
    expect(renderToStaticMarkup(createElement(ConfigFields, { provider: "gemini", initial: { apiVersion: "v1" } }))).toContain('value="v1"');
    expect(inputs(renderToStaticMarkup(createElement(ConfigFields, { provider: "anthropic" }))).apiVersion).toBe("2023-06-01");
    expect(inputs(renderToStaticMarkup(createElement(ConfigFields, { provider: "azure" }))).apiVersion).toBe("2024-10-21");
  });

  it("merges a save: shown keys as submitted (absent = removed), the others as stored", () => {
    const stored = { baseUrl: "https://a.example.com", apiVersion: "v1", deployment: "d" };
    expect(mergeFormConfig("gemini", stored, { baseUrl: "https://b.example.com" })).toEqual({ baseUrl: "https://b.example.com", deployment: "d" });
    expect(mergeFormConfig("openai", stored, {})).toEqual({ apiVersion: "v1", deployment: "d" });
  });
});
