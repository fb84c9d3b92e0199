// Calls the real admin API route handlers (app/api/v1/**/route.ts) with real Request objects, the
// way Next.js does: `handler(request, { params: Promise<params> })`. No server, nothing mocked.
//
//   const api = useAdminApi("sqlite");        // fresh database + an admin token
//   const res = await call(SECRETS.POST, "POST", "/api/v1/secrets", { token: api.token, body: {...} });
import { randomBytes } from "node:crypto";
import { beforeAll } from "vitest";
import { ensureInitialAdmin } from "../../lib/users/bootstrap";
import { useFreshDatabase, type TestDatabaseKind } from "./db";

export type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  /** Sent as `Authorization: Bearer <token>`; omit for an unauthenticated call. */
  token?: string;
  /** JSON-encoded as the body. */
  body?: unknown;
  /** Sent verbatim as the body (e.g. malformed JSON). */
  rawBody?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  /** The parsed JSON body (null for an empty body). */
  json: any; // untyped on purpose: assertions drill into it
  /** The raw body, for "never contains X" assertions. */
  text: string;
  headers: Headers;
}

export async function call(handler: RouteHandler, method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost${path}`, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, text, headers: res.headers };
}

/** A random KEK for the test process, so no test writes ./data/encryption.key. */
export function useTestEncryptionKey(): void {
  process.env.GATEHOUSE_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
}

export const TEST_ADMIN = { email: "admin@example.com", password: "admin-password-1" };

/** A fresh database of `kind` with the initial admin user and an admin API token. */
export function useAdminApi(kind: TestDatabaseKind) {
  useTestEncryptionKey();
  const database = useFreshDatabase(kind);
  const token = `gha_test_${randomBytes(16).toString("hex")}`;
  let adminId = "";
  beforeAll(async () => {
    await ensureInitialAdmin({
      GATEHOUSE_INIT_ADMIN_EMAIL: TEST_ADMIN.email,
      GATEHOUSE_INIT_ADMIN_PASSWORD: TEST_ADMIN.password,
      GATEHOUSE_INIT_ADMIN_TOKEN: token,
    });
    adminId = (await database.db.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } })).id;
  });
  return {
    token,
    get db() {
      return database.db;
    },
    get adminId() {
      return adminId;
    },
  };
}
