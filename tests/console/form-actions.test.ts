// The console's server actions against a real database: a taken name is reported together with the
// schema's other field errors on the update forms (provider key, endpoint) and the create forms
// (team, user), the record being edited keeps its own name, and saving a provider key's settings
// keeps the config keys the form does not show. Only the Next.js request plumbing is mocked: the
// signed-in actor, revalidatePath and redirect.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { redirectTo: url });
  },
}));

import { updateEndpointAction } from "@/app/(console)/endpoints/actions";
import { createSecretAction, rotateSecretAction, updateSecretAction } from "@/app/(console)/provider-keys/actions";
import { createTeamAction } from "@/app/(console)/teams/actions";
import { createUserAction } from "@/app/(console)/users/actions";
import type { FormState } from "@/lib/console/form-state";
import { createEndpoint } from "@/lib/endpoints/service";
import { createSecret, getSecret, updateSecret } from "@/lib/secrets/service";
import { assertTeamNameFree, createTeam } from "@/lib/teams/service";
import { assertUserEmailFree } from "@/lib/users/service";
import { useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";

function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

function fieldErrors(state: FormState): Record<string, string> {
  expect(state.status).toBe("error");
  return (state as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
}

/** Runs an action that redirects on success; returns the redirect target or the error state. */
async function redirectOrState(run: () => Promise<FormState>): Promise<string | FormState> {
  try {
    return await run();
  } catch (err) {
    const to = (err as { redirectTo?: string }).redirectTo;
    if (to === undefined) throw err;
    return to;
  }
}

describe.each(TEST_DATABASES)("console actions (%s)", (kind) => {
  const api = useAdminApi(kind);
  let admin: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    admin = { kind: "user", userId: api.adminId, role: "admin" };
    session.actor = admin;
    for (const name of ["openai-a", "openai-b"]) {
      ids[name] = (await createSecret(admin, { name, provider: "openai", apiKey: `sk-${name}-0123456789abcdef` })).id;
    }
    ids.gemini = (await createSecret(admin, { name: "gemini", provider: "gemini", apiKey: "AIza-0123456789abcdef", config: { apiVersion: "v1" } })).id;
    for (const name of ["chat-a", "chat-b"]) {
      ids[name] = (await createEndpoint(admin, { name, kind: "chat", models: [{ provider: "openai", model: "gpt-4o-mini", secretId: ids["openai-a"] }] })).id;
    }
    await createTeam(admin, { name: "team-a" });
  });

  describe("a taken name shows together with the other field errors", () => {
    it("provider key settings", async () => {
      const update = (fields: Record<string, string>) => updateSecretAction(ids["openai-a"], { status: "idle" }, formData(fields));
      const errors = fieldErrors(await update({ name: "openai-b", "config.baseUrl": "not a url" }));
      expect(errors).toEqual({ name: "A provider key named 'openai-b' already exists.", "config.baseUrl": expect.stringMatching(/http/) });
      // The key's own name is not "taken"; surrounding spaces do not hide a taken one.
      expect(fieldErrors(await update({ name: "openai-a", "config.baseUrl": "not a url" }))).toEqual({ "config.baseUrl": expect.any(String) });
      expect(fieldErrors(await update({ name: " openai-b ", "config.baseUrl": "not a url" })).name).toMatch(/already exists/);
      expect(await update({ name: "openai-a", "config.baseUrl": "https://proxy.example.com/v1" })).toEqual({ status: "ok", message: "Saved." });
    });

    it("endpoint", async () => {
      const update = (fields: Record<string, string>) =>
        redirectOrState(() => updateEndpointAction(ids["chat-a"], { status: "idle" }, formData({ kind: "chat", ...fields })));
      const emptyModel = JSON.stringify([{ provider: "openai", model: "", secretId: ids["openai-a"], weight: 1, fallbackOrder: null }]);
      const errors = fieldErrors((await update({ name: "chat-b", models: emptyModel, maxAttempts: "0" })) as FormState);
      expect(errors).toEqual({
        name: "An endpoint named 'chat-b' already exists.",
        "models.0.model": "Must not be empty",
        maxAttempts: "Must be at least 1",
      });
      expect(fieldErrors((await update({ name: "chat-a", models: emptyModel })) as FormState)).toEqual({ "models.0.model": "Must not be empty" });
      const models = JSON.stringify([{ provider: "openai", model: "gpt-4o", secretId: ids["openai-a"], weight: 1, fallbackOrder: null }]);
      expect(await update({ name: "chat-a", models })).toBe("/endpoints");
    });

    it("new team", async () => {
      const create = (name: string) => redirectOrState(() => createTeamAction({ status: "idle" }, formData({ name })));
      expect(fieldErrors((await create("team-a")) as FormState)).toEqual({ name: "A team named 'team-a' already exists." });
      // The same check the form runs next to the schema: trimmed like the schema, the team itself excluded.
      const teamA = await api.db.team.findUniqueOrThrow({ where: { name: "team-a" } });
      await expect(assertTeamNameFree(admin, " team-a ")).rejects.toMatchObject({ status: 409, param: "name" });
      await expect(assertTeamNameFree(admin, "team-a", teamA.id)).resolves.toBeUndefined();
      await expect(assertTeamNameFree(admin, "")).resolves.toBeUndefined(); // the schema reports it
      await expect(assertTeamNameFree({ kind: "user", userId: "u", role: "member" }, "x")).rejects.toMatchObject({ status: 403 });
      expect(await create("team-b")).toMatch(/^\/teams\/.+/);
    });

    it("new user", async () => {
      const create = (fields: Record<string, string>) => createUserAction({ status: "idle" }, formData({ role: "member", ...fields }));
      const taken = (await api.db.user.findUniqueOrThrow({ where: { id: api.adminId } })).email;
      const errors = fieldErrors(await create({ email: ` ${taken.toUpperCase()} `, password: "short" }));
      expect(errors).toEqual({ email: `A user with email '${taken}' already exists.`, password: expect.stringMatching(/at least 8/) });
      await expect(assertUserEmailFree(admin, "not an email")).resolves.toBeUndefined(); // the schema reports it
      expect(await create({ email: "new@example.com", password: "long-enough-1" })).toMatchObject({ status: "ok" });
    });
  });

  describe("provider key errors are worded for people", () => {
    it("a missing API key, base URL or region names the field and the provider as the form does", async () => {
      const create = (fields: Record<string, string>) => redirectOrState(() => createSecretAction({ status: "idle" }, formData({ name: "new-key", ...fields })));
      expect(fieldErrors((await create({ provider: "openai", apiKey: "" })) as FormState)).toEqual({ apiKey: "API key is required for OpenAI keys" });
      expect(fieldErrors((await create({ provider: "azure" })) as FormState)).toEqual({
        apiKey: "API key is required for Azure OpenAI keys",
        "config.baseUrl": "Base URL is required for Azure OpenAI keys",
      });
      expect(fieldErrors((await create({ provider: "bedrock", secretAccessKey: "s" })) as FormState)).toEqual({
        accessKeyId: "Access key id is required with a secret access key",
        "config.region": "Region is required for AWS Bedrock keys",
      });
      // Rotating a key checks the stored key's provider (the service reports the first problem).
      expect(fieldErrors(await rotateSecretAction(ids.gemini, { status: "idle" }, formData({ accessKeyId: "AKIA" })))).toEqual({
        apiKey: "API key is required for Google Gemini keys",
      });
      expect(await api.db.secret.count({ where: { name: "new-key" } })).toBe(0);
    });
  });

  describe("provider key settings keep the config keys the form does not show", () => {
    const save = (id: string, fields: Record<string, string>) => updateSecretAction(id, { status: "idle" }, formData(fields));

    it("Gemini: the API version is a form field, set, kept and cleared through it", async () => {
      expect((await getSecret(admin, ids.gemini)).config).toEqual({ apiVersion: "v1" });
      await save(ids.gemini, { name: "gemini", "config.baseUrl": "https://gemini-proxy.example.com", "config.apiVersion": "v1" });
      expect((await getSecret(admin, ids.gemini)).config).toEqual({ baseUrl: "https://gemini-proxy.example.com", apiVersion: "v1" });
      // Emptied fields remove their keys (the adapter's defaults apply again).
      await save(ids.gemini, { name: "gemini", "config.baseUrl": "", "config.apiVersion": "" });
      expect((await getSecret(admin, ids.gemini)).config).toEqual({});
    });

    it("keys set through the admin API that the provider's form does not show survive a save", async () => {
      await updateSecret(admin, ids["openai-b"], { config: { organization: "org-1", apiVersion: "2024-01-01", deployment: "dep" } });
      expect(await save(ids["openai-b"], { name: "openai-b", "config.organization": "org-2", "config.project": "proj" })).toMatchObject({ status: "ok" });
      expect((await getSecret(admin, ids["openai-b"])).config).toEqual({ organization: "org-2", project: "proj", apiVersion: "2024-01-01", deployment: "dep" });
      // The admin API's PATCH still replaces the whole object.
      await updateSecret(admin, ids["openai-b"], { config: { project: "p" } });
      expect((await getSecret(admin, ids["openai-b"])).config).toEqual({ project: "p" });
    });
  });
});
