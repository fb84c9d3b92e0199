// Canonical form of an endpoint's model list: weights as integer percentages of primary traffic
// (summing to 100) and fallback positions renumbered 0..n-1 in the order given.

import { effectiveWeight, type EndpointModelInput } from "./schemas";

export const WEIGHT_TOTAL = 100;

/** Largest-remainder apportionment of `total` over the positive weights; every positive weight
 * keeps at least 1 (so a tiny weight never silently turns a model into fallback-only). */
export function normaliseWeights(weights: number[], total = WEIGHT_TOTAL): number[] {
  const sum = weights.reduce((a, w) => a + (w > 0 ? w : 0), 0);
  if (sum <= 0) throw new Error("normaliseWeights: at least one weight must be > 0");
  const positive = weights.filter((w) => w > 0).length;
  if (positive > total) throw new Error(`normaliseWeights: more than ${total} weighted models`);
  const exact = weights.map((w) => (w > 0 ? (w / sum) * total : 0));
  const out = exact.map((x, i) => (weights[i] > 0 ? Math.max(1, Math.floor(x)) : 0));
  let diff = total - out.reduce((a, b) => a + b, 0);
  // Hand out (or take back) single units by fractional part, ties to the earlier model.
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .filter(({ i }) => weights[i] > 0)
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; diff > 0; k = (k + 1) % order.length, diff--) out[order[k].i]++;
  for (let k = order.length - 1; diff < 0; k = (k - 1 + order.length) % order.length) {
    if (out[order[k].i] > 1) {
      out[order[k].i]--;
      diff++;
    }
  }
  return out;
}

/** Fallback positions renumbered 0..n-1, keeping their relative order; null stays null. */
export function normaliseFallbackOrders(orders: (number | null | undefined)[]): (number | null)[] {
  const ranked = orders
    .map((o, i) => ({ o, i }))
    .filter((x): x is { o: number; i: number } => x.o != null)
    .sort((a, b) => a.o - b.o || a.i - b.i);
  const out: (number | null)[] = orders.map(() => null);
  ranked.forEach(({ i }, rank) => (out[i] = rank));
  return out;
}

export interface NormalisedModel {
  provider: string;
  model: string;
  secretId: string;
  weight: number;
  fallbackOrder: number | null;
  position: number;
}

export function normaliseModels(models: EndpointModelInput[]): NormalisedModel[] {
  const weights = normaliseWeights(models.map(effectiveWeight));
  const fallbackOrders = normaliseFallbackOrders(models.map((m) => m.fallbackOrder));
  return models.map((m, position) => ({
    provider: m.provider,
    model: m.model.trim(),
    secretId: m.secretId,
    weight: weights[position],
    fallbackOrder: fallbackOrders[position],
    position,
  }));
}
