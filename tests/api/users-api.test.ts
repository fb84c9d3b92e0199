import { describe, expect, it } from "vitest";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import { createFirstAdmin, hasAnyUser, verifyCredentials } from "@/lib/users/service";
import { call, TEST_ADMIN, useAdminApi } from "../helpers/api";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";

describe.each(TEST_DATABASES)("admin API: users (%s)", (kind) => {
  const api = useAdminApi(kind);
  let memberId = "";

  it("creates users (201) without ever returning the password or its hash", async () => {
    const res = await call(users.POST, "POST", "/api/v1/users", {
      token: api.token,
      body: { email: "Grace@Example.com", password: "grace-password", name: "Grace" },
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.any(String),
      email: "grace@example.com",
      name: "Grace",
      role: "member",
      disabled: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.text).not.toMatch(/grace-password|passwordHash|argon2/);
    memberId = res.json.id;
    const list = await call(users.GET, "GET", "/x", { token: api.token });
    expect(list.json.data.map((u: { email: string }) => u.email)).toEqual([TEST_ADMIN.email, "grace@example.com"]);
    expect(list.text).not.toMatch(/passwordHash|argon2/);
  });

  it("409 for a duplicate email (case-insensitive), 422 for a short password", async () => {
    const dup = await call(users.POST, "POST", "/x", { token: api.token, body: { email: "GRACE@example.com", password: "12345678" } });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ param: "email", code: "already_exists" });
    const short = await call(users.POST, "POST", "/x", { token: api.token, body: { email: "x@example.com", password: "short" } });
    expect(short.status).toBe(422);
    expect(short.json.error).toMatchObject({ param: "password", message: "password: must be at least 8 characters" });
  });

  it("verifies credentials for sign-in; disabled users and wrong passwords get null", async () => {
    expect(await verifyCredentials(" GRACE@example.com ", "grace-password")).toEqual({
      id: memberId,
      email: "grace@example.com",
      name: "Grace",
      role: "member",
      sessionVersion: 0,
    });
    expect(await verifyCredentials("grace@example.com", "wrong-password")).toBeNull();
    expect(await verifyCredentials("nobody@example.com", "grace-password")).toBeNull();
    expect(await verifyCredentials("not an email", "x")).toBeNull();

    const disabled = await call(user.PATCH, "PATCH", "/x", { token: api.token, params: { id: memberId }, body: { disabled: true } });
    expect(disabled.json.disabled).toBe(true);
    expect(await verifyCredentials("grace@example.com", "grace-password")).toBeNull();

    const changed = await call(user.PATCH, "PATCH", "/x", {
      token: api.token,
      params: { id: memberId },
      body: { disabled: false, password: "new-grace-password", name: null },
    });
    expect(changed.json).toMatchObject({ disabled: false, name: null });
    expect(await verifyCredentials("grace@example.com", "grace-password")).toBeNull();
    expect(await verifyCredentials("grace@example.com", "new-grace-password")).not.toBeNull();
  });

  it("never demotes, disables or deletes the last active admin (409)", async () => {
    const adminId = api.adminId;
    for (const body of [{ role: "member" }, { disabled: true }]) {
      const res = await call(user.PATCH, "PATCH", "/x", { token: api.token, params: { id: adminId }, body });
      expect(res.status).toBe(409);
      expect(res.json.error).toMatchObject({ code: "last_admin", message: `'${TEST_ADMIN.email}' is the last active admin; make another user admin first.` });
    }
    const del = await call(user.DELETE, "DELETE", "/x", { token: api.token, params: { id: adminId } });
    expect(del.status).toBe(409);
    expect(del.json.error.code).toBe("last_admin");

    // With a second admin, the first can go; their own token stops with their admin role.
    await call(user.PATCH, "PATCH", "/x", { token: api.token, params: { id: memberId }, body: { role: "admin" } });
    const demoted = await call(user.PATCH, "PATCH", "/x", { token: api.token, params: { id: adminId }, body: { role: "member" } });
    expect(demoted.json.role).toBe("member");
    const locked = await call(user.PATCH, "PATCH", "/x", { token: api.token, params: { id: adminId }, body: { role: "admin" } });
    expect(locked.status).toBe(401);
    expect(locked.json.error.code).toBe("token_creator_not_admin");
    const other = await createAdminToken({ kind: "user", userId: memberId, role: "admin" }, { name: "second admin" });
    const back = await call(user.PATCH, "PATCH", "/x", { token: other.token, params: { id: adminId }, body: { role: "admin" } });
    expect(back.json.role).toBe("admin");
  });

  it("deletes users; 404 afterwards", async () => {
    const res = await call(user.DELETE, "DELETE", "/x", { token: api.token, params: { id: memberId } });
    expect(res.json).toEqual({ id: memberId, deleted: true });
    expect((await call(user.GET, "GET", "/x", { token: api.token, params: { id: memberId } })).status).toBe(404);
    expect((await call(user.DELETE, "DELETE", "/x", { token: api.token, params: { id: memberId } })).status).toBe(404);
  });

  it("the setup page's createFirstAdmin refuses once a user exists", async () => {
    expect(await hasAnyUser()).toBe(true);
    await expect(createFirstAdmin({ email: "late@example.com", password: "late-password" })).rejects.toMatchObject({
      status: 409,
      code: "setup_complete",
    });
  });
});

describe.each(TEST_DATABASES)("first admin setup (%s)", (kind) => {
  const database = useFreshDatabase(kind);

  it("creates exactly one first admin, even when two setups race", async () => {
    expect(await hasAnyUser()).toBe(false);
    const results = await Promise.allSettled([
      createFirstAdmin({ email: "first@example.com", password: "first-password", name: "First" }),
      createFirstAdmin({ email: "second@example.com", password: "second-password" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ status: 409 });
    expect(await database.db.user.count()).toBe(1);
    expect((await database.db.user.findFirstOrThrow()).role).toBe("admin");
  });
});
