// Where a signed-out visitor of a console page is sent: the sign-in page, with the page they asked
// for as callbackUrl (same-site paths only; the sign-in page checks it again with the same rule).

/** Request header set by proxy.ts: the requested path and query. */
export const REQUEST_PATH_HEADER = "x-gatehouse-path";

const ORIGIN = "http://gatehouse.invalid";

/**
 * `value` when it is a path on this site, else null. Not only `//host` and `/\host`: browsers drop
 * tabs and newlines from URLs before parsing (`/\t/evil.example` is `//evil.example`) and read `\`
 * in a path as `/`, so control characters and a backslash before the query are refused, and the
 * value must still resolve to this origin.
 */
export function safeCallbackPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || /[\u0000-\u001f\u007f]/.test(value)) return null;
  if (/^[^?#]*\\/.test(value)) return null; // a backslash in the path (one in the query is just a character)
  try {
    return new URL(value, ORIGIN).origin === ORIGIN ? value : null;
  } catch {
    return null;
  }
}

export function signInPath(requestedPath: string | null | undefined): string {
  const path = safeCallbackPath(requestedPath);
  if (!path || path === "/" || path.startsWith("/signin")) return "/signin";
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}
