// The Prices page's search (`?provider=&q=`): which built-in entries and admin overrides to show.
// Pure, so the page filters on the server and the form needs no JavaScript.
//
// `q` matches a model pattern when the pattern contains it (case-insensitive) or when the pattern,
// as a glob, matches `q` taken as a model id: searching "gpt-4o-mini-2024-07-18" shows the
// `gpt-4o-mini*` row that prices it. `provider` keeps the entries that apply to that provider (an
// override for "Any provider" applies to all of them); an unknown provider is ignored.

import { PROVIDERS } from "../providers/types";
import { normalizeModelId, patternMatches } from "./prices";
import type { PriceEntry } from "./prices-table";

export interface PriceSearch {
  /** A provider id, or "" for every provider. */
  provider: string;
  /** The text typed in the search box, trimmed; "" for every model. */
  q: string;
}

type Params = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

/** The search in a page's query params (a missing, repeated or unknown value is ignored). */
export function parsePriceSearch(params: Params): PriceSearch {
  const provider = first(params.provider);
  return {
    provider: (PROVIDERS as readonly string[]).includes(provider) ? provider : "",
    q: first(params.q).slice(0, 200),
  };
}

export function isPriceSearchActive(search: PriceSearch): boolean {
  return search.provider !== "" || search.q !== "";
}

function textMatches(pattern: string, providers: readonly string[], q: string): boolean {
  if (q === "") return true;
  const needle = q.toLowerCase();
  if (pattern.toLowerCase().includes(needle)) return true;
  return providers.some((p) => patternMatches(pattern, normalizeModelId(p, needle)));
}

export function filterBuiltinPrices(entries: readonly PriceEntry[], search: PriceSearch): PriceEntry[] {
  return entries.filter((e) => {
    const providers = e.providers as readonly string[];
    if (search.provider && !providers.includes(search.provider)) return false;
    return textMatches(e.pattern, search.provider ? [search.provider] : providers, search.q);
  });
}

export function filterPriceOverrides<T extends { provider: string; modelPattern: string }>(overrides: readonly T[], search: PriceSearch): T[] {
  return overrides.filter((o) => {
    if (search.provider && o.provider !== search.provider && o.provider !== "*") return false;
    const providers = search.provider ? [search.provider] : o.provider === "*" ? PROVIDERS : [o.provider];
    return textMatches(o.modelPattern, providers, search.q);
  });
}
