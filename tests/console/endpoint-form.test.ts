// The endpoint form's model rows: the model placeholder is a model of the chosen provider (and of
// the endpoint's kind), and a provider key is offered by name with the same mask the provider keys
// list shows, never more of the key.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EndpointForm, type SecretOption } from "@/app/(console)/endpoints/endpoint-form";
import { modelPlaceholder, secretOptionLabel } from "@/app/(console)/endpoints/model-hints";
import { IDLE } from "@/lib/console/form-state";
import { FULL_MASK, maskKey } from "@/lib/crypto/mask";
import { PROVIDERS } from "@/lib/providers/types";

const ANTHROPIC_KEY = "sk-ant-api03-0123456789abcdefWXYZ";
const OPENAI_KEY = "sk-proj-0123456789abcdefghija1b2";

const SECRETS: SecretOption[] = [
  { id: "s1", name: "anthropic-prod", provider: "anthropic", maskedKey: maskKey(ANTHROPIC_KEY) },
  { id: "s2", name: "fake-anthropic", provider: "anthropic", maskedKey: maskKey("sk-ant-fake") },
  { id: "s3", name: "openai-prod", provider: "openai", maskedKey: maskKey(OPENAI_KEY) },
];

function render(props: Partial<Parameters<typeof EndpointForm>[0]> = {}): string {
  return renderToStaticMarkup(createElement(EndpointForm, { action: async () => IDLE, secrets: SECRETS, submitLabel: "Create endpoint", ...props }));
}

function attribute(html: string, label: string, name: string): string | undefined {
  const tag = new RegExp(`<(?:input|select)[^>]*aria-label="${label}"[^>]*>`).exec(html)?.[0];
  return tag && new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
}

describe("endpoint form: model placeholder", () => {
  it("names a model of the chosen provider, chat or embeddings", () => {
    expect(modelPlaceholder("openai", "chat")).toBe("gpt-4o-mini");
    expect(modelPlaceholder("anthropic", "chat")).toBe("claude-sonnet-4-5");
    expect(modelPlaceholder("gemini", "chat")).toBe("gemini-2.5-flash");
    expect(modelPlaceholder("bedrock", "chat")).toBe("amazon.nova-lite-v1:0");
    expect(modelPlaceholder("azure", "chat")).toMatch(/deployment/);
    expect(modelPlaceholder("cohere", "chat")).toBe("command-a-03-2025");
    expect(modelPlaceholder("mistral", "chat")).toBe("mistral-large-latest");
    expect(modelPlaceholder("openai", "embeddings")).toBe("text-embedding-3-small");
    expect(modelPlaceholder("bedrock", "embeddings")).toBe("amazon.titan-embed-text-v2:0");
    expect(modelPlaceholder("anthropic", "embeddings")).toBe("no embeddings API");
    for (const provider of PROVIDERS) {
      expect(modelPlaceholder(provider, "chat")).toBeTruthy();
      expect(modelPlaceholder(provider, "embeddings")).toBeTruthy();
    }
  });

  it("the first row follows the first key's provider; an embeddings endpoint suggests embedding models", () => {
    const html = render();
    expect(attribute(html, "Model 1", "placeholder")).toBe("claude-sonnet-4-5");
    const edit = render({
      initial: {
        name: "emb",
        kind: "embeddings",
        maxAttempts: 3,
        timeoutMs: 60000,
        usageTracking: true,
        capturePayloads: true,
        fallbackOn: null,
        models: [{ provider: "openai", model: "", secretId: "s3", weight: 1, fallbackOrder: null }],
      },
    });
    expect(attribute(edit, "Model 1", "placeholder")).toBe("text-embedding-3-small");
  });
});

describe("endpoint form: provider key options", () => {
  it("name and the list's mask; a fully masked key by its name alone", () => {
    expect(secretOptionLabel(SECRETS[0])).toBe("anthropic-prod · sk-...WXYZ");
    expect(secretOptionLabel(SECRETS[1])).toBe("fake-anthropic");
    expect(SECRETS[1].maskedKey).toBe(FULL_MASK);
  });

  it("the dropdown shows no more of a key than its mask", () => {
    const html = render();
    expect(html).toContain(">anthropic-prod · sk-...WXYZ</option>");
    expect(html).toContain(">fake-anthropic</option>");
    // The chosen key's label is also the select's tooltip.
    expect(attribute(html, "Provider key of model 1", "title")).toBe("anthropic-prod · sk-...WXYZ");
    // Only the first 3 and last 4 characters of any key appear.
    for (const key of [ANTHROPIC_KEY, OPENAI_KEY, "sk-ant-fake"]) {
      expect(html).not.toContain(key.slice(0, 8));
      expect(html).not.toContain(key.slice(-5));
    }
  });
});
