// Payload capture: the gateway hands over the request / response objects; they are serialised here
// (in the background writer, off the request path) and cut to the configured byte budget.

export interface CapturedPayload {
  /** JSON text (possibly cut, then no longer valid JSON); null when nothing was captured. */
  text: string | null;
  truncated: boolean;
}

/** Serialises `value` (strings are stored as they are) and cuts it to `maxBytes` UTF-8 bytes. */
export function capturePayload(value: unknown, maxBytes: number): CapturedPayload {
  if (value === undefined || value === null) return { text: null, truncated: false };
  let text: string;
  if (typeof value === "string") {
    text = value;
  } else {
    try {
      text = JSON.stringify(value);
    } catch (err) {
      text = JSON.stringify({ error: `payload could not be serialised: ${(err as Error).message}` });
    }
  }
  return truncateUtf8(text, maxBytes);
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): CapturedPayload {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short strings need no byte count.
  if (text.length * 3 <= maxBytes) return { text, truncated: false };
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) so the cut falls on a character boundary.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return { text: bytes.subarray(0, end).toString("utf8"), truncated: true };
}
