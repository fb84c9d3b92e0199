// Where a signed-out visitor of a console page is sent: the sign-in page, with the page they asked
// for as callbackUrl (same-site paths only; the sign-in page checks it again).

/** Request header set by proxy.ts: the requested path and query. */
export const REQUEST_PATH_HEADER = "x-gatehouse-path";

export function signInPath(requestedPath: string | null | undefined): string {
  const path = requestedPath ?? "";
  const sameSite = path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
  if (!sameSite || path === "/" || path.startsWith("/signin")) return "/signin";
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}
