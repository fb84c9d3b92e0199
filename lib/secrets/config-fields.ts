// Which config settings the console's provider-key form shows for each provider: the keys that
// provider's adapter reads. The settings form posts only these, so saving it changes only these and
// keeps every other key of the stored config (e.g. one set through the admin API) as it was.
// Client-safe: the form renders from the same list.

import type { ProviderId } from "../providers/types";
import type { SecretConfig } from "./schemas";

export type ConfigKey = keyof SecretConfig;

export const CONFIG_FORM_KEYS: Record<ProviderId, readonly ConfigKey[]> = {
  openai: ["baseUrl", "organization", "project"],
  anthropic: ["baseUrl", "apiVersion"],
  gemini: ["baseUrl", "apiVersion"],
  bedrock: ["region", "baseUrl"],
  azure: ["baseUrl", "deployment", "apiVersion"],
  cohere: ["baseUrl"],
  mistral: ["baseUrl"],
  "openai-compatible": ["baseUrl"],
};

export function formShowsConfigKey(provider: ProviderId, key: ConfigKey): boolean {
  return CONFIG_FORM_KEYS[provider].includes(key);
}

/** The config after the settings form was saved: the form's values for the keys it shows (an
 * emptied field removes its key), every other stored key unchanged. */
export function mergeFormConfig(provider: ProviderId, stored: SecretConfig, submitted: SecretConfig): SecretConfig {
  const shown = new Set<string>(CONFIG_FORM_KEYS[provider]);
  const kept = Object.fromEntries(Object.entries(stored).filter(([key]) => !shown.has(key)));
  return { ...kept, ...submitted };
}
