// The console on a phone (390px), a small laptop (1024px) and 1366px, over the traffic usage.spec
// leaves: no page is wider than the window (tables scroll inside their card), the sidebar is a
// top bar with a Menu button under md, the endpoint form's model rows fit, the provider selects
// show "OpenAI-compatible" whole, the 7-day charts' x-axis labels keep apart. A dashboard filter
// that matches nothing shows one empty state (no empty charts, no console errors, no "All
// requests priced"); an unknown team is not offered as a team.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "./env";
import { screen } from "./screens";
import { signIn } from "./sign-in";


/** Console errors and uncaught page errors from here on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`${page.url()}: ${err.message}`));
  return errors;
}

async function documentWidth(page: Page): Promise<{ scroll: number; viewport: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

async function endpointId(page: Page, name: string): Promise<string> {
  const res = await page.request.get(`/api/v1/endpoints/${name}`);
  expect(res.status()).toBe(200);
  return (await res.json()).id;
}

/** Whether a select is wide enough for `text` in its own font (plus room for the arrow). */
async function selectFits(page: Page, selector: string, text: string): Promise<boolean> {
  return page.locator(selector).evaluate((el, t) => {
    const style = getComputedStyle(el);
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return ctx.measureText(t).width <= room;
  }, text);
}

test("a dashboard filter that matches nothing: one empty state, no console errors, no bogus team", async ({ page }) => {
  const errors = consoleErrors(page);
  await signIn(page);

  await page.goto("/?range=1h&model=nothing-here");
  await expect(page.getByRole("heading", { name: "No requests match these filters" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Clear filters" })).toHaveAttribute("href", "/?range=1h");
  await expect(page.locator("[data-chart]")).toHaveCount(0);
  await expect(page.getByText("All requests priced")).toHaveCount(0);
  await screen(page, "dashboard-no-match");

  await page.goto("/?range=1h&team=nonexistent");
  await expect(page.getByRole("heading", { name: "No requests match these filters" })).toBeVisible();
  const team = page.getByLabel("Team");
  await expect(team).toHaveValue("");
  await expect(team.locator("option", { hasText: "nonexistent" })).toHaveCount(0);
  await expect(page.locator('[data-field-error="f-team"]')).toHaveText(/Unknown team “nonexistent”/);
  await expect(team).toHaveAttribute("aria-invalid", "true");
  await screen(page, "dashboard-unknown-team");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/\?range=1h$/);

  // With traffic: the charts draw, the tile says what is priced.
  await page.goto("/?range=7d");
  await expect(page.locator('[data-chart="requests"] .recharts-cartesian-axis-tick-value').first()).toBeVisible();
  // The x-axis labels of the 7-day range keep a clear gap.
  const ticks = await page
    .locator('[data-chart="requests"] .recharts-xAxis .recharts-cartesian-axis-tick-value')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]).sort((a, b) => a[0] - b[0]));
  expect(ticks.length).toBeGreaterThan(1);
  for (let i = 1; i < ticks.length; i++) expect(ticks[i][0] - ticks[i - 1][1], `gap after tick ${i - 1}`).toBeGreaterThanOrEqual(12);
  await screen(page, "dashboard-7d");
  expect(errors).toEqual([]);
});

for (const width of [390, 1024]) {
  test(`at ${width}px no console page is wider than the window`, async ({ page }) => {
    const errors = consoleErrors(page);
    await page.setViewportSize({ width, height: 900 });
    await signIn(page);
    const id = await endpointId(page, "usage-chat");
    for (const [name, path] of [
      ["dashboard", "/"],
      ["traces", "/traces"],
      ["endpoint-edit", `/endpoints/${id}`],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const { scroll, viewport } = await documentWidth(page);
      expect(scroll, `${path} at ${width}px`).toBeLessThanOrEqual(viewport);
      await screen(page, `${name}-${width}`);
    }
    // The other pages fit too (no screenshot).
    const teams = (await (await page.request.get("/api/v1/teams")).json()).data as { id: string; name: string }[];
    const team = teams.find((t) => t.name === "usage-team")!;
    for (const path of [`/teams/${team.id}`, "/teams", "/endpoints", "/provider-keys", "/prices", "/users", "/admin-tokens", "/judges", "/datasets", "/evaluations"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const { scroll, viewport } = await documentWidth(page);
      expect(scroll, `${path} at ${width}px`).toBeLessThanOrEqual(viewport);
    }
    await page.goto(`/endpoints/${id}`);
    if (width === 1024) {
      // Every field of a model row is inside the form, the model input wide enough for a model id.
      const form = (await page.locator("form").filter({ has: page.getByLabel("Model 1") }).boundingBox())!;
      for (const label of ["Provider of model 1", "Model 1", "Provider key of model 1", "Weight of model 1", "Fallback order of model 1"]) {
        const box = (await page.getByLabel(label, { exact: true }).boundingBox())!;
        expect(box.x + box.width, label).toBeLessThanOrEqual(form.x + form.width + 1);
      }
      expect((await page.getByLabel("Model 1", { exact: true }).boundingBox())!.width).toBeGreaterThanOrEqual(240);
      await expect(page.getByTestId("model-share").first()).toBeVisible();
    } else {
      // The sidebar is a top bar: the navigation opens from the Menu button and closes on navigation.
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav).toBeHidden();
      await page.getByRole("button", { name: "Menu" }).click();
      await expect(nav).toBeVisible();
      await screen(page, "menu-390");
      await nav.getByRole("link", { name: "Traces" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Traces" })).toBeVisible();
      await expect(nav).toBeHidden();
    }
    expect(errors).toEqual([]);
  });
}

test("at 1366px the provider selects show 'OpenAI-compatible' whole", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  await page.goto(`/endpoints/${await endpointId(page, "usage-chat")}`);
  await page.getByLabel("Provider of model 1").selectOption("openai-compatible");
  expect(await selectFits(page, '[aria-label="Provider of model 1"]', "OpenAI-compatible")).toBe(true);
  await screen(page, "endpoint-edit-1366");
  await page.goto("/?provider=openai-compatible");
  expect(await selectFits(page, "#f-provider", "OpenAI-compatible")).toBe(true);
  const { scroll, viewport } = await documentWidth(page);
  expect(scroll).toBeLessThanOrEqual(viewport);
});
