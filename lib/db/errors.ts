// Database errors worth telling apart, without importing the clients (lib/api/errors.ts uses it).

/** A transaction the database aborted because a concurrent one conflicted with it (PostgreSQL
 * serialization failure 40001, SQLite busy): retrying it is the fix. Prisma reports it as P2034,
 * or — when it surfaces at COMMIT — as the driver adapter's TransactionWriteConflict. */
export function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; cause?: { kind?: unknown; originalCode?: unknown } } | null;
  if (!e) return false;
  if (e.code === "P2034") return true;
  return e.name === "DriverAdapterError" && (e.cause?.kind === "TransactionWriteConflict" || e.cause?.originalCode === "40001");
}
