// Names people tell things apart by, SQLite and PostgreSQL: team names are unique ignoring case;
// a team's unrevoked tokens have unique names ignoring case (a revoked token's name may be
// reused). The admin API answers 409 `already_exists` on `name`; the console's token forms show it
// as a field error on `name`. Checked by the services (no database index: existing data may hold
// such duplicates). Only the Next.js plumbing is mocked (session, revalidatePath).
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { createTeamTokenAction } from "@/app/(console)/teams/actions";
import { updateTeamTokenAction } from "@/app/(console)/teams/[id]/token-actions";
import * as teams from "@/app/api/v1/teams/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as tokens from "@/app/api/v1/teams/[id]/tokens/route";
import * as token from "@/app/api/v1/teams/[id]/tokens/[tokenId]/route";
import { IDLE, type FormState } from "@/lib/console/form-state";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe.each(TEST_DATABASES)("unique team and token names (%s)", (kind) => {
  const api = useAdminApi(kind);

  it("team names ignore case: 409 on name for create and rename; a team may change its own name's case", async () => {
    const billing = await call(teams.POST, "POST", "/x", { token: api.token, body: { name: "Billing" } });
    expect(billing.status).toBe(201);
    const dup = await call(teams.POST, "POST", "/x", { token: api.token, body: { name: "billing" } });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: "already_exists", param: "name" });
    expect(dup.json.error.message).toContain("names ignore case");

    const other = await call(teams.POST, "POST", "/x", { token: api.token, body: { name: "Search" } });
    const rename = await call(team.PATCH, "PATCH", "/x", { token: api.token, params: { id: other.json.id }, body: { name: "BILLING" } });
    expect(rename.status).toBe(409);
    expect(rename.json.error.param).toBe("name");
    const own = await call(team.PATCH, "PATCH", "/x", { token: api.token, params: { id: billing.json.id }, body: { name: "billing" } });
    expect(own.status).toBe(200);
    expect(own.json.name).toBe("billing");
  });

  it("token names are unique among a team's unrevoked tokens, ignoring case; API 409 and form field errors", async () => {
    const teamId = (await call(teams.POST, "POST", "/x", { token: api.token, body: { name: "token-names" } })).json.id;
    const otherTeam = (await call(teams.POST, "POST", "/x", { token: api.token, body: { name: "token-names-2" } })).json.id;
    const params = { id: teamId };
    const first = await call(tokens.POST, "POST", "/x", { token: api.token, params, body: { name: "ci" } });
    expect(first.status).toBe(201);

    const dup = await call(tokens.POST, "POST", "/x", { token: api.token, params, body: { name: "CI" } });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: "already_exists", param: "name" });
    // Another team may use the name.
    expect((await call(tokens.POST, "POST", "/x", { token: api.token, params: { id: otherTeam }, body: { name: "ci" } })).status).toBe(201);

    // Renaming another token to the name: 409; the token itself may keep (or re-case) its name.
    const second = await call(tokens.POST, "POST", "/x", { token: api.token, params, body: { name: "deploy" } });
    const rename = await call(token.PATCH, "PATCH", "/x", { token: api.token, params: { id: teamId, tokenId: second.json.id }, body: { name: " Ci " } });
    expect(rename.status).toBe(409);
    expect(rename.json.error.param).toBe("name");
    const own = await call(token.PATCH, "PATCH", "/x", { token: api.token, params: { id: teamId, tokenId: first.json.id }, body: { name: "CI" } });
    expect(own.status).toBe(200);

    // The console forms: a field error on name, the schema's errors alongside.
    session.actor = { kind: "user", userId: api.adminId, role: "admin" };
    const created = (await createTeamTokenAction(teamId, IDLE as FormState<never>, form({ name: "ci", expiresAt: "not a date" }))) as FormState;
    expect(created.status).toBe("error");
    expect(created.fieldErrors?.name).toMatch(/already has a token named 'CI'/);
    expect(created.fieldErrors?.expiresAt).toBeDefined();
    const edited = await updateTeamTokenAction(teamId, second.json.id, IDLE, form({ name: "ci", expiry: "keep", expiresAt: "", endpointsMode: "all" }));
    expect(edited.status).toBe("error");
    expect(edited.fieldErrors?.name).toMatch(/already has a token named 'CI'/);

    // Once revoked, its name is free again.
    expect((await call(token.DELETE, "DELETE", "/x", { token: api.token, params: { id: teamId, tokenId: first.json.id } })).status).toBe(200);
    expect((await call(tokens.POST, "POST", "/x", { token: api.token, params, body: { name: "ci" } })).status).toBe(201);
  });
});
