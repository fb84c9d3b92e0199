// The gateway core mounted as a Next.js route handler (next dev, or any Next host). In production
// `npm start` serves /gateway/* from lib/server without going through Next.

import { handleGatewayRequest } from "@/lib/gateway/handler";
import type { GatewayResponse } from "@/lib/gateway/types";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const out = await handleGatewayRequest({
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: request.body as AsyncIterable<Uint8Array> | null,
    signal: request.signal,
  });
  return new Response(toBodyInit(out.body), { status: out.status, headers: out.headers });
}

function toBodyInit(body: GatewayResponse["body"]): BodyInit | null {
  if (body === null || typeof body === "string") return body;
  if (body instanceof Uint8Array) return body as Uint8Array<ArrayBuffer>;
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      // The client went away: run the body's cleanup (aborts the upstream call, records the trace).
      await iterator.return?.();
    },
  });
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
