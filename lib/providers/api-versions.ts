// The API version each adapter sends unless the secret's `config.apiVersion` sets one. A module of
// its own (no adapter code) so the console's provider-key form can show them as placeholders.

/** Azure OpenAI `api-version`: GA version with stream_options.include_usage, json_schema and
 * parallel tool calls. */
export const AZURE_DEFAULT_API_VERSION = "2024-10-21";

/** Anthropic `anthropic-version`: 2023-06-01 (x-api-key auth) keeps temperature/top_p, which
 * version 2026-10-21 removed. */
export const DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

/** Gemini API path version: v1beta carries every feature the adapter uses (e.g. "v1" also works). */
export const GEMINI_DEFAULT_API_VERSION = "v1beta";
