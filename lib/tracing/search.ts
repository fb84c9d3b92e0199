// Free-text search of the trace explorer: a case-insensitive substring of the request payload,
// the response payload or the error message.
//   PostgreSQL: ILIKE with `%`, `_` and `\` escaped — exact.
//   SQLite: LIKE (case-insensitive for ASCII; Prisma's SQLite connector has no `mode`). SQLite's
//   LIKE has no default escape character, so a query containing `%` or `_` matches a superset;
//   `verify` then re-checks each candidate row in JavaScript.

import { dbProvider } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";

export interface SearchFields {
  requestPayload: string | null;
  responsePayload: string | null;
  errorMessage: string | null;
}

export interface TextSearch {
  where: Prisma.TraceWhereInput;
  /** null when the database match is exact; else the exact test for each candidate row. */
  verify: ((row: SearchFields) => boolean) | null;
}

const either = (match: Prisma.StringNullableFilter): Prisma.TraceWhereInput => ({
  OR: [{ requestPayload: match }, { responsePayload: match }, { errorMessage: match }],
});

export function textSearch(q: string): TextSearch {
  if (dbProvider() === "postgresql") {
    const escaped = q.replace(/[\\%_]/g, "\\$&");
    return { where: either({ contains: escaped, mode: "insensitive" } as Prisma.StringNullableFilter), verify: null };
  }
  if (!/[%_]/.test(q)) return { where: either({ contains: q }), verify: null };
  const needle = q.toLowerCase();
  const has = (v: string | null) => v !== null && v.toLowerCase().includes(needle);
  return {
    where: either({ contains: q }),
    verify: (row) => has(row.requestPayload) || has(row.responsePayload) || has(row.errorMessage),
  };
}
