// Price lookup and cost computation. Pure and synchronous: admin overrides are passed in (the
// tracing writer takes them from the cache in ./price-overrides.ts), so a streamed and a
// non-streamed call with the same usage always cost the same — cost depends on nothing else.

import { BUILTIN_PRICES, BUILTIN_PRICES_AS_OF, type TokenPrices } from "./prices-table";

/** An admin price (a ModelPrice row). `provider` "*" applies to every provider. */
export interface PriceOverride extends TokenPrices {
  id: string;
  provider: string;
  modelPattern: string;
  source: string;
}

export interface ResolvedPrice extends TokenPrices {
  source: "builtin" | "override";
  /** The pattern that matched (for display: "priced as gpt-4o*"). */
  pattern: string;
  /** The override's id, or the built-in table's date. */
  ref: string;
  longContext?: TokenPrices & { aboveInputTokens: number };
}

/** Token counts with OpenAI semantics: `inputTokens` is the whole prompt, INCLUDING the cache-read
 * and cache-creation tokens, which are subsets of it. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number | null;
  cacheCreationTokens?: number | null;
}

export interface Cost {
  /** Prompt cost: uncached input + cache reads + cache writes. */
  inputCostUsd: number;
  outputCostUsd: number;
  costUsd: number;
}

const BEDROCK_REGION_PREFIX = /^(us|eu|apac|ap|global|us-gov|ca|jp|au|sa|me|af|mx)\./;

/** The id prices are matched against: lower-cased; Gemini's `models/` prefix and Bedrock's ARN
 * path and cross-region prefix removed. */
export function normalizeModelId(provider: string, model: string): string {
  let id = model.trim().toLowerCase();
  if (provider === "gemini") id = id.replace(/^models\//, "");
  if (provider === "bedrock") {
    if (id.startsWith("arn:")) id = id.slice(id.lastIndexOf("/") + 1);
    id = id.replace(BEDROCK_REGION_PREFIX, "");
  }
  return id;
}

interface CompiledPattern {
  /** The lower-cased pattern split at `*`: literal parts, the first and last anchored. */
  parts: string[];
  /** Literal characters; an exact id (no `*`) always wins over a glob. */
  specificity: number;
}

const compiled = new Map<string, CompiledPattern>();

function compile(pattern: string): CompiledPattern {
  const key = pattern.toLowerCase();
  let c = compiled.get(key);
  if (!c) {
    const literal = key.replace(/\*/g, "").length;
    c = { parts: key.split("*"), specificity: key.includes("*") ? literal : Number.MAX_SAFE_INTEGER };
    compiled.set(key, c);
  }
  return c;
}

/** Glob match without backtracking (a `.*` regex per `*` is exponential on patterns such as
 * `*a*a*a*…b`): the first part is a prefix, the last a suffix, and each part between is taken at
 * its leftmost place after the previous one, which finds a match whenever one exists. */
function globMatches({ parts }: CompiledPattern, text: string): boolean {
  const last = parts.length - 1;
  if (last === 0) return text === parts[0];
  const head = parts[0];
  const tail = parts[last];
  if (text.length < head.length + tail.length || !text.startsWith(head) || !text.endsWith(tail)) return false;
  let at = head.length;
  const end = text.length - tail.length;
  for (let i = 1; i < last; i++) {
    const found = text.indexOf(parts[i], at);
    if (found < 0 || found + parts[i].length > end) return false;
    at = found + parts[i].length;
  }
  return true;
}

export function patternMatches(pattern: string, normalizedModel: string): boolean {
  return globMatches(compile(pattern), normalizedModel);
}

/** Validation helper for admin input: patterns are globs of model-id characters and `*`. */
export function isValidModelPattern(pattern: string): boolean {
  return /^[A-Za-z0-9._:/@+-]*(\*[A-Za-z0-9._:/@+-]*)*$/.test(pattern) && pattern.replace(/\*/g, "").length > 0;
}

function mostSpecific<T>(candidates: T[], patternOf: (c: T) => string, model: string): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    const p = compile(patternOf(c));
    if (p.specificity > bestScore && globMatches(p, model)) {
      best = c;
      bestScore = p.specificity;
    }
  }
  return best;
}

/**
 * The price of `provider`/`model`: the most specific matching admin override (for this provider
 * or "*"), else the most specific built-in entry, else null (cost unknown).
 */
export function resolvePrice(
  provider: string,
  model: string,
  overrides: readonly PriceOverride[] = [],
): ResolvedPrice | null {
  const id = normalizeModelId(provider, model);
  const override = mostSpecific(
    overrides.filter((o) => o.provider === provider || o.provider === "*"),
    (o) => normalizeModelId(provider, o.modelPattern),
    id,
  );
  if (override) {
    const { input, output, cacheRead, cacheWrite } = override;
    return { source: "override", pattern: override.modelPattern, ref: override.id, input, output, cacheRead, cacheWrite };
  }
  const builtin = mostSpecific(
    BUILTIN_PRICES.filter((e) => (e.providers as readonly string[]).includes(provider)),
    (e) => e.pattern,
    id,
  );
  if (!builtin) return null;
  const { input, output, cacheRead, cacheWrite, longContext, pattern } = builtin;
  return { source: "builtin", pattern, ref: BUILTIN_PRICES_AS_OF, input, output, cacheRead, cacheWrite, longContext };
}

/** Cost of one call under a resolved price. */
export function costFor(price: TokenPrices & Pick<ResolvedPrice, "longContext">, usage: TokenUsage): Cost {
  const tier = price.longContext && usage.inputTokens > price.longContext.aboveInputTokens ? price.longContext : price;
  const cacheRead = Math.max(0, usage.cacheReadTokens ?? 0);
  const cacheWrite = Math.max(0, usage.cacheCreationTokens ?? 0);
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const inputCost =
    uncached * tier.input + cacheRead * (tier.cacheRead ?? tier.input) + cacheWrite * (tier.cacheWrite ?? tier.input);
  const outputCost = Math.max(0, usage.outputTokens) * tier.output;
  const inputCostUsd = round(inputCost / 1_000_000);
  const outputCostUsd = round(outputCost / 1_000_000);
  return { inputCostUsd, outputCostUsd, costUsd: round(inputCostUsd + outputCostUsd) };
}

/** Cost of a call, or null when the model has no known price (never 0 for "unknown"). */
export function computeCost(
  provider: string,
  model: string,
  usage: TokenUsage,
  overrides: readonly PriceOverride[] = [],
): Cost | null {
  const price = resolvePrice(provider, model, overrides);
  return price ? costFor(price, usage) : null;
}

/** Rounds to 1e-10 USD so float noise never shows up in sums. */
function round(usd: number): number {
  return Math.round(usd * 1e10) / 1e10;
}
