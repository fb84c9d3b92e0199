// Gateway-made errors in the shape of the API the client is calling, so its SDK raises the error it
// knows: OpenAI's (our own: {"error": {"message", "type", "code", "param"}}) on the unified API and
// /gateway/openai; Anthropic's (the same object under a top-level "type": "error") on
// /gateway/anthropic; Google's on /gateway/gemini ({"error": {"code": <HTTP status>, "message",
// "status": <google.rpc.Code name>, "details": [ErrorInfo]}}), our stable code as the ErrorInfo's
// `reason`. A provider error relayed as-is keeps the provider's own body.

import type { GatewayError } from "../errors";
import type { Exchange } from "../exchange";
import { NativeUpstreamError } from "./upstream-error";

/** HTTP status → google.rpc.Code name (google/rpc/code.proto's HTTP mapping). */
const RPC_STATUS: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  413: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function googleRpcStatus(httpStatus: number): string {
  return RPC_STATUS[httpStatus] ?? (httpStatus >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
}

const ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

/** A gateway error as Google APIs answer errors. ErrorInfo's `metadata` is a string map: our error
 * type, `param` and the scalar extras (e.g. provider, upstream_status, allow). */
export function geminiErrorBody(error: GatewayError): unknown {
  const metadata: Record<string, string> = { type: error.type };
  if (error.param !== null) metadata.param = error.param;
  const extra = error.extra;
  if (extra !== undefined) {
    for (const key in extra) {
      const value = extra[key];
      if (typeof value === "string" || typeof value === "number") metadata[key] = String(value);
    }
  }
  return {
    error: {
      code: error.status,
      message: error.message,
      status: googleRpcStatus(error.status),
      details: [{ "@type": ERROR_INFO, reason: error.code, domain: "gatehouse", metadata }],
    },
  };
}

const FORMAT_PREFIXES = ["/gateway/anthropic/", "/gateway/openai/", "/gateway/gemini/"];

/** The passthrough format whose API the request called: the matched route's, or for a path under
 * /gateway/<format>/ that matched no route, the prefix's (never the core's invocations route, which
 * was matched). */
function formatOf(ex: Exchange, error: GatewayError): string | null {
  if (ex.route.startsWith("passthrough-")) return ex.route.slice("passthrough-".length);
  if (error.code !== "route_not_found") return null;
  const path = ex.req.path;
  for (const prefix of FORMAT_PREFIXES) {
    if (path.startsWith(prefix)) return prefix.slice("/gateway/".length, -1);
  }
  return null;
}

/** The JSON body of an error response. */
export function errorBody(ex: Exchange, error: GatewayError): unknown {
  const format = formatOf(ex, error);
  if (format === "anthropic") return { type: "error", ...error.toJSON() };
  if (format === "gemini" && !(error instanceof NativeUpstreamError && error.native !== undefined)) return geminiErrorBody(error);
  return error.toJSON();
}
