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
}

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
