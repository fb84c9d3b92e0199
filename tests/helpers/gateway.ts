// Runs the gateway core behind the production node:http server (gateway only, no Next) on
// 127.0.0.1:<random>, with an in-memory configuration built from the helpers below.
//
//   const gw = await startGateway();
//   setGatewayConfig([teamToken(TOKEN)], [endpoint("chat", [target("openai", "gpt-4o", fake.baseUrl)])]);
//   const client = new OpenAI({ baseURL: gw.baseURL, apiKey: TOKEN, maxRetries: 0 });

import { hashToken, type EndpointConfig, type EndpointModelConfig, type TokenConfig } from "../../lib/gateway/snapshot-build";
import { useStaticConfig } from "../../lib/gateway/snapshot";
import type { ProviderConfig, ProviderId } from "../../lib/providers/types";
import { startServer } from "../../lib/server/server";

export const TEAM_TOKEN = "gth_testTeamToken000000000000000000000000000001";

export interface TestGateway {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The OpenAI SDK base URL: <url>/gateway/mlflow/v1 */
  baseURL: string;
  close(): Promise<void>;
}

export async function startGateway(): Promise<TestGateway> {
  const running = await startServer({ port: 0, hostname: "127.0.0.1", next: false, drainTimeoutMs: 2_000 });
  const url = `http://127.0.0.1:${running.port}`;
  return { url, baseURL: `${url}/gateway/mlflow/v1`, close: running.close };
}

let ids = 0;
const nextId = (prefix: string) => `${prefix}_${++ids}`;

export function teamToken(
  raw: string = TEAM_TOKEN,
  opts: { endpoints?: string[] | null; expiresAt?: Date | null; revokedAt?: Date | null; teamId?: string } = {},
): TokenConfig {
  return {
    id: nextId("tok"),
    teamId: opts.teamId ?? "team_test",
    hash: hashToken(raw),
    endpoints: opts.endpoints ?? null,
    expiresAt: opts.expiresAt ?? null,
    revokedAt: opts.revokedAt ?? null,
  };
}

export interface TargetOptions {
  apiKey?: string;
  weight?: number;
  fallbackOrder?: number | null;
  config?: ProviderConfig;
}

export function target(provider: ProviderId, model: string, baseUrl: string, opts: TargetOptions = {}): EndpointModelConfig {
  return {
    id: nextId("em"),
    provider,
    model,
    weight: opts.weight ?? (opts.fallbackOrder != null ? 0 : 1),
    fallbackOrder: opts.fallbackOrder ?? null,
    position: ids,
    credentials: { apiKey: opts.apiKey ?? "sk-test" },
    config: { baseUrl, ...opts.config },
  };
}

export function endpoint(name: string, models: EndpointModelConfig[], opts: Partial<Omit<EndpointConfig, "name" | "models">> = {}): EndpointConfig {
  return {
    id: nextId("ep"),
    name,
    kind: "chat",
    maxAttempts: 3,
    timeoutMs: 10_000,
    usageTracking: true,
    capturePayloads: true,
    fallbackOn: null,
    createdAt: new Date("2025-01-01T00:00:00Z"),
    ...opts,
    models,
  };
}

/** Replaces the gateway's configuration (served from memory). */
export function setGatewayConfig(tokens: TokenConfig[], endpoints: EndpointConfig[]): void {
  useStaticConfig({ version: ++ids, tokens, endpoints });
}

/** A trace record's payload as JSON: the gateway hands over text (the request as the client sent
 * it, the response as the client received it) or, for assembled streams, an object. */
export function payloadOf(value: unknown): any {
  return typeof value === "string" ? JSON.parse(value) : value;
}
