// The in-memory configuration the gateway serves from: built once per config version from plain
// data (loaded from the DB, or handed in by tests/bench), with per-endpoint routing tables
// precomputed so a request only draws a random number and indexes an array.

import { createHash } from "node:crypto";
import { getAdapter } from "../providers/registry";
import { DEFAULT_FALLBACK_STATUSES } from "./fallback-statuses";
import type { ProviderAdapter, ProviderConfig, ProviderCredentials, ProviderId, Target } from "../providers/types";

// ---- input: plain data -------------------------------------------------------------------------

export interface TokenConfig {
  id: string;
  teamId: string | null;
  /** SHA-256 hex of the token (what the DB stores). */
  hash: string;
  /** Endpoint names this token may call; null = all. */
  endpoints: string[] | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface EndpointModelConfig {
  id: string;
  provider: ProviderId;
  model: string;
  weight: number;
  fallbackOrder: number | null;
  position: number;
  credentials: ProviderCredentials;
  config: ProviderConfig;
  /** Set when the target cannot be called (e.g. its secret failed to decrypt). */
  unavailable?: string;
}

export interface EndpointConfig {
  id: string;
  name: string;
  kind: "chat" | "embeddings";
  maxAttempts: number;
  timeoutMs: number;
  usageTracking: boolean;
  capturePayloads: boolean;
  /** null = DEFAULT_FALLBACK_STATUSES */
  fallbackOn: number[] | null;
  createdAt: Date;
  models: EndpointModelConfig[];
}

export interface GatewayConfig {
  version: number;
  tokens: TokenConfig[];
  endpoints: EndpointConfig[];
}

// ---- output: the snapshot ----------------------------------------------------------------------

export interface SnapshotToken {
  id: string;
  teamId: string | null;
  endpoints: ReadonlySet<string> | null;
  /** epoch ms; null = never */
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface RoutedTarget extends Target {
  /** EndpointModel id */
  id: string;
  /** undefined when the target cannot be called; `unavailable` says why. */
  adapter: ProviderAdapter | undefined;
  unavailable: string | null;
}

export interface SnapshotEndpoint {
  id: string;
  name: string;
  kind: "chat" | "embeddings";
  maxAttempts: number;
  timeoutMs: number;
  usageTracking: boolean;
  capturePayloads: boolean;
  fallbackOn: ReadonlySet<number>;
  created: number;
  /** Cumulative weights of the primary targets, for the weighted draw. */
  cumulativeWeights: number[];
  totalWeight: number;
  /** Attempt order when primary i is drawn: [primary i, fallback chain..., other primaries...]. */
  orders: RoutedTarget[][];
  /** Attempt order when the endpoint has no primary (weight > 0) target: the fallback chain. */
  defaultOrder: RoutedTarget[];
}

export interface Snapshot {
  version: number;
  /** By SHA-256 hex of the token. */
  tokens: ReadonlyMap<string, SnapshotToken>;
  endpoints: ReadonlyMap<string, SnapshotEndpoint>;
  /** Presented token → its entry, filled on successful lookups so repeat callers skip the hash.
   * Lives and dies with this snapshot (a config change starts a new one). */
  tokenCache: Map<string, SnapshotToken>;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function buildSnapshot(config: GatewayConfig): Snapshot {
  const tokens = new Map<string, SnapshotToken>();
  for (const t of config.tokens) {
    tokens.set(t.hash, {
      id: t.id,
      teamId: t.teamId,
      endpoints: t.endpoints ? new Set(t.endpoints) : null,
      expiresAt: t.expiresAt ? t.expiresAt.getTime() : null,
      revokedAt: t.revokedAt ? t.revokedAt.getTime() : null,
    });
  }
  const endpoints = new Map<string, SnapshotEndpoint>();
  for (const e of config.endpoints) endpoints.set(e.name, buildEndpoint(e));
  return { version: config.version, tokens, endpoints, tokenCache: new Map() };
}

function buildEndpoint(e: EndpointConfig): SnapshotEndpoint {
  const models = [...e.models].sort((a, b) => a.position - b.position);
  const toTarget = (m: EndpointModelConfig): RoutedTarget => {
    const adapter = getAdapter(m.provider);
    const unavailable =
      m.unavailable ?? (adapter === undefined ? `Provider '${m.provider}' is not available in this Gatehouse build` : null);
    return {
      id: m.id,
      provider: m.provider,
      model: m.model,
      credentials: m.credentials,
      config: m.config ?? {},
      adapter: unavailable === null ? adapter : undefined,
      unavailable,
    };
  };
  const targets = new Map(models.map((m) => [m.id, toTarget(m)]));
  const primaries = models.filter((m) => m.weight > 0);
  const chain = models
    .filter((m) => m.fallbackOrder !== null)
    .sort((a, b) => (a.fallbackOrder as number) - (b.fallbackOrder as number));

  const orderFor = (first: EndpointModelConfig | null): RoutedTarget[] => {
    const seen = new Set<string>();
    const order: RoutedTarget[] = [];
    for (const m of [...(first ? [first] : []), ...chain, ...primaries]) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      order.push(targets.get(m.id) as RoutedTarget);
    }
    return order;
  };

  let total = 0;
  const cumulativeWeights = primaries.map((m) => (total += m.weight));
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    maxAttempts: Math.max(1, e.maxAttempts),
    timeoutMs: e.timeoutMs,
    usageTracking: e.usageTracking,
    capturePayloads: e.capturePayloads,
    fallbackOn: new Set(e.fallbackOn ?? DEFAULT_FALLBACK_STATUSES),
    created: Math.floor(e.createdAt.getTime() / 1000),
    cumulativeWeights,
    totalWeight: total,
    orders: primaries.map((p) => orderFor(p)),
    defaultOrder: orderFor(null),
  };
}

/** The attempt order restricted to targets `accepts` takes: a weighted draw over the accepted
 * primaries alone (so their split keeps its proportions when other providers' models share the
 * endpoint), then the rest of that order that `accepts` takes. */
export function pickOrderAmong(endpoint: SnapshotEndpoint, accepts: (t: RoutedTarget) => boolean): RoutedTarget[] {
  const weights = endpoint.cumulativeWeights;
  let total = 0;
  let drawn: RoutedTarget[] | null = null;
  // One pass of weighted reservoir choice over the accepted primaries (no per-call arrays).
  for (let i = 0; i < weights.length; i++) {
    const order = endpoint.orders[i];
    if (!accepts(order[0])) continue;
    const w = weights[i] - (i === 0 ? 0 : weights[i - 1]);
    total += w;
    if (Math.random() * total < w) drawn = order;
  }
  return (drawn ?? endpoint.defaultOrder).filter(accepts);
}

/** The attempt order for one request: a weighted draw over the primaries. */
export function pickOrder(endpoint: SnapshotEndpoint): RoutedTarget[] {
  const weights = endpoint.cumulativeWeights;
  if (weights.length === 0) return endpoint.defaultOrder;
  if (weights.length === 1) return endpoint.orders[0];
  const r = Math.random() * endpoint.totalWeight;
  for (let i = 0; i < weights.length; i++) if (r < weights[i]) return endpoint.orders[i];
  return endpoint.orders[weights.length - 1];
}
