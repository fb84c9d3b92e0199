// The trace explorer's page links. The list pages forward only (a keyset cursor: the sort key of
// a page's last row), so the way back is kept in the URL: `back` holds the cursors of the pages
// before this one (the first page has none and is not listed), "."-separated (base64url never
// contains a dot). "Next page" pushes the current cursor, "Newer" pops the last one; a shared link
// keeps working both ways. Past MAX_BACK pages the oldest entries are dropped ("Newer" then
// reaches the first page early; "Newest" is always there).

const SEP = ".";
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
export const MAX_BACK = 40;

/** The `back` parameter as a list of cursors (anything that cannot be one is left out). */
export function parseBack(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(SEP) : (value ?? "");
  return text.split(SEP).filter((c) => CURSOR.test(c));
}

function href(base: string, cursor: string | undefined, back: string[]): string {
  const params = new URLSearchParams(base);
  params.delete("cursor");
  params.delete("back");
  if (cursor) params.set("cursor", cursor);
  if (cursor && back.length) params.set("back", back.join(SEP));
  const qs = params.toString();
  return qs ? `/traces?${qs}` : "/traces";
}

export interface TracePageLinks {
  /** Older traces (null on the last page). */
  next: string | null;
  /** The page before this one (null on the first page). */
  newer: string | null;
  /** The first page, when it is not already `newer` (null on the first two pages). */
  newest: string | null;
}

/** `base`: the view's filters as a query string (cursor and back are replaced). */
export function tracePageLinks(base: string, cursor: string | undefined, back: string[], nextCursor: string | null): TracePageLinks {
  const next = nextCursor ? href(base, nextCursor, cursor ? [...back, cursor].slice(-MAX_BACK) : []) : null;
  if (!cursor) return { next, newer: null, newest: null };
  const newer = back.length ? href(base, back.at(-1), back.slice(0, -1)) : href(base, undefined, []);
  return { next, newer, newest: back.length ? href(base, undefined, []) : null };
}
