import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/next-auth";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth 4's App Router handler; options are passed per call so they are built lazily.
function handler(req: NextRequest, context: Context): Promise<Response> {
  return NextAuth(req as never, context as never, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
