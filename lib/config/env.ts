// Environment parsing shared by the settings modules (gateway, tracing).

/** A positive integer from `process.env[name]`; `fallback` when unset or empty; throws (naming the
 * variable) on anything else, so a typo stops the server at start instead of being ignored. */
export function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return n;
}
