// The endpoint form's "Fall back on statuses" text ⇄ the `fallbackOn` list: "429, 5xx" stands for
// 429 and 500–599.

const FIVE_XX = Array.from({ length: 100 }, (_, i) => 500 + i);

/** Parses the comma-separated text; non-numbers are kept as they are for the schema to reject. */
export function parseStatusList(value: string | undefined): (number | string)[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s): (number | string)[] => (s.toLowerCase() === "5xx" ? FIVE_XX : /^\d+$/.test(s) ? [Number(s)] : [s]));
}

/** The list as text, with a complete 500–599 range written as "5xx". */
export function formatStatusList(statuses: readonly number[]): string {
  const set = new Set(statuses);
  const all5xx = FIVE_XX.every((s) => set.has(s));
  const rest = [...set].filter((s) => !(all5xx && s >= 500 && s <= 599)).sort((a, b) => a - b);
  return [...rest.map(String), ...(all5xx ? ["5xx"] : [])].join(", ");
}

/** What "Fall back on statuses" accepts, for its messages. */
export const STATUS_LIST_RULE = 'Use HTTP statuses from 400 to 599 or "5xx", comma-separated.';

/** The form's message for a list with entries that are not statuses (naming each one), or
 * undefined when every entry is a status from 400 to 599 or "5xx". */
export function statusListError(value: string | undefined): string | undefined {
  const wrong = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && s.toLowerCase() !== "5xx" && !(/^\d+$/.test(s) && Number(s) >= 400 && Number(s) <= 599));
  if (!wrong.length) return undefined;
  const list = wrong.map((s) => `"${s}"`).join(", ");
  return `${list} ${wrong.length === 1 ? "is not an HTTP status" : "are not HTTP statuses"} a fallback can follow. ${STATUS_LIST_RULE}`;
}
