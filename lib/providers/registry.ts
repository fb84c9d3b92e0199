// ProviderId → adapter. Adding a provider = one import + one line in ADAPTERS.

import { anthropicAdapter } from "./anthropic";
import { azureAdapter } from "./azure";
import { bedrockAdapter } from "./bedrock";
import { cohereAdapter } from "./cohere";
import { geminiAdapter } from "./gemini";
import { mistralAdapter } from "./mistral";
import { openaiAdapter } from "./openai";
import { openaiCompatibleAdapter } from "./openai-compatible";
import type { ProviderAdapter, ProviderId } from "./types";

const ADAPTERS: Partial<Record<ProviderId, ProviderAdapter>> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  bedrock: bedrockAdapter,
  cohere: cohereAdapter,
  azure: azureAdapter,
  mistral: mistralAdapter,
  "openai-compatible": openaiCompatibleAdapter,
};

/** The adapter for a provider, or undefined when this build has none (the gateway then records the
 * attempt as failed with a clear message and falls over to the next target). */
export function getAdapter(id: ProviderId): ProviderAdapter | undefined {
  return ADAPTERS[id];
}
