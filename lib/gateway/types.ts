// The gateway core's transport-neutral request/response: the Next route handler and the production
// node:http server both adapt to these, so the core never imports Next or node:http.

export type GatewayHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface GatewayRequest {
  method: string;
  /** e.g. "/gateway/mlflow/v1/chat/completions" (no query string) */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names (node:http's `req.headers` qualifies as-is). */
  headers: GatewayHeaders;
  body: AsyncIterable<Uint8Array> | null;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /** Optional, for adapters that see their client go away without building an AbortSignal per
   * request (node:http): the core puts the buffered upstream call in flight here and the adapter
   * cancels it on disconnect (`disconnected` stays true afterwards, so no fallback attempt starts). */
  inflight?: Cancelable | null;
  readonly disconnected?: boolean;
}

/** Something the adapter can cancel when its client goes away. */
export interface Cancelable {
  cancel(reason: Error): void;
}

/** The error a cancelled call fails with when its client went away. */
export function clientGoneError(): Error {
  return Object.assign(new Error("client disconnected"), { code: CLIENT_GONE });
}
export const CLIENT_GONE = "GATEHOUSE_CLIENT_GONE";

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string | AsyncIterable<Uint8Array> | null;
}

/** A header's value as one string (first value when repeated). */
export function header(headers: GatewayHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === "string" ? v : v?.[0];
}
