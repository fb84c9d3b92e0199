// Dates for dense tables (the tokens table): UTC like components/format.ts, without the year when
// it is the current one. The full date goes in the cell's tooltip.

import { formatDate } from "./format";

const dayMonth = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", timeZone: "UTC" });
const hourMinute = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

function thisYear(value: Date, now: Date): boolean {
  return value.getUTCFullYear() === now.getUTCFullYear();
}

/** "14 Mar" in the current year (UTC), "14 Mar 2025" in another. */
export function formatCompactDate(value: Date, now: Date = new Date()): string {
  return thisYear(value, now) ? dayMonth.format(value) : formatDate(value);
}

/** "14 Mar, 09:05" in the current year (UTC); "14 Mar 2025" in another (no time of day: a token
 * last used last year needs none). */
export function formatCompactDateTime(value: Date, now: Date = new Date()): string {
  return thisYear(value, now) ? `${dayMonth.format(value)}, ${hourMinute.format(value)}` : formatDate(value);
}
