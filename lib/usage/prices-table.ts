// Built-in list prices in USD per 1M tokens, from each provider's public pricing page.
// Admins override or extend them in the console / `POST /api/v1/prices` (ModelPrice rows win).
//
// Matching (lib/usage/prices.ts): an entry applies to the providers it names; `pattern` is a glob
// (`*` = any characters) matched against the whole, lower-cased model id; among matching entries
// the one with the most literal characters wins (an exact id beats every glob), so
// `gpt-4o-mini*` beats `gpt-4o*` for `gpt-4o-mini-2024-07-18`.
// Bedrock ids are normalised first: an inference-profile ARN is reduced to its last path segment
// and a cross-region prefix (`us.`, `eu.`, `apac.`, `global.`, …) is removed, so
// `us.anthropic.claude-sonnet-4-5-20250929-v1:0` matches `anthropic.claude-sonnet-4-5*`.
//
// `cacheRead` / `cacheWrite` absent = those tokens are billed at the input price (providers
// without a cache discount or surcharge). Anthropic cache writes use the 5-minute TTL price.
// `longContext` = the price tier for prompts above `aboveInputTokens` (the whole request is
// billed at the higher tier, as Anthropic and Google do).
// openai-compatible servers are self-hosted or third-party: no built-in prices (cost unknown
// until an admin adds one).

export const BUILTIN_PRICES_AS_OF = "2025-11-24";

export type PricedProvider = "openai" | "azure" | "anthropic" | "bedrock" | "gemini" | "cohere" | "mistral";

export interface TokenPrices {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export interface PriceEntry extends TokenPrices {
  providers: readonly PricedProvider[];
  pattern: string;
  longContext?: TokenPrices & { aboveInputTokens: number };
}

type Prices = Omit<PriceEntry, "providers" | "pattern">;

const OPENAI = ["openai", "azure"] as const;

function entries(providers: readonly PricedProvider[], table: Record<string, Prices>): PriceEntry[] {
  return Object.entries(table).map(([pattern, prices]) => ({ providers, pattern, ...prices }));
}

/** Claude prices are the same on Anthropic's API and on Bedrock (global / in-region endpoints). */
function claude(table: Record<string, Prices>): PriceEntry[] {
  return [
    ...entries(["anthropic"], table),
    ...entries(
      ["bedrock"],
      Object.fromEntries(Object.entries(table).map(([pattern, prices]) => [`anthropic.${pattern}`, prices])),
    ),
  ];
}

const SONNET_4 = {
  input: 3,
  output: 15,
  cacheWrite: 3.75,
  cacheRead: 0.3,
  longContext: { aboveInputTokens: 200_000, input: 6, output: 22.5, cacheWrite: 7.5, cacheRead: 0.6 },
} satisfies Prices;
const OPUS_4 = { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 } satisfies Prices;

export const BUILTIN_PRICES: readonly PriceEntry[] = [
  ...entries(OPENAI, {
    "gpt-5*": { input: 1.25, output: 10, cacheRead: 0.125 },
    "gpt-5-mini*": { input: 0.25, output: 2, cacheRead: 0.025 },
    "gpt-5-nano*": { input: 0.05, output: 0.4, cacheRead: 0.005 },
    "gpt-5-pro*": { input: 15, output: 120 },
    "gpt-5.1-codex-mini*": { input: 0.25, output: 2, cacheRead: 0.025 },
    "gpt-4.1*": { input: 2, output: 8, cacheRead: 0.5 },
    "gpt-4.1-mini*": { input: 0.4, output: 1.6, cacheRead: 0.1 },
    "gpt-4.1-nano*": { input: 0.1, output: 0.4, cacheRead: 0.025 },
    "gpt-4o*": { input: 2.5, output: 10, cacheRead: 1.25 },
    "gpt-4o-2024-05-13": { input: 5, output: 15 },
    "chatgpt-4o-latest": { input: 5, output: 15 },
    "gpt-4o-mini*": { input: 0.15, output: 0.6, cacheRead: 0.075 },
    "o1*": { input: 15, output: 60, cacheRead: 7.5 },
    "o1-mini*": { input: 1.1, output: 4.4, cacheRead: 0.55 },
    "o1-pro*": { input: 150, output: 600 },
    "o3*": { input: 2, output: 8, cacheRead: 0.5 },
    "o3-mini*": { input: 1.1, output: 4.4, cacheRead: 0.55 },
    "o3-pro*": { input: 20, output: 80 },
    "o4-mini*": { input: 1.1, output: 4.4, cacheRead: 0.275 },
    "gpt-4-turbo*": { input: 10, output: 30 },
    "gpt-4-0125-preview": { input: 10, output: 30 },
    "gpt-4-1106-preview": { input: 10, output: 30 },
    "gpt-4": { input: 30, output: 60 },
    "gpt-4-0613": { input: 30, output: 60 },
    "gpt-3.5-turbo*": { input: 0.5, output: 1.5 },
    "gpt-35-turbo*": { input: 0.5, output: 1.5 }, // Azure's spelling
    "text-embedding-3-small": { input: 0.02, output: 0 },
    "text-embedding-3-large": { input: 0.13, output: 0 },
    "text-embedding-ada-002": { input: 0.1, output: 0 },
  }),
  ...claude({
    "claude-opus-4-5*": { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
    "claude-opus-4-1*": OPUS_4,
    "claude-opus-4*": OPUS_4,
    "claude-sonnet-4-5*": SONNET_4,
    "claude-sonnet-4*": SONNET_4,
    "claude-haiku-4-5*": { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
    "claude-3-7-sonnet*": { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
    "claude-3-5-sonnet*": { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
    "claude-3-5-haiku*": { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 },
    "claude-3-opus*": OPUS_4,
    "claude-3-haiku*": { input: 0.25, output: 1.25, cacheWrite: 0.3, cacheRead: 0.03 },
  }),
  ...entries(["gemini"], {
    "gemini-3-pro*": {
      input: 2,
      output: 12,
      cacheRead: 0.2,
      longContext: { aboveInputTokens: 200_000, input: 4, output: 18, cacheRead: 0.4 },
    },
    "gemini-2.5-pro*": {
      input: 1.25,
      output: 10,
      cacheRead: 0.125,
      longContext: { aboveInputTokens: 200_000, input: 2.5, output: 15, cacheRead: 0.25 },
    },
    "gemini-2.5-flash*": { input: 0.3, output: 2.5, cacheRead: 0.03 },
    "gemini-2.5-flash-lite*": { input: 0.1, output: 0.4, cacheRead: 0.01 },
    "gemini-2.0-flash*": { input: 0.1, output: 0.4, cacheRead: 0.025 },
    "gemini-2.0-flash-lite*": { input: 0.075, output: 0.3 },
    "gemini-1.5-pro*": {
      input: 1.25,
      output: 5,
      cacheRead: 0.3125,
      longContext: { aboveInputTokens: 128_000, input: 2.5, output: 10, cacheRead: 0.625 },
    },
    "gemini-1.5-flash*": {
      input: 0.075,
      output: 0.3,
      cacheRead: 0.01875,
      longContext: { aboveInputTokens: 128_000, input: 0.15, output: 0.6, cacheRead: 0.0375 },
    },
    "gemini-1.5-flash-8b*": { input: 0.0375, output: 0.15, cacheRead: 0.01 },
    "gemini-embedding-001": { input: 0.15, output: 0 },
  }),
  ...entries(["bedrock"], {
    "amazon.nova-premier*": { input: 2.5, output: 12.5, cacheRead: 0.625 },
    "amazon.nova-pro*": { input: 0.8, output: 3.2, cacheRead: 0.2 },
    "amazon.nova-lite*": { input: 0.06, output: 0.24, cacheRead: 0.015 },
    "amazon.nova-micro*": { input: 0.035, output: 0.14, cacheRead: 0.00875 },
    "amazon.titan-embed-text-v2*": { input: 0.02, output: 0 },
    "meta.llama3-3-70b-instruct*": { input: 0.72, output: 0.72 },
    "meta.llama3-1-70b-instruct*": { input: 0.72, output: 0.72 },
    "meta.llama3-1-8b-instruct*": { input: 0.22, output: 0.22 },
    "meta.llama4-maverick-17b*": { input: 0.24, output: 0.97 },
    "meta.llama4-scout-17b*": { input: 0.17, output: 0.66 },
    "mistral.mistral-large-2402*": { input: 4, output: 12 },
    "deepseek.r1*": { input: 1.35, output: 5.4 },
    "cohere.command-r-plus*": { input: 3, output: 15 },
    "cohere.command-r-v1*": { input: 0.5, output: 1.5 },
    "cohere.embed-english-v3*": { input: 0.1, output: 0 },
    "cohere.embed-multilingual-v3*": { input: 0.1, output: 0 },
  }),
  ...entries(["cohere"], {
    "command-a*": { input: 2.5, output: 10 },
    "command-r-plus*": { input: 2.5, output: 10 },
    "command-r-plus-04-2024": { input: 3, output: 15 },
    "command-r*": { input: 0.15, output: 0.6 },
    "command-r7b*": { input: 0.0375, output: 0.15 },
    "embed-v4.0": { input: 0.12, output: 0 },
    "embed-english-v3.0": { input: 0.1, output: 0 },
    "embed-multilingual-v3.0": { input: 0.1, output: 0 },
    "embed-english-light-v3.0": { input: 0.1, output: 0 },
    "embed-multilingual-light-v3.0": { input: 0.1, output: 0 },
  }),
  ...entries(["mistral"], {
    "mistral-large*": { input: 2, output: 6 },
    "mistral-medium*": { input: 0.4, output: 2 },
    "mistral-small*": { input: 0.1, output: 0.3 },
    "magistral-medium*": { input: 2, output: 5 },
    "magistral-small*": { input: 0.5, output: 1.5 },
    "codestral*": { input: 0.3, output: 0.9 },
    "devstral-small*": { input: 0.1, output: 0.3 },
    "devstral-medium*": { input: 0.4, output: 2 },
    "ministral-8b*": { input: 0.1, output: 0.1 },
    "ministral-3b*": { input: 0.04, output: 0.04 },
    "open-mistral-nemo*": { input: 0.15, output: 0.15 },
    "pixtral-large*": { input: 2, output: 6 },
    "pixtral-12b*": { input: 0.15, output: 0.15 },
    "mistral-embed": { input: 0.1, output: 0 },
    "codestral-embed*": { input: 0.15, output: 0 },
  }),
];
