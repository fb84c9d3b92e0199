// How a credential is shown once stored: enough to recognise it, never enough to use it.

/** Keys shorter than this are fully masked (showing 7 characters of a short key gives too much away). */
export const MIN_PARTIAL_LENGTH = 12;
export const FULL_MASK = "********";

/** `sk-proj-abc…a1b2` → `sk-...a1b2`: the first 3 characters, `...`, the last 4. */
export function maskKey(key: string): string {
  const k = key.trim();
  if (k.length < MIN_PARTIAL_LENGTH) return FULL_MASK;
  return `${k.slice(0, 3)}...${k.slice(-4)}`;
}
