// The one wrapper for authenticated admin API route handlers (app/api/v1/**/route.ts):
//
//   export const POST = apiRoute({ body: createSecretSchema, status: 201 }, ({ body, actor }) =>
//     createSecret(actor, body));
//
// It authenticates the caller, awaits Next's async `params`, parses the JSON body and the query
// string with the given zod schemas, maps every error to { "error": { message, type, code, param? } }
// and serialises the handler's result as JSON (undefined → 204; a Response is passed through).
//
// The body reaches the handler as the validated *input* (the JSON as sent, typed `z.input`): the
// services parse it again themselves, since server actions call them without this wrapper, and
// re-parsing an already-transformed value would not be idempotent (e.g. dates).

import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { authenticateAdminToken } from "../auth/admin-tokens";
import { bearerToken } from "../auth/tokens";
import { ApiError, badRequest, errorResponse, fromZodError, notFound, unauthorized } from "./errors";
import { queryInput } from "./query";

export type RouteParams = Record<string, string>;
export interface RouteContext {
  params: Promise<RouteParams>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;

export interface RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  /** Schema of the JSON body; an empty body parses as {}. */
  body?: B;
  /** Schema of the query string (an object of string values; empty ones left out, see ./query.ts). */
  query?: Q;
  /** Status of a successful response (default 200). */
  status?: number;
}

export interface RouteArgs<B, Q> {
  req: Request;
  actor: Actor;
  params: RouteParams;
  body: Input<B>;
  query: Parsed<Q>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The console session seam: a request without a bearer token may carry the console's session
 * cookie (lib/auth/session.ts, owned by the console). Loaded lazily so token-authenticated calls
 * never load next-auth or React.
 */
async function sessionActor(req: Request): Promise<Actor | null> {
  if (!req.headers.get("cookie")) return null;
  const { sessionActor: resolve } = await import("../auth/session");
  return resolve(req);
}

async function authenticate(req: Request): Promise<Actor> {
  const token = bearerToken(req.headers);
  if (token) return authenticateAdminToken(token);
  if (req.headers.get("authorization")) {
    throw unauthorized("Malformed Authorization header: expected 'Bearer <admin API token>'.");
  }
  const actor = await sessionActor(req);
  if (actor) return actor;
  throw unauthorized("Missing credentials: send 'Authorization: Bearer <admin API token>' (gha_…).", "missing_credentials");
}

async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiError(413, "Request body too large (max 1 MiB).", "invalid_request_error", "body_too_large");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ApiError(413, "Request body too large (max 1 MiB).", "invalid_request_error", "body_too_large");
  }
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`Malformed JSON body: ${(err as Error).message}`, "invalid_json");
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

/** Validate, but hand on the value as sent (see the header comment). */
function validate<S extends z.ZodType>(schema: S, value: unknown): z.input<S> {
  parseWith(schema, value);
  return value as z.input<S>;
}

export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: RouteOptions<B, Q>,
  handler: (args: RouteArgs<B, Q>) => Promise<unknown> | unknown,
): (req: Request, ctx: RouteContext) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const actor = await authenticate(req);
      const params = (await ctx?.params) ?? {};
      const body = (options.body ? validate(options.body, await readJson(req)) : undefined) as Input<B>;
      const query = (
        options.query ? parseWith(options.query, queryInput(new URL(req.url).searchParams)) : undefined
      ) as Parsed<Q>;
      const result = await handler({ req, actor, params, body, query });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
      return Response.json(result, { status: options.status ?? 200, headers: { "cache-control": "no-store" } });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** The /api/v1 catch-all (app/api/v1/[[...path]]/route.ts), every method, with or without
 * credentials: a path no route matches is a JSON 404 `not_found`, not Next's HTML page. */
export async function unknownApiRoute(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  return errorResponse(notFound(`No admin API route at ${req.method} ${pathname}; the routes are listed in GET /api/v1/openapi.json.`));
}

/** List responses are `{ "data": [...] }`. */
export async function listOf<T>(items: Promise<T[]>): Promise<{ data: T[] }> {
  return { data: await items };
}
