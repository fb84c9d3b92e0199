// The default snapshot source: team tokens, endpoints and decrypted secrets from the database,
// change notifications from config-version (in-process) and its version row (other processes).

import { getDb } from "../db";
import { loadDecryptedSecrets } from "../secrets/service";
import type { ProviderId } from "../providers/types";
import { currentConfigVersion, onConfigChanged } from "./config-version";
import type { EndpointConfig, GatewayConfig, TokenConfig } from "./snapshot-build";
import type { SnapshotSource } from "./snapshot";

export async function loadGatewayConfig(): Promise<GatewayConfig> {
  const db = getDb();
  // Version first: a change committed while loading bumps it again, so the next poll reloads.
  const version = await currentConfigVersion(db);
  const [tokens, endpoints, secrets] = await Promise.all([
    db.apiToken.findMany({
      where: { kind: "team" },
      select: { id: true, teamId: true, hash: true, endpoints: true, expiresAt: true, revokedAt: true },
    }),
    db.endpoint.findMany({ include: { models: true } }),
    loadDecryptedSecrets(db),
  ]);
  // Tokens store the ids of the endpoints they may call; the snapshot matches requests by name, so
  // resolve them to the current names here (an id whose endpoint is gone matches nothing).
  const endpointNames = new Map(endpoints.map((e) => [e.id, e.name]));
  const allowedNames = (ids: unknown): string[] | null =>
    Array.isArray(ids) ? (ids as string[]).flatMap((id) => endpointNames.get(id) ?? []) : null;
  return {
    version,
    tokens: tokens.map(
      (t): TokenConfig => ({
        id: t.id,
        teamId: t.teamId,
        hash: t.hash,
        endpoints: allowedNames(t.endpoints),
        expiresAt: t.expiresAt,
        revokedAt: t.revokedAt,
      }),
    ),
    endpoints: endpoints.map(
      (e): EndpointConfig => ({
        id: e.id,
        name: e.name,
        kind: e.kind === "embeddings" ? "embeddings" : "chat",
        maxAttempts: e.maxAttempts,
        timeoutMs: e.timeoutMs,
        usageTracking: e.usageTracking,
        capturePayloads: e.capturePayloads,
        fallbackOn: Array.isArray(e.fallbackOn) ? (e.fallbackOn as number[]) : null,
        createdAt: e.createdAt,
        models: e.models.map((m) => {
          const secret = secrets.get(m.secretId);
          const unavailable =
            secret === undefined
              ? `Secret '${m.secretId}' of this target no longer exists`
              : secret.error !== undefined
                ? `Secret '${secret.name}' cannot be decrypted: ${secret.error}`
                : undefined;
          return {
            id: m.id,
            provider: m.provider as ProviderId,
            model: m.model,
            weight: m.weight,
            fallbackOrder: m.fallbackOrder,
            position: m.position,
            credentials: secret?.credentials ?? {},
            config: secret?.config ?? {},
            unavailable,
          };
        }),
      }),
    ),
  };
}

export function dbSnapshotSource(): SnapshotSource {
  return {
    load: loadGatewayConfig,
    version: () => currentConfigVersion(getDb()),
    subscribe: (onChange) => onConfigChanged(() => onChange()),
    async touchTokens(ids, at) {
      await getDb().apiToken.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: at } });
    },
  };
}
