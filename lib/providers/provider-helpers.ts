// Target-level helpers shared by provider adapters: base URL, API key, upstream error messages.

import { GatewayError } from "../gateway/errors";
import type { Target } from "./types";

/** The secret's base URL (SDK convention) or the provider default, without a trailing slash. */
export function baseUrlOf(target: Target, defaultBaseUrl: string): string {
  const base = typeof target.config.baseUrl === "string" && target.config.baseUrl !== "" ? target.config.baseUrl : defaultBaseUrl;
  return base.replace(/\/+$/, "");
}

/** The secret's API key; a secret without one is a gateway misconfiguration, not a client error. */
export function apiKeyOf(target: Target): string {
  const key = target.credentials.apiKey;
  if (!key) {
    throw new GatewayError(
      500,
      `The secret configured for provider '${target.provider}' has no API key.`,
      "server_error",
      "provider_credentials_missing",
    );
  }
  return key;
}

const MAX_RAW_ERROR_CHARS = 500;

/** The message `extract` finds in the provider's error JSON, else the start of the raw body. */
export function upstreamErrorMessage(status: number, body: string, extract: (json: unknown) => string | undefined): string {
  const raw = body.trim();
  if (raw === "") return `HTTP ${status} with an empty body`;
  try {
    const message = extract(JSON.parse(raw));
    if (message !== undefined) return message;
  } catch {
    // not JSON: use the text itself
  }
  return raw.length > MAX_RAW_ERROR_CHARS ? `${raw.slice(0, MAX_RAW_ERROR_CHARS)}…` : raw;
}
