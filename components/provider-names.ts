import { PROVIDERS, type ProviderId } from "@/lib/providers/types";

export const PROVIDER_NAMES: Record<ProviderId, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Google Gemini",
  bedrock: "AWS Bedrock",
  azure: "Azure OpenAI",
  cohere: "Cohere",
  mistral: "Mistral",
  "openai-compatible": "OpenAI-compatible",
};

export const PROVIDER_OPTIONS = PROVIDERS.map((id) => ({ id, name: PROVIDER_NAMES[id] }));

export function providerName(id: string): string {
  return PROVIDER_NAMES[id as ProviderId] ?? id;
}
