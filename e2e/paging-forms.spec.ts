// Over the traffic usage.spec leaves: the trace list pages back ("← Newer") as well as forward
// with the cursor API (the way back kept in the URL); a trace's page shows its id and status once;
// the provider-key form drops an error that no longer applies when the provider changes; the
// endpoint form names each fallback status it cannot use and what it accepts.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "./env";
import { screen } from "./screens";
import { signIn } from "./sign-in";


const ids = (page: Page) => page.locator("tr[data-trace-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-trace-id")));

test("trace list: Next page, then Newer back to the first page", async ({ page }) => {
  await signIn(page);
  await page.goto("/traces?limit=5");
  await expect(page.locator("tr[data-trace-id]")).toHaveCount(5);
  await expect(page.getByRole("link", { name: "← Newer" })).toHaveCount(0);
  const first = await ids(page);
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  const second = await ids(page);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/back=/);
  const third = await ids(page);
  expect(third.filter((id) => second.includes(id))).toEqual([]);
  await expect(page.getByRole("link", { name: "Newest" })).toBeVisible();
  await screen(page, "traces-page-3");

  await page.getByRole("link", { name: "← Newer" }).click();
  await expect.poll(() => ids(page)).toEqual(second);
  expect(new URL(page.url()).searchParams.get("limit")).toBe("5");
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect.poll(() => ids(page)).toEqual(first);
  expect(new URL(page.url()).searchParams.has("cursor")).toBe(false);
  await expect(page.getByRole("link", { name: "← Newer" })).toHaveCount(0);
});

test("trace detail: the id and the status once, in the header", async ({ page }) => {
  await signIn(page);
  await page.goto("/traces?status=error");
  const id = (await page.locator("tr[data-trace-id]").first().getAttribute("data-trace-id"))!;
  await page.goto(`/traces/${id}`);
  await expect(page.getByText(id, { exact: true })).toHaveCount(1);
  await expect(page.getByText(/^Error \d{3}$/)).toHaveCount(1);
  await expect(page.locator("dt", { hasText: /^(Status|Trace id)$/ })).toHaveCount(0);
  await screen(page, "trace-detail-header");
});

test("forms: stale provider-key errors go with the provider; fallback statuses named", async ({ page }) => {
  await signIn(page);
  await page.goto("/provider-keys/new");
  await page.getByLabel("Provider").selectOption("openai");
  await page.getByRole("button", { name: "Save provider key" }).click();
  await expect(page.locator('[data-field-error="apiKey"]')).toHaveText("API key is required for OpenAI keys");
  await expect(page.locator('[data-field-error="name"]')).toBeVisible();
  await page.getByLabel("Provider").selectOption("anthropic");
  await expect(page.locator('[data-field-error="apiKey"]')).toHaveCount(0);
  // The name's error does not depend on the provider: it stays.
  await expect(page.locator('[data-field-error="name"]')).toBeVisible();
  await screen(page, "provider-key-switched");

  const res = await page.request.get("/api/v1/endpoints/usage-chat");
  await page.goto(`/endpoints/${(await res.json()).id}`);
  await page.getByLabel("Fall back on statuses").fill("abc, 429, 999");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator('[data-field-error="fallbackOn"]')).toHaveText(
    '"abc", "999" are not HTTP statuses a fallback can follow. Use HTTP statuses from 400 to 599 or "5xx", comma-separated.',
  );
  await screen(page, "endpoint-fallback-statuses-error");
});
