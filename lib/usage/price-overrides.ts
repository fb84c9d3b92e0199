// In-memory cache of the admin price overrides (ModelPrice rows) used by the tracing writer.
// Reloaded at most every PRICE_CACHE_MS, and at once in this process after an admin change
// (`invalidatePriceCache()`, called by the price service). Other processes pick a change up within
// PRICE_CACHE_MS. Resolved prices are memoised per provider/model for the snapshot's lifetime.

import type { Db } from "../db";
import { costFor, resolvePrice, type Cost, type PriceOverride, type ResolvedPrice, type TokenUsage } from "./prices";

export const PRICE_CACHE_MS = 30_000;

export class PriceSnapshot {
  readonly #memo = new Map<string, ResolvedPrice | null>();

  constructor(readonly overrides: readonly PriceOverride[]) {}

  price(provider: string, model: string): ResolvedPrice | null {
    const key = `${provider}\u0000${model}`;
    let p = this.#memo.get(key);
    if (p === undefined) {
      p = resolvePrice(provider, model, this.overrides);
      this.#memo.set(key, p);
    }
    return p;
  }

  /** Cost of a call, or null when the model has no known price. */
  cost(provider: string, model: string, usage: TokenUsage): Cost | null {
    const p = this.price(provider, model);
    return p ? costFor(p, usage) : null;
  }
}

interface CacheEntry {
  snapshot: PriceSnapshot;
  loadedAt: number;
  generation: number;
}

interface PriceCacheState {
  generation: number;
  entries: WeakMap<object, CacheEntry>;
  loading: WeakMap<object, Promise<PriceSnapshot>>;
}

// On globalThis: the price API route (one Next bundle) must invalidate the cache the writer (another
// bundle, or the production server) reads.
const KEY = Symbol.for("gatehouse.usage.priceCache");

function state(): PriceCacheState {
  const g = globalThis as { [KEY]?: PriceCacheState };
  return (g[KEY] ??= { generation: 0, entries: new WeakMap(), loading: new WeakMap() });
}

const INVALIDATED = Symbol.for("gatehouse.usage.priceInvalidated");
type InvalidatedHolder = { [INVALIDATED]?: () => void };

export function invalidatePriceCache(): void {
  state().generation++;
  (globalThis as InvalidatedHolder)[INVALIDATED]?.();
}

/** Also called on every invalidation (the trace-writer worker keeps its own cache); null unsets. */
export function onPriceCacheInvalidated(hook: (() => void) | null): void {
  (globalThis as InvalidatedHolder)[INVALIDATED] = hook ?? undefined;
}

export function toPriceOverride(row: {
  id: string;
  provider: string;
  modelPattern: string;
  inputPerMillion: number;
  outputPerMillion: number;
  cacheReadPerMillion: number | null;
  cacheWritePerMillion: number | null;
  source: string;
}): PriceOverride {
  return {
    id: row.id,
    provider: row.provider,
    modelPattern: row.modelPattern,
    source: row.source,
    input: row.inputPerMillion,
    output: row.outputPerMillion,
    cacheRead: row.cacheReadPerMillion ?? undefined,
    cacheWrite: row.cacheWritePerMillion ?? undefined,
  };
}

/** The current prices for `db` (cached; a failed load rejects and is retried on the next call). */
export async function priceSnapshot(db: Db): Promise<PriceSnapshot> {
  const s = state();
  const cached = s.entries.get(db);
  if (cached && cached.generation === s.generation && Date.now() - cached.loadedAt < PRICE_CACHE_MS) {
    return cached.snapshot;
  }
  let pending = s.loading.get(db);
  if (!pending) {
    const generation = s.generation;
    pending = db.modelPrice
      .findMany({ orderBy: { id: "asc" } })
      .then((rows) => {
        const snapshot = new PriceSnapshot(rows.map(toPriceOverride));
        s.entries.set(db, { snapshot, loadedAt: Date.now(), generation });
        return snapshot;
      })
      .finally(() => s.loading.delete(db));
    s.loading.set(db, pending);
  }
  return pending;
}
