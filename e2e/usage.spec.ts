// The usage dashboard and the trace explorer over real traffic: a provider key pointing at a fake
// OpenAI server started here, two endpoints (one priced model, one without a price), a team token,
// ~20 calls through the gateway with the official OpenAI SDK (some failing). Then: charts render
// with data, the endpoint filter changes the numbers, a bar click opens the explorer on that slice,
// a trace shows its transcript and raw JSON; the time filters report an out-of-order from–to at the
// fields and keep the user's choices; the explorer's selection message goes away when the selection
// changes; a request rejected before a model was picked is a "(no model)" row without a link; the
// price overrides page validates and saves.
import { expect, test, type Page } from "@playwright/test";
import OpenAI from "openai";
import { OpenAiFake } from "../tests/fakes/openai";
import { ADMIN } from "./env";
import { screen } from "./screens";
import { signIn } from "./sign-in";

const FAKE_KEY = "sk-usage-fake-0123456789abcdef";


async function post(page: Page, path: string, data: unknown): Promise<any> {
  const res = await page.request.post(path, { data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return res.json();
}

const kpi = (page: Page, label: string) => page.locator(`[data-kpi="${label}"] [data-kpi-value]`);

/** Bars with a height in a chart container (Tremor draws one rect per value). */
async function drawnBars(page: Page, chart: string): Promise<number[]> {
  return page.locator(`[data-chart="${chart}"] .recharts-bar-rectangle rect`).evaluateAll((rects) =>
    rects.map((r, i) => (Number(r.getAttribute("height")) > 0 ? i : -1)).filter((i) => i >= 0),
  );
}

test("usage dashboard → trace explorer → trace detail, over real gateway traffic", async ({ page, baseURL }) => {
  const fake = await new OpenAiFake("openai", FAKE_KEY).start();
  try {
    await signIn(page);
    let teamId = "";
    await test.step("set up a key, two endpoints and a team token through the admin API", async () => {
      const secret = await post(page, "/api/v1/secrets", { name: "usage-openai", provider: "openai", apiKey: FAKE_KEY, config: { baseUrl: fake.baseUrl } });
      await post(page, "/api/v1/endpoints", { name: "usage-chat", kind: "chat", models: [{ provider: "openai", model: "gpt-4o-mini", secretId: secret.id }] });
      // A model without a built-in price: its cost is unknown.
      await post(page, "/api/v1/endpoints", { name: "usage-local", kind: "chat", models: [{ provider: "openai", model: "house-llm-7b", secretId: secret.id }] });
      teamId = (await post(page, "/api/v1/teams", { name: "usage-team" })).id;
    });
    const token: string = (await post(page, `/api/v1/teams/${teamId}/tokens`, { name: "usage-app" })).token;

    await test.step("send 20 chat calls through the gateway with the OpenAI SDK (4 fail)", async () => {
      const client = new OpenAI({ baseURL: `${baseURL}/gateway/mlflow/v1`, apiKey: token, maxRetries: 0 });
      for (let i = 0; i < 10; i++) {
        const r = await client.chat.completions.create({ model: "usage-chat", messages: [{ role: "user", content: `Question chat ${i}` }] });
        expect(r.choices[0].message.content).toBe(`echo: Question chat ${i}`);
      }
      fake.switches.fail = { status: 400, message: "Injected upstream failure", times: 4 };
      for (let i = 0; i < 4; i++) {
        await expect(client.chat.completions.create({ model: "usage-chat", messages: [{ role: "user", content: `Doomed ${i}` }] })).rejects.toThrow();
      }
      for (let i = 0; i < 6; i++) {
        await client.chat.completions.create({ model: "usage-local", messages: [{ role: "user", content: `Question local ${i}` }] });
      }
      // The background writer stores traces in batches: wait until all 20 are there.
      await expect
        .poll(async () => ((await (await page.request.get("/api/v1/traces?limit=100")).json()).data as unknown[]).length, { timeout: 20_000 })
        .toBe(20);
    });

    await test.step("the dashboard shows the traffic", async () => {
      await page.goto("/");
      await expect(kpi(page, "Requests")).toHaveText("20");
      await expect(kpi(page, "Error rate")).toHaveText("20%");
      await expect(kpi(page, "Tokens")).not.toHaveText("0");
      await expect(kpi(page, "p50 latency")).toHaveText(/\d+ ms|s$/);
      // Some requests have a price, some do not: a known cost plus a note, never "$0".
      await expect(kpi(page, "Cost")).toHaveText(/^\$\d/);
      await expect(page.locator('[data-kpi="Cost"]')).toContainText("6 requests without a price");
      // Charts are drawn, with data and in colour (a missing Tailwind safelist entry leaves them uncoloured).
      expect((await drawnBars(page, "requests")).length).toBeGreaterThanOrEqual(2); // succeeded + failed
      // Bursty traffic (one bucket): latency is drawn as bars, p50 / p90 / p99, in their colours.
      const latencyBars = page.locator('[data-chart="latency"] .recharts-bar-rectangle rect');
      expect((await drawnBars(page, "latency")).length).toBe(3);
      const latencyFills = await latencyBars.evaluateAll((rects) =>
        rects.filter((r) => Number(r.getAttribute("height")) > 0).map((r) => getComputedStyle(r).fill),
      );
      expect(latencyFills).toEqual(["rgb(16, 185, 129)", "rgb(245, 158, 11)", "rgb(244, 63, 94)"]); // emerald, amber, rose 500
      const barFill = await page.locator('[data-chart="requests"] .recharts-bar-rectangle rect').first().evaluate((el) => getComputedStyle(el).fill);
      expect(barFill).toBe("rgb(99, 102, 241)"); // indigo-500
      expect(await page.locator('[data-chart="cumulative-tokens"] path.recharts-area-area').count()).toBeGreaterThan(0);
      // All traffic falls in one bucket: the cumulative cost is still a line from 0 (empty buckets
      // count as 0), not a lone dot.
      const costLine = await page.locator('[data-chart="cumulative-cost"] path.recharts-area-curve').first().getAttribute("d");
      expect((costLine ?? "").split("L").length).toBeGreaterThan(2);
      await expect(page.locator('[data-chart="cost-by-provider"] svg path').first()).toBeVisible();
      // OpenAI's cost covers 14 of its 20 requests: the row says so, as the other breakdowns do.
      await expect(page.locator('[data-chart="cost-by-provider"] li').filter({ hasText: "OpenAI" })).toContainText("20 req (6 unpriced)");
      await expect(page.locator('[data-chart="top-endpoints"] li')).toHaveCount(2);
      await expect(page.locator('[data-chart="cost-by-model"]')).toContainText("house-llm-7b");
      await expect(page.locator('[data-chart="cost-by-model"]')).toContainText("unknown");
      await screen(page, "usage-dashboard");
    });

    await test.step("filtering by endpoint changes the URL and the numbers", async () => {
      await page.getByLabel("Endpoint").selectOption("usage-local");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/[?&]endpoint=usage-local/);
      await expect(kpi(page, "Requests")).toHaveText("6");
      await expect(kpi(page, "Error rate")).toHaveText("0%");
      await expect(kpi(page, "Cost")).toHaveText("unknown");
      // No "$0" chart for unpriced traffic.
      await expect(page.locator('[data-chart="cost"]')).toContainText("Unknown: none of these 6 requests has a price");
      await screen(page, "usage-dashboard-filtered");
    });

    await test.step("a click on a bar opens the trace explorer on that bucket", async () => {
      const bars = await drawnBars(page, "requests");
      expect(bars.length).toBeGreaterThan(0);
      await page.locator('[data-chart="requests"] .recharts-bar-rectangle rect').nth(bars[bars.length - 1]).click();
      await expect(page).toHaveURL(/\/traces\?/);
      const url = new URL(page.url());
      expect(url.searchParams.get("endpoint")).toBe("usage-local");
      expect(url.searchParams.get("from")).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(url.searchParams.get("to")).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(url.searchParams.has("range")).toBe(false);
      const rows = page.locator("tr[data-trace-id]");
      await expect(rows.first()).toBeVisible();
      expect(await rows.count()).toBeLessThanOrEqual(6);
      for (const text of await rows.allInnerTexts()) expect(text).toContain("usage-local");
      await screen(page, "traces-from-chart");
    });

    await test.step("a trace shows its transcript and raw JSON", async () => {
      await page.locator("tr[data-trace-id]").first().getByRole("link").click();
      await expect(page).toHaveURL(/\/traces\/[^/?]+$/);
      await expect(page.locator('[data-payload="request"] [data-role="user"]')).toContainText(/Question local \d/);
      await expect(page.locator('[data-payload="response"] [data-role="assistant"]')).toContainText(/echo: Question local \d/);
      await expect(page.locator("[data-waterfall] [data-span]")).toHaveCount(1);
      // The time axis never repeats a label, even for a call of a millisecond or two.
      const ticks = await page.getByTestId("waterfall-axis").locator("span").allInnerTexts();
      expect(ticks).toHaveLength(3);
      expect(new Set(ticks).size).toBe(3);
      await expect(page.getByText("house-llm-7b").first()).toBeVisible();
      const raw = page.locator('[data-raw-json="request"]');
      await expect(raw).toBeHidden();
      await page.locator('[data-payload="request"]').getByText("Show raw JSON").click();
      await expect(raw).toBeVisible();
      await expect(raw).toContainText('"messages"');
      await screen(page, "trace-detail");
    });

    await test.step("explorer filters: failed requests, search, pagination that keeps the filters", async () => {
      await page.goto("/traces?status=error");
      await expect(page.locator("tr[data-trace-id]")).toHaveCount(4);
      await page.locator("tr[data-trace-id]").first().getByRole("link").click();
      await expect(page.getByRole("alert").filter({ hasText: "Injected upstream failure" })).toBeVisible();
      await screen(page, "trace-detail-error");

      await page.goto("/traces");
      await page.getByLabel("Search payloads").fill("Question chat 7");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/q=Question/);
      await expect(page.locator("tr[data-trace-id]")).toHaveCount(1);

      await page.goto("/traces?endpoint=usage-chat&limit=5");
      await expect(page.locator("tr[data-trace-id]")).toHaveCount(5);
      const firstPage = await page.locator("tr[data-trace-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-trace-id")));
      await screen(page, "traces");
      await page.getByRole("link", { name: "Next page" }).click();
      await expect(page).toHaveURL(/cursor=/);
      const url = new URL(page.url());
      expect(url.searchParams.get("endpoint")).toBe("usage-chat");
      expect(url.searchParams.get("limit")).toBe("5");
      await expect(page.locator("tr[data-trace-id]")).toHaveCount(5);
      const secondPage = await page.locator("tr[data-trace-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-trace-id")));
      expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
      for (const text of await page.locator("tr[data-trace-id]").allInnerTexts()) expect(text).toContain("usage-chat");
    });

    await test.step("time filters: wide enough at 1440 and 1280px; From after To is an error at the fields", async () => {
      for (const width of [1440, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of ["/", "/traces"]) {
          await page.goto(path);
          // A datetime-local input shows "mm/dd/yyyy, --:-- --" (en-US) in ~11.5rem.
          for (const id of ["#f-from", "#f-to"]) expect((await page.locator(id).boundingBox())!.width, `${path} ${id} at ${width}px`).toBeGreaterThanOrEqual(184);
        }
      }
      await page.goto("/");
      await page.getByLabel("Provider").selectOption("openai");
      await page.getByLabel("From (UTC)").fill("2026-12-06T12:00");
      await page.getByLabel("To (UTC)").fill("2026-12-05T12:00");
      // Typing a from–to shows the range as custom right away.
      await expect(page.getByLabel("Time range")).toHaveValue("");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/from=/);
      await expect(page.locator('[data-field-error="f-from"]')).toHaveText("From must be before To");
      await expect(page.getByText("Invalid filters")).toHaveCount(0);
      // The user's choices stay: the range is the custom one, the dates and the provider as typed.
      await expect(page.getByLabel("Time range")).toHaveValue("");
      await expect(page.getByLabel("Time range").locator("option:checked")).toHaveText("Custom range");
      await expect(page.getByLabel("From (UTC)")).toHaveValue("2026-12-06T12:00");
      await expect(page.getByLabel("To (UTC)")).toHaveValue("2026-12-05T12:00");
      await expect(page.getByLabel("Provider")).toHaveValue("openai");
      await expect(page.getByLabel("To (UTC)")).toHaveAttribute("aria-invalid", "true");
      await screen(page, "usage-filter-error");
      // Picking a preset clears the dates.
      await page.getByLabel("Time range").selectOption("7d");
      await expect(page.getByLabel("From (UTC)")).toHaveValue("");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/range=7d/);
      await expect(page.locator('[data-field-error="f-from"]')).toHaveCount(0);
      await expect(kpi(page, "Requests")).toHaveText("20"); // every call went to OpenAI

      await page.goto("/traces?from=2026-12-06T12:00&to=2026-12-05T12:00");
      await expect(page.locator('[data-field-error="f-from"]')).toHaveText("From must be before To");
      await expect(page.getByText("Invalid filters")).toHaveCount(0);
    });

    await test.step("trace explorer at 1280px: the table fits; the selection message goes when the selection changes", async () => {
      await page.goto("/traces");
      const fit = await page.locator("table").evaluate((t) => [t.scrollWidth, t.parentElement!.clientWidth]);
      expect(fit[0]).toBeLessThanOrEqual(fit[1]);
      const message = page.getByText("Select at least one trace first.");
      await page.getByRole("button", { name: "Add to dataset" }).click();
      await expect(message).toBeVisible();
      await page.locator("tr[data-trace-id]").first().getByRole("checkbox").check();
      await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
      await expect(message).toHaveCount(0);
      await screen(page, "traces-selection-1280");
      await page.locator("tr[data-trace-id]").first().getByRole("checkbox").uncheck();
      await expect(message).toHaveCount(0);
      await page.getByRole("button", { name: "Add to dataset" }).click();
      await expect(message).toBeVisible();
      await page.setViewportSize({ width: 1440, height: 900 });
    });

    await test.step("a request rejected before a model was picked: a (no model) row without a link", async () => {
      const res = await page.request.post("/gateway/mlflow/v1/chat/completions", {
        headers: { authorization: `Bearer ${token}` },
        data: { model: "usage-chat", messages: "not a list" },
      });
      expect(res.status()).toBe(400);
      await expect
        .poll(async () => ((await (await page.request.get("/api/v1/traces?limit=100")).json()).data as unknown[]).length, { timeout: 20_000 })
        .toBe(21);
      await page.goto("/");
      const noModel = page.locator('[data-chart="cost-by-model"] li').filter({ hasText: "(no model)" });
      await expect(noModel).toHaveCount(1);
      await expect(noModel.locator("a")).toHaveCount(0);
      await expect(noModel.locator("[data-no-link]")).toHaveAttribute("title", /no filter for requests without a model/);
      // The other rows link to their slice, within the dashboard's range.
      await expect(page.locator('[data-chart="cost-by-model"] a').filter({ hasText: "gpt-4o-mini" })).toHaveAttribute(
        "href",
        "/traces?range=24h&model=gpt-4o-mini&provider=openai",
      );
      const noProvider = page.locator('[data-chart="cost-by-provider"] li').filter({ hasText: "(no provider)" });
      await expect(noProvider.locator("a")).toHaveCount(0);
      await screen(page, "usage-dashboard-no-model");
    });

    await test.step("price overrides: a field error, then a saved price", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Prices" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Prices" })).toBeVisible();
      await page.getByLabel("Model pattern").fill("house-llm-*");
      await page.getByLabel("Input (USD / 1M tokens)").fill("-1");
      await page.getByLabel("Output (USD / 1M tokens)").fill("0.5");
      await page.getByRole("button", { name: "Add price" }).click();
      await expect(page.locator('[data-field-error="inputPerMillion"]')).toContainText(">= 0");
      await page.getByLabel("Input (USD / 1M tokens)").fill("0.2");
      await page.getByRole("button", { name: "Add price" }).click();
      await expect(page.getByRole("row", { name: /house-llm-\*/ })).toContainText("$0.20");
      // Price columns carry their unit; the built-in list's date reads like every other date.
      await expect(page.getByRole("columnheader", { name: "Input per 1M tokens" }).first()).toBeVisible();
      await expect(page.getByText(/as of \d{1,2} [A-Z][a-z]{2} \d{4}\./)).toBeVisible();
      await screen(page, "prices");
    });

    await test.step("prices search: a model id shows the rows that price it, in the URL", async () => {
      const search = page.getByRole("search", { name: "Search prices" });
      await search.getByLabel("Model").fill("house-llm-7b");
      await search.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/prices\?provider=&q=house-llm-7b$/);
      await expect(page.getByRole("row", { name: /house-llm-\*/ })).toBeVisible();
      await expect(page.getByText("No matching built-in price")).toBeVisible();
      await search.getByLabel("Provider").selectOption("anthropic");
      await search.getByLabel("Model").fill("claude-sonnet-4-5-20250929");
      await search.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/prices\?provider=anthropic&q=claude-sonnet-4-5-20250929$/);
      await expect(page.getByText("No matching price override")).toBeVisible();
      await expect(page.getByText("To override the built-in price below, add one for this model.")).toBeVisible();
      const rows = page.getByRole("table").getByRole("row");
      // Header + the globs that match the id: claude-sonnet-4-5* (the most specific, listed first) and claude-sonnet-4*.
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(1)).toContainText("claude-sonnet-4-5*");
      await expect(rows.nth(2)).toContainText("claude-sonnet-4*");
      const sonnet = rows.nth(1);
      await expect(sonnet.getByRole("cell").nth(2)).toHaveText("$3.00$6.00 >200K");
      await screen(page, "prices-search");
      await page.getByRole("link", { name: "Reset" }).click();
      await expect(page).toHaveURL(/\/prices$/);
    });
  } finally {
    await fake.close();
  }
});
