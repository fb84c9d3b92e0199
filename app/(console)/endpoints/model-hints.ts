// What the endpoint form's model rows suggest: a model id in the chosen provider's own naming (the
// model input's placeholder) and how a provider key is named in the key dropdown.

import { FULL_MASK } from "@/lib/crypto/mask";
import type { EndpointKind } from "@/lib/endpoints/schemas";
import type { ProviderId } from "@/lib/providers/types";

const CHAT_MODELS: Record<ProviderId, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-sonnet-4-5",
  gemini: "gemini-2.5-flash",
  bedrock: "amazon.nova-lite-v1:0",
  // Azure routes by deployment: the model is the deployment's name (unless the key sets one).
  azure: "my-gpt-4o-deployment",
  cohere: "command-a-03-2025",
  mistral: "mistral-large-latest",
  "openai-compatible": "llama-3.1-8b-instruct",
};

const EMBEDDING_MODELS: Record<ProviderId, string> = {
  openai: "text-embedding-3-small",
  // Anthropic has no embeddings API (saving such an endpoint is refused).
  anthropic: "no embeddings API",
  gemini: "gemini-embedding-001",
  bedrock: "amazon.titan-embed-text-v2:0",
  azure: "my-embedding-deployment",
  cohere: "embed-v4.0",
  mistral: "mistral-embed",
  "openai-compatible": "nomic-embed-text",
};

/** The model input's placeholder for a provider and endpoint kind. */
export function modelPlaceholder(provider: ProviderId, kind: EndpointKind): string {
  return (kind === "embeddings" ? EMBEDDING_MODELS : CHAT_MODELS)[provider];
}

/** A provider key in the dropdown: its name and the mask the provider keys list shows ("prod ·
 * sk-...a1b2"), nothing more of the key. A key short enough to be fully masked shows its name
 * only: "********" tells one key from another no better than nothing. */
export function secretOptionLabel(secret: { name: string; maskedKey: string }): string {
  return secret.maskedKey && secret.maskedKey !== FULL_MASK ? `${secret.name} · ${secret.maskedKey}` : secret.name;
}
