// A team's tokens table fits a 1280px-wide window once a token has a last-used time, with a long
// name and with an editor open. Editing a team token on the team page: a token created for every
// endpoint is renamed and restricted to one endpoint in the tokens table's editor (after "Only
// these" with nothing ticked is refused, not read as "all endpoints"); the table shows the
// restriction and the gateway then answers 403 for the removed endpoint while the kept one still
// works. An expired token is renamed with its expiry kept, then made to never expire; a revoked one
// has no Edit. The endpoints are created with usage tracking off, so the specs that count the
// server's traces are not disturbed.
// Editing an admin token on the admin tokens page: name and a new expiry date (after both field
// errors at once), then Never; the token keeps working. A token created by an admin who is then
// demoted shows as inactive (and answers 401 token_creator_not_admin).
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { OpenAiFake } from "../tests/fakes/openai";
import { ADMIN } from "./env";
import { screen } from "./screens";
import { signIn } from "./sign-in";

const FAKE_KEY = "sk-tokens-fake-0123456789abcdef";


/** The tokens table's row of the token named `name`. */
const tokenRow = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });

async function post(page: Page, path: string, data: unknown): Promise<any> {
  const res = await page.request.post(path, { data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return res.json();
}

test("edit a team token's name and endpoints; the gateway follows", async ({ page, request }) => {
  const fake = await new OpenAiFake("openai", FAKE_KEY).start();
  try {
    await signIn(page);
    const secret = await post(page, "/api/v1/secrets", { name: "tokens-openai", provider: "openai", apiKey: FAKE_KEY, config: { baseUrl: fake.baseUrl } });
    for (const name of ["tok-alpha", "tok-beta"]) {
      await post(page, "/api/v1/endpoints", { name, kind: "chat", usageTracking: false, models: [{ provider: "openai", model: "gpt-4o-mini", secretId: secret.id }] });
    }
    const teamId: string = (await post(page, "/api/v1/teams", { name: "tokens-team" })).id;
    const token: string = (await post(page, `/api/v1/teams/${teamId}/tokens`, { name: "ci", expiresAt: "2999-12-31" })).token;
    const chat = (model: string) =>
      request.post("/gateway/mlflow/v1/chat/completions", {
        headers: { authorization: `Bearer ${token}` },
        data: { model, messages: [{ role: "user", content: "Hi" }] },
      });
    expect((await chat("tok-beta")).status()).toBe(200);

    await page.goto(`/teams/${teamId}`);
    const row = tokenRow(page, "ci");
    await expect(row.getByTestId("token-endpoints")).toHaveText("All");

    await test.step("at 1280px the table fits, with a last-used time, a long name and an open editor", async () => {
      const long = "claude-only-for-the-staging-environment";
      await post(page, `/api/v1/teams/${teamId}/tokens`, { name: long, endpoints: ["tok-alpha", "tok-beta"] });
      await page.setViewportSize({ width: 1280, height: 900 });
      // The gateway records the use in the background: reload until it shows.
      const lastUsed = row.getByRole("cell").nth(4);
      await expect
        .poll(async () => {
          await page.reload();
          return lastUsed.textContent();
        })
        .not.toBe("Never");
      await expect(lastUsed).toHaveText(/^\d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2}$/);
      await expect(lastUsed.locator("span")).toHaveAttribute("title", / UTC$/);
      const longRow = tokenRow(page, long);
      await expect(longRow.locator(`span[title="${long}"]`)).toBeVisible();
      await expect(longRow.getByTestId("token-endpoints").locator("span")).toHaveAttribute("title", "tok-alpha, tok-beta");
      const fits = async () => {
        const table = page.locator("table").filter({ has: row });
        const scroll = await table.evaluate((t) => ({ scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth }));
        expect(scroll.scroll).toBeLessThanOrEqual(scroll.client);
        for (const r of [row, longRow]) {
          // Scrolled to by its first cell: a table wider than its card would not scroll sideways here.
          await r.getByRole("cell").first().scrollIntoViewIfNeeded();
          await expect(r.getByRole("button", { name: /^(Edit|Close) token/ })).toBeInViewport({ ratio: 1 });
          await expect(r.getByRole("button", { name: "Revoke" })).toBeInViewport({ ratio: 1 });
          // One line per row: the name never wraps.
          const name = await r.getByRole("cell").first().boundingBox();
          expect(name!.height).toBeLessThan(60);
        }
      };
      await fits();
      await screen(page, "team-tokens-1280");
      await longRow.getByRole("button", { name: `Edit token ${long}` }).click();
      await expect(page.getByRole("form", { name: `Edit token ${long}` })).toBeVisible();
      await fits();
      await screen(page, "team-tokens-1280-edit");
      await longRow.getByRole("button", { name: `Close token ${long}` }).click();
      await page.setViewportSize({ width: 1440, height: 900 });
    });
    await row.getByRole("button", { name: "Edit token ci" }).click();
    const form = page.getByRole("form", { name: "Edit token ci" });
    await expect(form.getByLabel("Name")).toHaveValue("ci");
    await expect(form.getByRole("radio", { name: "Keep (31 Dec 2999)" })).toBeChecked();
    await expect(form.getByRole("radio", { name: "All endpoints, now and later" })).toBeChecked();
    await screen(page, "team-token-edit");

    await test.step("\"Only these\" with nothing ticked is an error, not every endpoint", async () => {
      await form.getByLabel("Name").fill("");
      await form.getByRole("radio", { name: "Only these:" }).check();
      await form.getByRole("button", { name: "Save token" }).click();
      await expect(form.locator('[data-field-error="endpoints"]')).toHaveText("Tick at least one endpoint, or choose “All endpoints”.");
      await expect(form.locator('[data-field-error="name"]')).toHaveText("Must not be empty");
      await screen(page, "team-token-edit-errors");
    });

    await test.step("restrict the token to one endpoint", async () => {
      await form.getByLabel("Name").fill("ci-alpha");
      await form.getByRole("checkbox", { name: "tok-alpha" }).check();
      await form.getByRole("button", { name: "Save token" }).click();
      await expect(form).toHaveCount(0);
      const edited = tokenRow(page, "ci-alpha");
      await expect(edited.getByTestId("token-endpoints")).toHaveText("tok-alpha");
      await expect(edited).toContainText("31 Dec 2999");
      await expect(edited).toContainText("Active");
      await screen(page, "team-token-edited");
    });

    await test.step("the gateway refuses the removed endpoint and serves the kept one", async () => {
      await expect.poll(async () => (await chat("tok-beta")).status(), { timeout: 5_000 }).toBe(403);
      const refused = await (await chat("tok-beta")).json();
      expect(refused.error.code).toBe("model_not_allowed");
      const kept = await chat("tok-alpha");
      expect(kept.status()).toBe(200);
      const models = await (await request.get("/gateway/mlflow/v1/models", { headers: { authorization: `Bearer ${token}` } })).json();
      expect(models.data.map((m: { id: string }) => m.id)).toEqual(["tok-alpha"]);
    });

    await test.step("an expired token: keeping its expiry saves a rename, Never revives it", async () => {
      await post(page, `/api/v1/teams/${teamId}/tokens`, { name: "old", expiresAt: new Date(Date.now() + 1_500).toISOString() });
      await page.waitForTimeout(2_000);
      await page.reload();
      const old = tokenRow(page, "old");
      await expect(old).toContainText("Expired");
      await old.getByRole("button", { name: "Edit token old" }).click();
      const oldForm = page.getByRole("form", { name: "Edit token old" });
      await expect(oldForm.getByRole("radio", { name: /^Keep \(expired / })).toBeChecked();
      await expect(oldForm).toContainText("Expired: choose Never or a new date");
      await screen(page, "team-token-edit-expired");
      await oldForm.getByLabel("Name").fill("old-renamed");
      await oldForm.getByRole("button", { name: "Save token" }).click();
      await expect(oldForm).toHaveCount(0);
      const renamed = tokenRow(page, "old-renamed");
      await expect(renamed).toContainText("Expired");
      await renamed.getByRole("button", { name: "Edit token old-renamed" }).click();
      await page.getByRole("form", { name: "Edit token old-renamed" }).getByRole("radio", { name: "Never" }).check();
      await page.getByRole("form", { name: "Edit token old-renamed" }).getByRole("button", { name: "Save token" }).click();
      await expect(renamed).toContainText("Active");
      await expect(renamed.getByTestId("token-endpoints")).toHaveText("All");
    });

    await test.step("a revoked token leaves the list; Show revoked lists it, without an Edit button", async () => {
      const edited = tokenRow(page, "ci-alpha");
      page.once("dialog", (dialog) => void dialog.accept());
      await edited.getByRole("button", { name: "Revoke" }).click();
      await expect(edited).toHaveCount(0);
      await page.getByRole("link", { name: "Show revoked (1)" }).click();
      await expect(page).toHaveURL(/[?&]revoked=1/);
      await expect(edited).toContainText("Revoked");
      await expect(edited.getByRole("button", { name: /Edit token/ })).toHaveCount(0);
      await screen(page, "team-tokens-show-revoked");
      await page.getByRole("link", { name: "Hide revoked" }).click();
      await expect(edited).toHaveCount(0);
    });

    await test.step("a second live token with the same name (any case) is refused at the name field", async () => {
      await page.getByLabel("Name", { exact: true }).fill("OLD-RENAMED");
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.locator('[data-field-error="name"]')).toHaveText(/already has a token named 'old-renamed'/);
      // The revoked token's name is free again.
      await page.getByLabel("Name", { exact: true }).fill("ci-alpha");
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.getByTestId("created-token")).toBeVisible();
    });
  } finally {
    await fake.close();
  }
});

test("edit an admin token's name and expiry; a demoted creator's token shows as inactive", async ({ page, browser, request }) => {
  await signIn(page);
  const created = await post(page, "/api/v1/admin-tokens", { name: "deploy", expiresAt: "2999-12-31" });
  const self = (api: APIRequestContext) => api.get(`/api/v1/admin-tokens/${created.id}`, { headers: { authorization: `Bearer ${created.token}` } });

  await page.goto("/admin-tokens");
  // The create form's example is a tool that calls the admin API, not a team's application.
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveAttribute("placeholder", "terraform");
  const row = tokenRow(page, "deploy");
  await row.getByRole("button", { name: "Edit token deploy" }).click();
  const form = page.getByRole("form", { name: "Edit token deploy" });
  await expect(form.getByLabel("Name")).toHaveValue("deploy");
  await expect(form.getByRole("radio", { name: "Keep (31 Dec 2999)" })).toBeChecked();
  await expect(form.getByRole("radio", { name: /endpoints/ })).toHaveCount(0);
  await screen(page, "admin-token-edit");

  await test.step("an empty name and New date without a date: both field errors", async () => {
    await form.getByLabel("Name").fill("");
    await form.getByRole("radio", { name: "New date" }).check();
    await form.getByRole("button", { name: "Save token" }).click();
    await expect(form.locator('[data-field-error="name"]')).toHaveText("Must not be empty");
    await expect(form.locator('[data-field-error="expiresAt"]')).toHaveText("Pick a date, or keep the current expiry.");
    await screen(page, "admin-token-edit-errors");
  });

  await test.step("a new name and date are saved; the token still works", async () => {
    await form.getByLabel("Name").fill("deploy-v2");
    await form.getByLabel("New expiry date").fill("2998-06-30");
    await form.getByRole("button", { name: "Save token" }).click();
    await expect(form).toHaveCount(0);
    const edited = tokenRow(page, "deploy-v2");
    await expect(edited).toContainText("30 Jun 2998");
    await expect(edited).toContainText("Active");
    await screen(page, "admin-token-edited");
    const res = await self(request);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ name: "deploy-v2", expiresAt: "2998-06-30T00:00:00.000Z" });
  });

  await test.step("Never removes the expiry", async () => {
    const edited = tokenRow(page, "deploy-v2");
    await edited.getByRole("button", { name: "Edit token deploy-v2" }).click();
    const again = page.getByRole("form", { name: "Edit token deploy-v2" });
    await expect(again.getByRole("radio", { name: "Keep (30 Jun 2998)" })).toBeChecked();
    await again.getByRole("radio", { name: "Never" }).check();
    await again.getByRole("button", { name: "Save token" }).click();
    await expect(again).toHaveCount(0);
    await expect(edited).not.toContainText("30 Jun 2998");
    expect((await (await self(request)).json()).expiresAt).toBeNull();
  });

  await test.step("a token whose creator is demoted shows as inactive", async () => {
    const grace = { email: "grace@e2e.test", password: "grace-e2e-password" };
    const user = await post(page, "/api/v1/users", { ...grace, role: "admin" });
    const context = await browser.newContext();
    try {
      const gracePage = await context.newPage();
      await signIn(gracePage, grace);
      const graceToken: string = (await post(gracePage, "/api/v1/admin-tokens", { name: "grace-ci" })).token;
      const res = await page.request.patch(`/api/v1/users/${user.id}`, { data: { role: "member" } });
      expect(res.status()).toBe(200);
      const refused = await request.get("/api/v1/admin-tokens", { headers: { authorization: `Bearer ${graceToken}` } });
      expect(refused.status()).toBe(401);
      expect((await refused.json()).error.code).toBe("token_creator_not_admin");
    } finally {
      await context.close();
    }
    await page.reload();
    await expect(tokenRow(page, "grace-ci")).toContainText("Inactive: creator is no longer an admin");
    await expect(tokenRow(page, "deploy-v2")).toContainText("Active");
    await screen(page, "admin-tokens-inactive");
  });
});
