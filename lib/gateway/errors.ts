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
  /** The full story for the trace and the server log, when `message` (what the caller reads) leaves
   * out gateway internals: secret names and ids, key fingerprints, operator instructions, internal
   * upstream addresses. null: the message is the whole story. */
  detail: string | null = null;

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

  /** Sets `detail` (see there); returns this error. */
  withDetail(detail: string | null): this {
    this.detail = detail;
    return this;
  }

  /** What the trace records: the detail when there is one, else the message. */
  get traceMessage(): string {
    return this.detail ?? this.message;
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
