// Stored provider credentials must never reach a client, an error message or a trace.

import type { RoutedTarget } from "./snapshot-build";

const REDACTED = "[redacted]";

/** Removes the target's stored credentials from text bound for a client, error or trace. */
export function scrubSecrets(text: string, target: RoutedTarget): string {
  let out = text;
  const { apiKey, secretAccessKey, sessionToken } = target.credentials;
  for (const secret of [apiKey, secretAccessKey, sessionToken]) {
    // Short values would redact ordinary words; provider keys are long.
    if (secret && secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
