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

const UPSTREAM = "[upstream]";

/** Replaces the target's configured upstream address (its base URL, origin and host:port) in text
 * bound for the caller: a provider's error may quote the address it was called at (an internal
 * host, a path with a tenant id). The trace keeps the text as it was. */
export function scrubUpstreamAddress(text: string, target: RoutedTarget): string {
  const base = target.config.baseUrl;
  if (typeof base !== "string" || base === "") return text;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return text;
  }
  let out = text;
  // Longest first, so the base URL is replaced whole rather than its host inside it.
  for (const address of [base.replace(/\/+$/, ""), url.origin, url.host]) {
    if (address.length >= 4 && out.includes(address)) out = out.split(address).join(UPSTREAM);
  }
  return out;
}
