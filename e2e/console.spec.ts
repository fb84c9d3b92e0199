// The console end to end, as an admin would use it: sign in → add a provider key → create an
// endpoint (after a rejected invalid name) → an endpoint with a traffic split and a fallback, one
// weight edited → create a team and a token → the token works on the gateway → revoke it → it
// stops working → change own password (current one required; another session ends, this one
// stays; sign in with the new one) → sign out. No page fails to load a resource (the icon
// included) or logs an error.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "./env";
import { screen } from "./screens";

const OPENAI_KEY = "sk-e2e-0123456789abcdefghijklmnop";

async function signIn(page: Page) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

/** Open a console section from the sidebar and wait until it has replaced the previous page
 * (several pages have a "Name" field: filling before the navigation lands would hit the old one). */
async function nav(page: Page, name: string) {
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
  await link.click();
  await expect(link).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("admin flow: key → endpoint → team token → revoke → sign out", async ({ browser, page, request }) => {
  // Nothing in the flow fails to load (a missing favicon used to be a 404 on every page) or logs an error.
  const problems: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) problems.push(`404 ${response.url()}`);
  });
  page.on("console", (message) => {
    // The refused sign-in below answers 401, which Chromium logs as an error.
    if (message.type() === "error" && !/status of 401/.test(message.text())) problems.push(`console error on ${page.url()}: ${message.text()}`);
  });

  await test.step("the console has an icon", async () => {
    await page.goto("/signin");
    const icons = page.locator('link[rel="icon"]');
    await expect(icons.first()).toBeAttached();
    for (const href of await icons.evaluateAll((links) => links.map((l) => l.getAttribute("href")!))) {
      const icon = await request.get(href);
      expect(icon.status(), href).toBe(200);
      expect(icon.headers()["content-type"]).toMatch(/^image\//);
    }
    expect((await request.get("/favicon.ico")).status()).toBe(200);
  });

  await test.step("sign in (a wrong password is refused)", async () => {
    await page.goto("/signin");
    await screen(page, "signin");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await signIn(page);
    await expect(page.getByText("/gateway/mlflow/v1").first()).toBeVisible();
    // The session also opens the admin API to this browser (no admin token needed).
    const viaSession = await page.request.get("/api/v1/endpoints");
    expect(viaSession.status()).toBe(200);
    await screen(page, "dashboard");
  });

  await test.step("add a provider key", async () => {
    await nav(page, "Provider keys");
    await expect(page.getByRole("heading", { name: "No provider keys yet" })).toBeVisible();
    await screen(page, "provider-keys-empty");
    await page.getByRole("link", { name: "Add provider key" }).first().click();
    await page.getByLabel("Name").fill("openai-e2e");
    // Gemini's settings include the API version, the adapter's default as placeholder.
    await page.getByLabel("Provider").selectOption("gemini");
    await expect(page.getByLabel("API version")).toHaveAttribute("placeholder", "v1beta");
    await screen(page, "provider-key-new-gemini");
    await page.getByLabel("Provider").selectOption("openai");
    await expect(page.getByLabel("API version")).toHaveCount(0);
    // Saving without the key: the error names the field and the provider in plain words.
    await page.getByRole("button", { name: "Save provider key" }).click();
    await expect(page.locator('[data-field-error="apiKey"]')).toHaveText("API key is required for OpenAI keys");
    await expect(page.getByLabel("Name")).toHaveValue("openai-e2e");
    await page.getByLabel("API key").fill(OPENAI_KEY);
    await page.getByLabel("Base URL").fill("http://127.0.0.1:9/v1");
    await screen(page, "provider-key-new");
    await page.getByRole("button", { name: "Save provider key" }).click();
    await expect(page).toHaveURL(/\/provider-keys$/);
    const row = page.getByRole("row", { name: /openai-e2e/ });
    await expect(row).toContainText("OpenAI");
    await expect(row).toContainText(/sk-.*mnop/);
    await expect(page.getByText(OPENAI_KEY)).toHaveCount(0);
    await screen(page, "provider-keys");
  });

  await test.step("an invalid endpoint name is shown next to the field", async () => {
    await nav(page, "Endpoints");
    await expect(page.getByRole("heading", { name: "No endpoints yet" })).toBeVisible();
    await page.getByRole("link", { name: "New endpoint" }).click();
    // The model placeholder follows the provider and the kind; the key is offered with its mask.
    const model = page.getByLabel("Model 1", { exact: true });
    await expect(model).toHaveAttribute("placeholder", "gpt-4o-mini");
    await expect(page.getByLabel("Provider key of model 1").locator("option:checked")).toHaveText("openai-e2e · sk-...mnop");
    await page.getByLabel("Provider of model 1").selectOption("anthropic");
    await expect(model).toHaveAttribute("placeholder", "claude-sonnet-4-5");
    await expect(page.getByLabel("Provider key of model 1")).toHaveValue("");
    await page.getByLabel("Provider of model 1").selectOption("gemini");
    await expect(model).toHaveAttribute("placeholder", "gemini-2.5-flash");
    await page.getByLabel("Provider of model 1").selectOption("openai");
    await page.getByLabel("Kind").selectOption("embeddings");
    await expect(model).toHaveAttribute("placeholder", "text-embedding-3-small");
    await page.getByLabel("Kind").selectOption("chat");
    await expect(page.getByLabel("Provider key of model 1")).toHaveValue(/.+/);
    await page.getByLabel("Name").fill("bad name!");
    await page.getByLabel("Model 1", { exact: true }).fill("gpt-4o-mini");
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(page.locator('[data-field-error="name"]')).toContainText("letters, digits");
    // Nothing was lost: the rest of the form is still filled in.
    await expect(page.getByLabel("Model 1", { exact: true })).toHaveValue("gpt-4o-mini");
    await expect(page.getByLabel("Provider key of model 1")).toHaveValue(/.+/);
    await screen(page, "endpoint-name-error");
  });

  await test.step("create the endpoint", async () => {
    await page.getByLabel("Name").fill("chat-e2e");
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(page).toHaveURL(/\/endpoints$/);
    const row = page.getByRole("row", { name: /chat-e2e/ });
    await expect(row).toContainText("gpt-4o-mini");
    await expect(row).toContainText("100%");
    await screen(page, "endpoints");
    await row.getByRole("link", { name: "chat-e2e" }).click();
    await expect(page.getByLabel("Model 1", { exact: true })).toHaveValue("gpt-4o-mini");
    await screen(page, "endpoint-edit");
  });

  await test.step("a taken name is reported together with the other field errors", async () => {
    await page.goto("/endpoints/new");
    await page.getByLabel("Name").fill("chat-e2e");
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(page.locator('[data-field-error="name"]')).toContainText("already exists");
    expect(await page.locator("[data-field-error]").count()).toBeGreaterThan(1); // the empty model too
    await screen(page, "endpoint-duplicate-name");
  });

  await test.step("a key in use lists its endpoints and cannot be deleted; rotating it changes the mask", async () => {
    await nav(page, "Provider keys");
    await page.getByRole("link", { name: "openai-e2e" }).click();
    await expect(page.getByRole("heading", { name: "Used by" })).toBeVisible();
    await expect(page.getByRole("link", { name: "chat-e2e" })).toHaveAttribute("href", /\/endpoints\/.+/);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete key" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "used by endpoint 'chat-e2e'" })).toBeVisible();
    await page.getByLabel("API key").fill("sk-e2e-rotated-key-000000000000wxyz");
    await page.getByRole("button", { name: "Rotate key" }).click();
    await expect(page.getByText(/Key rotated\. New key: sk-.*wxyz/)).toBeVisible();
    await expect(page.getByLabel("API key")).toHaveValue("");
    await screen(page, "provider-key-detail");
  });

  await test.step("an endpoint with a weighted traffic split and a fallback model; a weight edit persists", async () => {
    await nav(page, "Endpoints");
    await page.getByRole("link", { name: "New endpoint" }).click();
    await page.getByLabel("Name").fill("chat-split");
    const models = [
      { model: "gpt-4o", weight: "3", fallbackOrder: "" },
      { model: "gpt-4o-mini", weight: "1", fallbackOrder: "" },
      { model: "gpt-4.1-nano", weight: "0", fallbackOrder: "0" },
    ];
    for (const [i, m] of models.entries()) {
      if (i > 0) await page.getByRole("button", { name: "Add model" }).click();
      await page.getByLabel(`Model ${i + 1}`, { exact: true }).fill(m.model);
      await page.getByLabel(`Weight of model ${i + 1}`).fill(m.weight);
      if (m.fallbackOrder) await page.getByLabel(`Fallback order of model ${i + 1}`).fill(m.fallbackOrder);
    }
    await page.getByLabel("Fall back on statuses").fill("429, 5xx");
    const rows = page.getByTestId("model-row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText("75%");
    await expect(rows.nth(1)).toContainText("25%");
    await expect(rows.nth(2)).toContainText("—");
    await screen(page, "endpoint-split-new");
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(page).toHaveURL(/\/endpoints$/);

    // The list shows the split as percentages and the fallback chain.
    const row = page.getByRole("row", { name: /chat-split/ });
    await expect(row).toContainText(/gpt-4o\s*OpenAI · 75%/);
    await expect(row).toContainText(/gpt-4o-mini\s*OpenAI · 25%/);
    await expect(row).toContainText("Fallback: gpt-4.1-nano");
    await screen(page, "endpoints-split");

    // The endpoint's page: weights saved as percentages, the fallback order and statuses as entered.
    await row.getByRole("link", { name: "chat-split" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "chat-split" })).toBeVisible();
    await expect(page.getByLabel("Weight of model 1")).toHaveValue("75");
    await expect(page.getByLabel("Weight of model 2")).toHaveValue("25");
    await expect(page.getByLabel("Weight of model 3")).toHaveValue("0");
    await expect(page.getByLabel("Fallback order of model 3")).toHaveValue("0");
    await expect(page.getByLabel("Fallback order of model 1")).toHaveValue("");
    await expect(rows.nth(0)).toContainText("75%");
    await expect(rows.nth(1)).toContainText("25%");
    await expect(page.getByLabel("Fall back on statuses")).toHaveValue("429, 5xx");
    await screen(page, "endpoint-split-edit");

    await page.getByLabel("Weight of model 2").fill("75");
    await expect(rows.nth(1)).toContainText("50%");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/endpoints$/);
    await expect(row).toContainText(/gpt-4o\s*OpenAI · 50%/);
    await expect(row).toContainText(/gpt-4o-mini\s*OpenAI · 50%/);
    await expect(row).toContainText("Fallback: gpt-4.1-nano");
    await row.getByRole("link", { name: "chat-split" }).click();
    await expect(page.getByLabel("Weight of model 2")).toHaveValue("50");
    await expect(page.getByLabel("Weight of model 1")).toHaveValue("50");
    await expect(page.getByLabel("Fallback order of model 3")).toHaveValue("0");
    await expect(page.getByLabel("Fall back on statuses")).toHaveValue("429, 5xx");
    await screen(page, "endpoint-split-edited");
  });

  let token = "";
  await test.step("create a team and a token, shown once", async () => {
    await nav(page, "Teams");
    await screen(page, "teams-empty");
    await page.getByLabel("Team name").fill("e2e-team");
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page.getByRole("heading", { name: "e2e-team" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("ci-runner");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("created-token");
    await expect(shown).toHaveText(/^gth_[0-9A-Za-z]{43}$/);
    token = (await shown.textContent()) ?? "";
    await expect(page.getByText("you won't see this token again")).toBeVisible();
    await screen(page, "team-token-created");
    await page.getByRole("button", { name: "Done, I saved it" }).click();
    await expect(page.getByTestId("created-token")).toHaveCount(0);
    const row = page.getByRole("row", { name: /ci-runner/ });
    await expect(row).toContainText(token.slice(0, 12));
    await expect(row).toContainText("Active");
    await expect(row).not.toContainText(token);
    // The full base URL to paste into an SDK, as this browser reaches the server.
    await expect(page.getByText(new URL("/gateway/mlflow/v1", page.url()).href, { exact: true })).toBeVisible();
    await screen(page, "team");
  });

  await test.step("the token works on the gateway until it is revoked", async () => {
    const models = await request.get("/gateway/mlflow/v1/models", { headers: { authorization: `Bearer ${token}` } });
    expect(models.status()).toBe(200);
    expect(JSON.stringify(await models.json())).toContain("chat-e2e");

    const row = page.getByRole("row", { name: /ci-runner/ });
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Revoke" }).click();
    // Revoked tokens are hidden until "Show revoked" is clicked.
    await expect(row).toHaveCount(0);
    await page.getByRole("link", { name: "Show revoked (1)" }).click();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    await expect
      .poll(async () => (await request.get("/gateway/mlflow/v1/models", { headers: { authorization: `Bearer ${token}` } })).status(), {
        timeout: 5_000,
      })
      .toBe(401);
    await screen(page, "team-token-revoked");
  });

  await test.step("users and admin tokens pages", async () => {
    await nav(page, "Users");
    await expect(page.getByRole("row", { name: new RegExp(ADMIN.email) })).toContainText("admin");
    await screen(page, "users");
    await nav(page, "Admin tokens");
    await page.getByLabel("Name", { exact: true }).fill("terraform");
    await page.getByRole("button", { name: "Create token" }).click();
    const adminToken = (await page.getByTestId("created-token").textContent()) ?? "";
    expect(adminToken).toMatch(/^gha_/);
    const endpoints = await request.get("/api/v1/endpoints", { headers: { authorization: `Bearer ${adminToken}` } });
    expect(endpoints.status()).toBe(200);
    await page.getByRole("button", { name: "Done, I saved it" }).click();
    await screen(page, "admin-tokens");
  });

  await test.step("change own password: current one required, other sessions end, this one stays", async () => {
    const newPassword = "e2e-admin-password-changed";
    // Another session of the same admin, signed in before the change.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto("/signin");
    await otherPage.getByLabel("Email").fill(ADMIN.email);
    await otherPage.getByLabel("Password").fill(ADMIN.password);
    await otherPage.getByRole("button", { name: "Sign in" }).click();
    await expect(otherPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();

    const changePassword = async (current: string, next: string) => {
      await nav(page, "Users");
      await page.getByRole("row", { name: new RegExp(ADMIN.email) }).getByRole("link", { name: "Edit" }).click();
      await page.getByLabel("New password").fill(next);
      await page.getByLabel("Current password").fill(current);
      await page.getByRole("button", { name: "Save changes" }).click();
    };
    await changePassword("not-my-password", newPassword);
    await expect(page.locator('[data-field-error="currentPassword"]')).toHaveText("Wrong current password.");
    await expect(page.getByLabel("New password")).toHaveValue(newPassword);
    await page.getByLabel("Current password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/Your password was changed/)).toBeVisible();
    await screen(page, "own-password-changed");

    // This session stays signed in; the one from before the change is over.
    await nav(page, "Endpoints");
    await otherPage.goto("/endpoints");
    await expect(otherPage).toHaveURL(/\/signin/);
    await other.close();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

    // Back to the password the other specs sign in with.
    await changePassword(newPassword, ADMIN.password);
    await expect(page.getByText(/Your password was changed/)).toBeVisible();
  });

  await test.step("sign out", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/endpoints");
    await expect(page).toHaveURL(/\/signin/);
  });

  expect(problems).toEqual([]);
});

test("a member sees only their teams and cannot reach admin pages", async ({ browser, page }) => {
  const member = { email: "member@e2e.test", password: "member-password" };
  await signIn(page);
  await nav(page, "Users");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("row", { name: new RegExp(member.email) })).toContainText("member");
  // The form was cleared for the next user.
  await expect(page.getByLabel("Email")).toHaveValue("");

  for (const name of ["member-team", "other-team"]) {
    await nav(page, "Teams");
    await page.getByLabel("Team name").fill(name);
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
  await nav(page, "Teams");
  await page.getByRole("link", { name: "member-team" }).click();
  await page.getByLabel("Add a user").selectOption({ label: member.email });
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("row", { name: new RegExp(member.email) })).toBeVisible();

  const context = await browser.newContext();
  const memberPage = await context.newPage();
  await memberPage.goto("/signin");
  await memberPage.getByLabel("Email").fill(member.email);
  await memberPage.getByLabel("Password").fill(member.password);
  await memberPage.getByRole("button", { name: "Sign in" }).click();
  await expect(memberPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const sidebar = memberPage.getByRole("navigation", { name: "Main" });
  await expect(sidebar.getByRole("link")).toHaveText(["Dashboard", "Traces", "Endpoints", "Teams"]);
  await screen(memberPage, "member-dashboard");

  await sidebar.getByRole("link", { name: "Teams" }).click();
  await expect(memberPage.getByRole("link", { name: "member-team" })).toBeVisible();
  await expect(memberPage.getByRole("link", { name: "other-team" })).toHaveCount(0);
  await memberPage.getByRole("link", { name: "member-team" }).click();
  await memberPage.getByLabel("Name", { exact: true }).fill("member-app");
  await memberPage.getByRole("button", { name: "Create token" }).click();
  await expect(memberPage.getByTestId("created-token")).toHaveText(/^gth_/);
  await expect(memberPage.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await screen(memberPage, "member-team");

  expect((await memberPage.request.get("/api/v1/secrets")).status()).toBe(403);
  for (const path of ["/provider-keys", "/users", "/admin-tokens", "/endpoints/new"]) {
    const response = await memberPage.goto(path);
    expect(response?.status(), path).toBe(404);
  }

  await test.step("the member changes their own name and password on Account", async () => {
    const newPassword = "member-password-changed";
    await memberPage.goto("/");
    await memberPage.getByRole("link", { name: "Account" }).click();
    await expect(memberPage.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
    await expect(memberPage.getByTestId("account-email")).toHaveText(member.email);
    await expect(memberPage.getByTestId("account-role")).toHaveText("member");

    await memberPage.getByLabel("Name").fill("Mia Member");
    await memberPage.getByRole("button", { name: "Save changes" }).click();
    await expect(memberPage.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(memberPage.getByLabel("Name")).toHaveValue("Mia Member");
    // The sidebar shows the new name.
    await expect(memberPage.getByText("Mia Member", { exact: true })).toBeVisible();

    await memberPage.getByLabel("Current password").fill("not-my-password");
    await memberPage.getByLabel("New password").fill(newPassword);
    await memberPage.getByRole("button", { name: "Save changes" }).click();
    await expect(memberPage.locator('[data-field-error="currentPassword"]')).toHaveText("Wrong current password.");
    await expect(memberPage.getByLabel("New password")).toHaveValue(newPassword);
    await expect(memberPage.getByLabel("Current password")).toHaveValue("not-my-password");
    await screen(memberPage, "account-wrong-password");

    await memberPage.getByLabel("Current password").fill(member.password);
    await memberPage.getByRole("button", { name: "Save changes" }).click();
    await expect(memberPage.getByText(/Your password was changed/)).toBeVisible();
    await expect(memberPage.getByLabel("New password")).toHaveValue("");
    await expect(memberPage.getByLabel("Current password")).toHaveValue("");
    await expect(memberPage.getByLabel("Name")).toHaveValue("Mia Member");
    await screen(memberPage, "account-password-changed");

    await memberPage.getByRole("button", { name: "Sign out" }).click();
    await expect(memberPage).toHaveURL(/\/signin/);
    await memberPage.getByLabel("Email").fill(member.email);
    await memberPage.getByLabel("Password").fill(newPassword);
    await memberPage.getByRole("button", { name: "Sign in" }).click();
    await expect(memberPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(memberPage.getByText("Mia Member", { exact: true })).toBeVisible();
  });
  await context.close();
});
