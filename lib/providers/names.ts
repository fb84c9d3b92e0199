// How the console and plain-language messages name each provider.

import type { ProviderId } from "./types";

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

export function providerName(id: string): string {
  return PROVIDER_NAMES[id as ProviderId] ?? id;
}
