// Authorization lives in the services (shared by the API and the console's server actions), so it
// is tested there with console-user actors, as the console calls them.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createAdminToken, listAdminTokens } from "@/lib/auth/admin-tokens";
import { createEndpoint, getEndpoint, listEndpoints, updateEndpoint } from "@/lib/endpoints/service";
import { createSecret, getSecret, listSecrets } from "@/lib/secrets/service";
import { addMember, createTeam, getTeam, listMembers, listTeams, updateTeam } from "@/lib/teams/service";
import { createTeamToken, listTeamTokens, revokeTeamToken } from "@/lib/teams/tokens";
import { createUser, deleteUser, getUser, listUsers, updateUser } from "@/lib/users/service";
import { useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

describe.each(TEST_DATABASES)("authorization of console users (%s)", (kind) => {
  const api = useAdminApi(kind);
  const admin = (): Actor => ({ kind: "user", userId: api.adminId, role: "admin" });
  let member: Actor;
  let memberId = "";
  let ownTeam = "";
  let otherTeam = "";
  let secretId = "";

  it("setup", async () => {
    memberId = (await createUser(admin(), { email: "m@example.com", password: "member-password" })).id;
    member = { kind: "user", userId: memberId, role: "member" };
    ownTeam = (await createTeam(admin(), { name: "own" })).id;
    otherTeam = (await createTeam(admin(), { name: "other" })).id;
    await addMember(admin(), ownTeam, { userId: memberId });
    secretId = (await createSecret(admin(), { name: "s", provider: "openai", apiKey: "sk-0123456789abc" })).id;
    await createEndpoint(admin(), { name: "chat", kind: "chat", models: [{ provider: "openai", model: "gpt-4o", secretId }] });
  });

  it("members cannot touch secrets, users or admin tokens (403)", async () => {
    await expect(listSecrets(member)).rejects.toMatchObject({ status: 403, message: "Only admins can view provider secrets." });
    await expect(getSecret(member, secretId)).rejects.toMatchObject({ status: 403 });
    await expect(createSecret(member, { name: "x", provider: "openai", apiKey: "k" })).rejects.toMatchObject({ status: 403 });
    await expect(listUsers(member)).rejects.toMatchObject({ status: 403 });
    await expect(createUser(member, { email: "x@example.com", password: "12345678" })).rejects.toMatchObject({ status: 403 });
    await expect(listAdminTokens(member)).rejects.toMatchObject({ status: 403 });
    await expect(createAdminToken(member, { name: "x" })).rejects.toMatchObject({ status: 403 });
  });

  it("members may read endpoints but not change them", async () => {
    expect((await listEndpoints(member)).map((e) => e.name)).toEqual(["chat"]);
    expect((await getEndpoint(member, "chat")).name).toBe("chat");
    await expect(updateEndpoint(member, "chat", { maxAttempts: 1 })).rejects.toMatchObject({ status: 403 });
    await expect(
      createEndpoint(member, { name: "x", kind: "chat", models: [{ provider: "openai", model: "m", secretId }] }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("members see only their teams; other teams look like they do not exist", async () => {
    expect((await listTeams(member)).map((t) => t.name)).toEqual(["own"]);
    expect((await listTeams(admin())).map((t) => t.name)).toEqual(["other", "own"]);
    expect((await getTeam(member, ownTeam)).name).toBe("own");
    await expect(getTeam(member, otherTeam)).rejects.toMatchObject({ status: 404 });
    await expect(listMembers(member, otherTeam)).rejects.toMatchObject({ status: 404 });
    expect((await listMembers(member, ownTeam)).map((m) => m.userId)).toEqual([memberId]);
    await expect(updateTeam(member, ownTeam, { name: "mine" })).rejects.toMatchObject({ status: 403 });
    await expect(addMember(member, ownTeam, { userId: api.adminId })).rejects.toMatchObject({ status: 403 });
  });

  it("members manage the tokens of their own teams only", async () => {
    const created = await createTeamToken(member, ownTeam, { name: "mine" });
    expect(created.token).toMatch(/^gth_/);
    expect((await listTeamTokens(member, ownTeam)).map((t) => t.id)).toEqual([created.id]);
    expect((await revokeTeamToken(member, ownTeam, created.id)).revokedAt).toBeInstanceOf(Date);
    await expect(createTeamToken(member, otherTeam, { name: "x" })).rejects.toMatchObject({ status: 404 });
    const foreign = await createTeamToken(admin(), otherTeam, { name: "theirs" });
    await expect(revokeTeamToken(member, otherTeam, foreign.id)).rejects.toMatchObject({ status: 404 });
    await expect(revokeTeamToken(member, ownTeam, foreign.id)).rejects.toMatchObject({ status: 404 });
  });

  it("members may read and change only their own name and password", async () => {
    expect((await getUser(member, memberId)).email).toBe("m@example.com");
    await expect(getUser(member, api.adminId)).rejects.toMatchObject({ status: 404 });
    expect((await updateUser(member, memberId, { name: "Me", password: "another-password", currentPassword: "member-password" })).name).toBe("Me");
    await expect(updateUser(member, memberId, { role: "admin" })).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(member, api.adminId, { name: "x" })).rejects.toMatchObject({ status: 404 });
  });

  it("an admin cannot delete their own account", async () => {
    await expect(deleteUser(admin(), api.adminId)).rejects.toMatchObject({ status: 409, code: "cannot_delete_self" });
  });
});
