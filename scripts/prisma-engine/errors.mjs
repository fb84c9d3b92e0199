// Error shapes of the native schema engine, as the Prisma CLI parses them.

/** A user-facing error with a Prisma error code (P1001, P1003, ...). */
export class EngineCliError extends Error {
  constructor(code, message, meta = null) {
    super(message);
    this.name = "EngineCliError";
    this.code = code;
    this.meta = meta;
  }
}

/** One stderr log line in the engine's tracing format (the CLI parses each line as JSON). */
export function logLine(level, fields, target = "schema_engine::logger") {
  return `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`;
}

/** JSON-RPC error object for a failed engine call (code 4466 is what the native engine uses). */
export function rpcError(error, { isPanic = false } = {}) {
  const message = error instanceof Error ? error.message : String(error);
  const errorCode = typeof error?.code === "string" && /^P\d{4}$/.test(error.code) ? error.code : undefined;
  return {
    code: 4466,
    message: isPanic ? message : "An error happened. Check the data field for details.",
    data: {
      is_panic: isPanic,
      message,
      meta: error?.meta ?? null,
      ...(errorCode ? { error_code: errorCode } : {}),
    },
  };
}

