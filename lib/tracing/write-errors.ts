// Which database errors a retry can fix. Everything is retried (connection lost, database locked,
// pool exhausted, transaction timeout, write conflict, even a missing table — an unmigrated
// database gets fixed by a deploy) except errors caused by the data itself, which would fail
// forever and block the queue: those records are isolated and rejected one by one (TraceWriter).

/** Driver adapter error kinds (@prisma/driver-adapter-utils MappedError) caused by the values. */
const DATA_ERROR_KINDS = new Set([
  "LengthMismatch",
  "NullConstraintViolation",
  "ForeignKeyConstraintViolation",
  "RestrictViolation",
  "ValueOutOfRange",
  "InvalidInputValue",
  "InconsistentColumnData",
]);

/** SQLite primary result codes caused by the values: TOOBIG, CONSTRAINT, MISMATCH. */
const SQLITE_DATA_CODES = new Set([18, 19, 20]);

/** Prisma query-engine codes caused by the values (errors of non-raw queries). */
const PRISMA_DATA_CODES = new Set(["P2000", "P2002", "P2003", "P2005", "P2006", "P2007", "P2011", "P2012", "P2019", "P2020", "P2023", "P2033"]);

interface AdapterCause {
  kind?: string;
  table?: string;
  code?: string;
  extendedCode?: number;
}

interface PrismaLikeError {
  name?: unknown;
  code?: unknown;
  meta?: { modelName?: unknown; driverAdapterError?: { cause?: AdapterCause } };
}

/** better-sqlite3's errors (the direct SQLite store): extended result code names. */
const SQLITE_DATA_ERROR = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)/;

export function isDataError(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as PrismaLikeError;
  if (e.name === "SqliteError") return typeof e.code === "string" && SQLITE_DATA_ERROR.test(e.code);
  // node-postgres (the direct PostgreSQL store): a server error carries severity and SQLSTATE;
  // class 22 = data exception, 23 = integrity constraint violation.
  if (typeof (err as { severity?: unknown }).severity === "string" && typeof e.code === "string") return /^2[23]/.test(e.code);
  if (e.name === "PrismaClientValidationError") return true;
  if (e.name !== "PrismaClientKnownRequestError") return false;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause?.kind) {
    // A duplicate trace id can never be written. On UsageRollup it is two writers racing to
    // insert the same row: retry.
    if (cause.kind === "UniqueConstraintViolation") return cause.table !== "UsageRollup";
    if (DATA_ERROR_KINDS.has(cause.kind)) return true;
    // SQLSTATE class 22 = data exception, 23 = integrity constraint violation.
    if (cause.kind === "postgres") return /^2[23]/.test(cause.code ?? "");
    if (cause.kind === "sqlite") return SQLITE_DATA_CODES.has((cause.extendedCode ?? 0) & 0xff);
    return false;
  }
  if (typeof e.code !== "string") return false;
  if (e.code === "P2002") return e.meta?.modelName !== "UsageRollup";
  return PRISMA_DATA_CODES.has(e.code);
}

/** A short, single-line message for logs and the health endpoint; credentials in URLs redacted. */
export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message.trim().split("\n").slice(-3).join(" ") : String(err);
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, "$1***@").slice(0, 500);
}
