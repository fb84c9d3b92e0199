// Console pages only: passes the requested path (with its query) to server components as a
// request header, so a signed-out visitor is sent to /signin?callbackUrl=<that page> and lands
// back on it after signing in. The header is always overwritten: a client cannot set it.

import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "./lib/auth/sign-in-path";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Not the admin API, the gateway (served before Next in production), Next's assets or the sign-in page.
  matcher: ["/((?!api/|gateway/|_next/|favicon.ico|signin).*)"],
};
