// Team-token authentication and endpoint authorisation, served from the snapshot.

import { TOKEN_PREFIXES } from "../auth/tokens";
import { GatewayError } from "./errors";
import { hashToken, type Snapshot, type SnapshotEndpoint, type SnapshotToken } from "./snapshot-build";
import { markTokenUsed } from "./snapshot";
import { header, type GatewayHeaders } from "./types";

/** Only valid tokens are cached, so the bound only matters with very many distinct callers. */
const TOKEN_CACHE_MAX = 10_000;

function unauthorized(message: string, code: string): GatewayError {
  return new GatewayError(401, message, "authentication_error", code);
}

/** The caller's team token from `Authorization: Bearer <token>` or `x-api-key`. */
export function authenticate(headers: GatewayHeaders, snapshot: Snapshot): SnapshotToken {
  let raw: string | undefined;
  const authz = header(headers, "authorization");
  if (authz !== undefined) {
    if (authz.length > 7 && authz.slice(0, 7).toLowerCase() === "bearer ") raw = authz.slice(7).trim();
  } else {
    raw = header(headers, "x-api-key")?.trim();
  }
  if (!raw) {
    throw unauthorized(
      "Missing API key: send a team token as 'Authorization: Bearer <token>' or 'x-api-key'.",
      "missing_api_key",
    );
  }
  let token = snapshot.tokenCache.get(raw);
  if (token === undefined) {
    token = snapshot.tokens.get(hashToken(raw));
    if (token === undefined) throw unauthorized(invalidKeyMessage(raw), "invalid_api_key");
    if (snapshot.tokenCache.size >= TOKEN_CACHE_MAX) snapshot.tokenCache.clear();
    snapshot.tokenCache.set(raw, token);
  }
  if (token.revokedAt !== null) throw unauthorized("This API key has been revoked.", "revoked_api_key");
  if (token.expiresAt !== null && token.expiresAt <= Date.now()) {
    throw unauthorized("This API key has expired.", "expired_api_key");
  }
  markTokenUsed(token.id);
  return token;
}

/** "Invalid API key.", with a hint when the key is an admin API token (the snapshot holds team tokens
 * only, so an admin token is never found; its prefix tells what it claims to be). */
function invalidKeyMessage(raw: string): string {
  if (!raw.startsWith(TOKEN_PREFIXES.admin)) return "Invalid API key.";
  return (
    `Invalid API key: admin API tokens (${TOKEN_PREFIXES.admin}…) are for the admin API (/api/v1) and cannot call the gateway. ` +
    `Use a team token (${TOKEN_PREFIXES.team}…), created on a team's page or with POST /api/v1/teams/{id}/tokens.`
  );
}

/** The endpoint named by the request, if it exists and this token may use it. */
export function authorizeEndpoint(snapshot: Snapshot, token: SnapshotToken, name: string): SnapshotEndpoint {
  const endpoint = snapshot.endpoints.get(name);
  if (endpoint === undefined) {
    throw new GatewayError(
      404,
      `The model '${name}' does not exist. GET /gateway/mlflow/v1/models lists the endpoints this API key may use.`,
      "not_found_error",
      "model_not_found",
      "model",
    );
  }
  if (token.endpoints !== null && !token.endpoints.has(name)) {
    throw new GatewayError(
      403,
      `This API key is not allowed to use the model '${name}'.`,
      "permission_error",
      "model_not_allowed",
      "model",
    );
  }
  return endpoint;
}
