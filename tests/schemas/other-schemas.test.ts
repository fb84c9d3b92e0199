import { describe, expect, it } from "vitest";
import { createAdminTokenSchema } from "@/lib/auth/token-schemas";
import { createTeamTokenSchema } from "@/lib/teams/schemas";
import { createUserSchema, updateUserSchema } from "@/lib/users/schemas";
import { fromZodError } from "@/lib/api/errors";

describe("user schemas", () => {
  it("normalises the email and defaults the role", () => {
    expect(createUserSchema.parse({ email: "  Ada@Example.COM ", password: "12345678" })).toEqual({
      email: "ada@example.com",
      password: "12345678",
      role: "member",
    });
  });

  it("rejects short passwords, bad emails and unknown roles", () => {
    const short = createUserSchema.safeParse({ email: "a@b.co", password: "1234567" });
    expect(fromZodError(short.error!)).toMatchObject({ param: "password", message: "password: must be at least 8 characters" });
    expect(fromZodError(createUserSchema.safeParse({ email: "nope", password: "12345678" }).error!).param).toBe("email");
    expect(fromZodError(updateUserSchema.safeParse({ role: "root" }).error!).param).toBe("role");
  });
});

describe("token schemas", () => {
  it("accepts future dates and date-times, rejects the past and garbage", () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(createTeamTokenSchema.parse({ name: "ci", expiresAt: future }).expiresAt).toEqual(new Date(future));
    expect(createAdminTokenSchema.parse({ name: "ci", expiresAt: "2999-01-31" }).expiresAt).toEqual(new Date("2999-01-31T00:00:00Z"));
    const past = fromZodError(createTeamTokenSchema.safeParse({ name: "ci", expiresAt: "2001-01-01" }).error!);
    expect(past).toMatchObject({ param: "expiresAt", message: "expiresAt: must be in the future" });
    const garbage = fromZodError(createTeamTokenSchema.safeParse({ name: "ci", expiresAt: "tomorrow" }).error!);
    expect(garbage.message).toMatch(/ISO 8601/);
  });

  it("restricts endpoints to valid names, null meaning all", () => {
    expect(createTeamTokenSchema.parse({ name: "x", endpoints: null }).endpoints).toBeNull();
    expect(fromZodError(createTeamTokenSchema.safeParse({ name: "x", endpoints: ["ok", "bad name"] }).error!).param).toBe("endpoints.1");
    expect(fromZodError(createTeamTokenSchema.safeParse({ name: "x", endpoints: [] }).error!).param).toBe("endpoints");
  });
});
