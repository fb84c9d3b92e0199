// Errors raised anywhere in the gateway core and providers. Rendered as OpenAI-style error JSON:
// { "error": { "message", "type", "code", "param" } } with a stable `type`/`code`.

export type GatewayErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "upstream_error"
  | "timeout_error"
  | "server_error";

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: GatewayErrorType,
    readonly code: string,
    readonly param: string | null = null,
    /** Extra fields merged into the error object, e.g. `attempts` when all targets failed. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "GatewayError";
  }

  toJSON() {
    return { error: { message: this.message, type: this.type, code: this.code, param: this.param, ...this.extra } };
  }
}

/** A parameter the chosen provider cannot honour: 400 naming it, never silently dropped. */
export function unsupportedParam(param: string, provider: string, detail?: string): GatewayError {
  return new GatewayError(
    400,
    `Parameter '${param}' is not supported by provider '${provider}'${detail ? `: ${detail}` : ""}.`,
    "invalid_request_error",
    "unsupported_parameter",
    param,
  );
}

export function invalidRequest(message: string, param: string | null = null, code = "invalid_request"): GatewayError {
  return new GatewayError(400, message, "invalid_request_error", code, param);
}
