// The console session as a second way into the admin API (lib/auth/session.ts sessionActor): a
// signed-in admin's browser can call /api/v1 with the next-auth cookie. The user row decides on
// every request (disabled users and role changes apply at once); cross-site writes are refused.
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import * as endpoints from "@/app/api/v1/endpoints/route";
import * as secrets from "@/app/api/v1/secrets/route";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

const SECRET = "session-api-test-secret-0123456789abcdef";
process.env.NEXTAUTH_SECRET = SECRET;

async function sessionCookie(uid: string, role: "admin" | "member"): Promise<string> {
  const jwt = await encode({ token: { uid, role, email: "someone@example.com" }, secret: SECRET });
  return `theme=dark; next-auth.session-token=${jwt}`;
}

const endpointBody = (secretId: string, name: string) => ({
  name,
  kind: "chat",
  models: [{ provider: "openai", model: "gpt-4o-mini", secretId }],
});

describe.each(TEST_DATABASES)("admin API with the console session cookie (%s)", (kind) => {
  const api = useAdminApi(kind);

  it("lets a signed-in admin read and write", async () => {
    const cookie = await sessionCookie(api.adminId, "admin");
    const list = await call(endpoints.GET, "GET", "/api/v1/endpoints", { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ data: [] });

    const secret = await call(secrets.POST, "POST", "/api/v1/secrets", {
      headers: { cookie, "sec-fetch-site": "same-origin" },
      body: { name: "openai", provider: "openai", apiKey: "sk-session-test-1234" },
    });
    expect(secret.status).toBe(201);
    const created = await call(endpoints.POST, "POST", "/api/v1/endpoints", {
      headers: { cookie, "sec-fetch-site": "same-origin" },
      body: endpointBody(secret.json.id, "via-session"),
    });
    expect(created.status).toBe(201);
  });

  it("refuses cross-site writes with the cookie", async () => {
    const cookie = await sessionCookie(api.adminId, "admin");
    const res = await call(endpoints.POST, "POST", "/api/v1/endpoints", {
      headers: { cookie, "sec-fetch-site": "cross-site" },
      body: endpointBody("irrelevant", "cross-site"),
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("cross_site");
    expect(await api.db.endpoint.count({ where: { name: "cross-site" } })).toBe(0);
  });

  it("re-reads the user: the database role wins over the cookie, disabled users are out", async () => {
    const user = await api.db.user.create({ data: { email: "member@example.com", passwordHash: "x", role: "member" } });
    // The cookie claims admin; the row says member.
    const cookie = await sessionCookie(user.id, "admin");
    const asMember = await call(secrets.GET, "GET", "/api/v1/secrets", { headers: { cookie } });
    expect(asMember.status).toBe(403);
    expect((await call(endpoints.GET, "GET", "/api/v1/endpoints", { headers: { cookie } })).status).toBe(200);

    await api.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    const disabled = await call(endpoints.GET, "GET", "/api/v1/endpoints", { headers: { cookie } });
    expect(disabled.status).toBe(401);

    await api.db.user.delete({ where: { id: user.id } });
    expect((await call(endpoints.GET, "GET", "/api/v1/endpoints", { headers: { cookie } })).status).toBe(401);
  });

  it("rejects a forged or foreign cookie", async () => {
    const forged = `next-auth.session-token=${(await sessionCookie(api.adminId, "admin")).split("=").pop()!.slice(0, -4)}AAAA`;
    expect((await call(endpoints.GET, "GET", "/api/v1/endpoints", { headers: { cookie: forged } })).status).toBe(401);

    const otherKey = await encode({ token: { uid: api.adminId, role: "admin" }, secret: "another-installation-secret-0123456789" });
    const foreign = `next-auth.session-token=${otherKey}`;
    expect((await call(endpoints.GET, "GET", "/api/v1/endpoints", { headers: { cookie: foreign } })).status).toBe(401);

    const none = await call(endpoints.GET, "GET", "/api/v1/endpoints", { headers: { cookie: "theme=dark" } });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe("missing_credentials");
  });
});
