// Evaluation end to end over real gateway traffic: a fake OpenAI-compatible upstream (started
// here) answers the app's chat calls and the judges' calls; 6 calls go through the gateway with
// the official OpenAI SDK. In the browser: select the traces in the trace explorer → create a
// dataset from them → start a run with two judges → the progress bar reaches done → results →
// a second run where the completeness judge is stricter → compare the two runs.
import { expect, test, type Page } from "@playwright/test";
import OpenAI from "openai";
import { ADMIN } from "./env";
import { startFakeUpstream, type FakeUpstream } from "./fake-upstream";
import { screen } from "./screens";
import { signIn } from "./sign-in";

const QUESTIONS = [
  "What is the capital of France?",
  "Why is the sky blue?",
  "Name three primary colours.",
  "Why do cats purr?",
  "Translate 'good morning' to German.",
  "Why does ice float on water?",
];


async function post(page: Page, path: string, data: unknown): Promise<any> {
  const res = await page.request.post(path, { data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return res.json();
}

/** New run over a dataset with the two judges on the fake's endpoint; waits until it finished.
 * The first run has no judge endpoint to preselect: starting without one is a field error. */
async function runDataset(page: Page, datasetId: string, name: string, options: { first?: boolean } = {}) {
  await page.goto(`/evaluations/new?dataset=${datasetId}`);
  await expect(page.getByRole("heading", { level: 1, name: "New evaluation run" })).toBeVisible();
  await page.getByLabel("Run name").fill(name);
  await expect(page.locator("#datasetId")).toHaveValue(datasetId);
  await page.getByRole("checkbox", { name: "relevance_to_query" }).check();
  await page.getByRole("checkbox", { name: "completeness" }).check();
  await expect(page.getByText("2 judge(s) selected")).toBeVisible();
  if (options.first) {
    await expect(page.getByLabel("Judge endpoint")).toHaveValue("");
    await expect(page.getByLabel("Judge endpoint").locator("option:checked")).toHaveText("Choose a judge endpoint…");
    await page.getByRole("button", { name: "Start run" }).click();
    await expect(page.locator('[data-field-error="judgeEndpoint"]')).toHaveText("Choose the chat endpoint that runs the LLM judges.");
    await screen(page, "eval-run-new-no-judge-endpoint");
  }
  await page.getByLabel("Judge endpoint").selectOption("eval-chat");
  await screen(page, `eval-run-new-${name}`);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const bar = page.getByRole("progressbar", { name: "Run progress" });
  await expect(bar).toBeVisible();
  await screen(page, `eval-run-progress-${name}`);
  // The page refreshes itself every second while the run is queued / running.
  await expect(bar).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(page.getByTestId("run-progress-text")).toHaveText("6 / 6 done");
  await expect(bar).toHaveAttribute("aria-valuenow", "6");
}

test("traces → dataset → two evaluation runs → compare", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  let fake: FakeUpstream | null = await startFakeUpstream();
  try {
    await signIn(page);

    let token = "";
    await test.step("set up a key on the fake upstream, an endpoint and a team token (admin API)", async () => {
      const secret = await post(page, "/api/v1/secrets", { name: "eval-openai", provider: "openai", apiKey: "sk-eval-fake-0123456789abcdef", config: { baseUrl: fake!.baseUrl } });
      await post(page, "/api/v1/endpoints", { name: "eval-chat", kind: "chat", models: [{ provider: "openai", model: "gpt-4o-mini", secretId: secret.id }] });
      const team = await post(page, "/api/v1/teams", { name: "eval-team" });
      token = (await post(page, `/api/v1/teams/${team.id}/tokens`, { name: "eval-app" })).token;
    });

    await test.step("6 chat calls through the gateway with the OpenAI SDK", async () => {
      const client = new OpenAI({ baseURL: `${baseURL}/gateway/mlflow/v1`, apiKey: token, maxRetries: 0 });
      for (const q of QUESTIONS) {
        const r = await client.chat.completions.create({ model: "eval-chat", messages: [{ role: "user", content: q }] });
        expect(r.choices[0].message.content).toBe(`Answer: ${q}`);
      }
      expect(fake!.chatCalls).toBe(6);
      // The background writer stores traces in batches.
      await expect
        .poll(async () => ((await (await page.request.get("/api/v1/traces?endpoint=eval-chat&limit=100")).json()).data as unknown[]).length, {
          timeout: 20_000,
        })
        .toBe(6);
    });

    let datasetId = "";
    await test.step("select the traces in the explorer and create a dataset from them", async () => {
      await page.goto("/traces?endpoint=eval-chat");
      await expect(page.getByRole("checkbox", { name: /^Select trace / })).toHaveCount(6);
      await page.getByRole("checkbox", { name: "Select all traces on this page" }).check();
      await expect(page.getByTestId("selected-count")).toHaveText("6 selected");
      await page.getByLabel("New dataset name").fill("eval-golden");
      await screen(page, "eval-traces-selected");
      await page.getByRole("button", { name: "Add 6 to dataset" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "eval-golden" })).toBeVisible();
      datasetId = page.url().split("/datasets/")[1];
      const items = page.getByTestId("dataset-item");
      await expect(items).toHaveCount(6);
      // Inputs and outputs were copied from the traces, and each item links to its trace.
      await expect(page.getByText("Answer: Why is the sky blue?")).toBeVisible();
      await expect(page.getByRole("link", { name: "source trace" })).toHaveCount(6);
      await screen(page, "eval-dataset");
    });

    await test.step("first run: two judges, the progress bar reaches done, results per item", async () => {
      await runDataset(page, datasetId, "baseline", { first: true });
      await expect(page.getByTestId("aggregate-relevance_to_query")).toContainText("100% pass of 6 judged");
      await expect(page.getByTestId("aggregate-completeness")).toContainText("100% pass of 6 judged");
      await expect(page.getByTestId("aggregate-completeness")).not.toContainText("error");
      // Judge calls go through the gateway and are priced like any other call.
      await expect(page.getByTestId("run-cost")).toHaveText(/^\$0\.\d*[1-9]/);
      const rows = page.locator("tbody tr").filter({ has: page.getByTestId("verdict-completeness") });
      await expect(rows).toHaveCount(6);
      await expect(page.getByTestId("verdict-completeness").first()).toContainText("pass");
      await expect(page.getByTestId("verdict-relevance_to_query").first()).toContainText("The response answers the request.");
      // The distribution charts are drawn.
      await expect(page.locator("[data-testid=aggregate-completeness] .recharts-bar-rectangle").first()).toBeVisible();
      await screen(page, "eval-run-results-baseline");
      expect(fake!.judgeCalls).toBe(12);
    });

    await test.step("second run with a stricter completeness judge", async () => {
      fake!.strict = true;
      await runDataset(page, datasetId, "strict");
      await expect(page.getByTestId("aggregate-relevance_to_query")).toContainText("100% pass");
      await expect(page.getByTestId("aggregate-completeness")).toContainText("50% pass");
      await expect(page.getByTestId("verdict-completeness").filter({ hasText: "fail" })).toHaveCount(3);
      await screen(page, "eval-run-results-strict");
    });

    await test.step("a run cancelled midway: its unjudged items are marked skipped", async () => {
      fake!.judgeDelayMs = 3_000;
      await page.goto(`/evaluations/new?dataset=${datasetId}`);
      await page.getByLabel("Run name").fill("cancelled");
      // Preselected: the judge endpoint of the last run, named in the hint.
      await expect(page.getByLabel("Judge endpoint")).toHaveValue("eval-chat");
      await expect(page.getByTestId("judge-endpoint-hint")).toContainText("Preselected from your last run (strict)");
      await page.getByRole("checkbox", { name: "completeness" }).check();
      await page.getByRole("button", { name: "Start run" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "cancelled" })).toBeVisible();
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Cancel run" }).click();
      const bar = page.getByRole("progressbar", { name: "Run progress" });
      await expect(bar).toHaveAttribute("data-status", "cancelled", { timeout: 15_000 });
      await expect(page.getByRole("button", { name: "Delete run" })).toBeVisible();
      // Nothing was judged within 3 s: every item is skipped, none left "pending" or "running".
      await expect(page.locator("tbody tr").filter({ hasText: "skipped" })).toHaveCount(6);
      await expect(page.locator("tbody tr").filter({ hasText: /pending|running/ })).toHaveCount(0);
      // Unjudged items still show what they hold (the dataset's copy), and the judge's card says why it is empty.
      await expect(page.locator("tbody tr").filter({ hasText: "skipped" }).filter({ hasText: "Why is the sky blue?" })).toHaveCount(1);
      await expect(page.getByTestId("aggregate-completeness")).toContainText("The run was cancelled before this judge gave a verdict.");
      await screen(page, "eval-run-cancelled");
      fake!.judgeDelayMs = 0;
    });

    await test.step("the runs list and the comparison: which items changed verdict", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
      await expect(page.getByRole("row", { name: /baseline/ })).toContainText("completed");
      await expect(page.getByRole("row", { name: /strict/ })).toContainText("6/6");
      await screen(page, "eval-runs");
      // The defaults skip the run cancelled before any verdict: strict (newest judged) against baseline.
      await expect(page.getByLabel("Candidate run").locator("option:checked")).toHaveText(/^strict/);
      await expect(page.getByLabel("Baseline run").locator("option:checked")).toHaveText(/^baseline/);
      await page.getByLabel("Baseline run").selectOption({ label: (await page.getByLabel("Baseline run").locator("option", { hasText: /^baseline/ }).textContent())! });
      await page.getByLabel("Candidate run").selectOption({ label: (await page.getByLabel("Candidate run").locator("option", { hasText: /^strict/ }).textContent())! });
      await page.getByRole("button", { name: "Compare" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Compare runs" })).toBeVisible();
      await expect(page.getByText("6 items in both")).toBeVisible();
      await expect(page.getByTestId("changed-completeness")).toHaveText("3");
      await expect(page.getByTestId("changed-relevance_to_query")).toHaveText("0");
      await expect(page.getByRole("heading", { name: "Items that changed verdict (3)" })).toBeVisible();
      await expect(page.getByTestId("verdict-change").filter({ hasText: "pass→fail" })).toHaveCount(3);
      await screen(page, "eval-compare");
    });

    await test.step("the source trace of a dataset item shows the dataset runs' verdicts", async () => {
      const sky = (await (await page.request.get("/api/v1/traces?endpoint=eval-chat&excludeCaller=judge&q=sky&limit=5")).json()).data;
      expect(sky).toHaveLength(1);
      await page.goto(`/traces/${sky[0].id}`);
      const scores = page.locator("section").filter({ has: page.getByRole("heading", { name: "Evaluation" }) });
      // Both runs judged the item with both judges, yet each judge is listed once: its latest
      // verdict (run strict) in its row, the baseline's folded out under it.
      await expect(scores.getByTestId("judge-name")).toHaveText([/^completeness\b/, /^relevance_to_query\b/]);
      const completeness = scores.locator('[data-testid=judge-verdict][data-judge="completeness"]');
      await expect(completeness.getByTestId("latest-verdict")).toHaveText("fail");
      await expect(completeness.getByTestId("latest-source")).toContainText("run strict via dataset eval-golden");
      const relevance = scores.locator('[data-testid=judge-verdict][data-judge="relevance_to_query"]');
      await expect(relevance.getByTestId("latest-verdict")).toHaveText("pass");
      await expect(relevance.getByTestId("latest-source")).toContainText("run strict");
      const earlier = completeness.getByTestId("earlier-verdicts");
      await expect(earlier.getByTestId("earlier-verdict")).toBeHidden();
      await earlier.getByText("1 earlier verdict").click();
      await expect(earlier.getByTestId("earlier-verdict")).toHaveCount(1);
      await expect(earlier.getByTestId("earlier-verdict")).toContainText("pass");
      await expect(earlier.getByTestId("earlier-verdict")).toContainText("run baseline via dataset eval-golden");
      await screen(page, "eval-trace-dataset-scores");
      // The card's table fits a 1280px window, earlier verdicts open.
      await page.setViewportSize({ width: 1280, height: 900 });
      const fit = await scores.locator("table").evaluate((t) => [t.scrollWidth, t.parentElement!.clientWidth]);
      expect(fit[0]).toBeLessThanOrEqual(fit[1]);
      await screen(page, "eval-trace-dataset-scores-1280");
      await page.setViewportSize({ width: 1440, height: 900 });
    });

    await test.step("judge pages: built-ins listed, a custom judge created and tried on a trace", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Judges" }).click();
      await expect(page.getByRole("link", { name: "relevance_to_query" })).toBeVisible();
      await screen(page, "eval-judges");
      await page.getByRole("link", { name: "New judge" }).click();
      await page.getByLabel("Name").fill("politeness");
      await page.getByLabel("Output").selectOption("categorical");
      await page.getByLabel("Categories").fill("polite, neutral, rude");
      await page.getByLabel("Judge endpoint").selectOption("eval-chat");
      await page.getByRole("button", { name: "Create judge" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "politeness" })).toBeVisible();
      const traces = (await (await page.request.get("/api/v1/traces?endpoint=eval-chat&excludeCaller=judge&limit=1")).json()).data;
      await page.getByLabel("Trace id").fill(traces[0].id);
      await page.getByRole("button", { name: "Try on this trace" }).click();
      // The custom judge runs on its own endpoint (eval-chat) and answers with a category.
      await expect(page.getByTestId("try-verdict")).toHaveText("polite");
      await expect(page.getByTestId("try-result")).toContainText("Fits the first category.");
      await screen(page, "eval-judge-try");
    });

    await test.step("an online rule with a trace filter on the endpoint page scores new traffic; scores show in the trace explorer", async () => {
      await page.goto("/endpoints/eval-chat");
      // Without rules the card says what that means and what to do.
      await expect(page.getByTestId("no-online-rules")).toContainText("No online rules yet");
      await page.getByRole("button", { name: "+ Add online rule" }).click();
      await page.getByLabel("Rule name").fill("eval-online");
      await page.getByLabel("Sample rate (%)").fill("100");
      await page.getByLabel("Judge endpoint").selectOption("eval-chat");
      await page.getByRole("checkbox", { name: "safety" }).check();
      // The filter: this team's successful traces. A metadata line without '=' is a field error.
      await page.getByLabel("Trace status").selectOption("ok");
      await page.getByRole("checkbox", { name: "eval-team" }).check();
      await page.getByLabel("Trace metadata").fill("region");
      await page.getByRole("button", { name: "Create rule" }).click();
      await expect(page.locator('[data-field-error="filter.metadata"]')).toHaveText("Line 1: expected key=value");
      await screen(page, "eval-online-rule-filter-error");
      await page.getByLabel("Trace metadata").fill("");
      await page.getByRole("button", { name: "Create rule" }).click();
      const rule = page.getByTestId("online-rule");
      await expect(rule).toHaveCount(1);
      await expect(page.getByTestId("no-online-rules")).toHaveCount(0);
      await expect(rule).toContainText("eval-online");
      await expect(rule).toContainText("enabled");
      await expect(rule).toContainText("100% sampled");
      await expect(rule.getByTestId("online-rule-filter")).toHaveText("Filter: status ok · team eval-team");
      // The edit form shows the stored filter.
      await rule.getByRole("button", { name: "Edit rule" }).click();
      await expect(rule.getByLabel("Trace status")).toHaveValue("ok");
      await expect(rule.getByRole("checkbox", { name: "eval-team" })).toBeChecked();
      await screen(page, "eval-online-rule");
      const client = new OpenAI({ baseURL: `${baseURL}/gateway/mlflow/v1`, apiKey: token, maxRetries: 0 });
      await client.chat.completions.create({ model: "eval-chat", messages: [{ role: "user", content: "Is water wet?" }] });
      // Written by the trace writer, then judged in the background: reload until the verdict is there,
      // in the judge's own column.
      await expect(async () => {
        await page.goto("/traces?endpoint=eval-chat&excludeCaller=judge");
        await expect(page.locator("tbody tr").first().locator('[data-testid=score-cell][data-judge="safety"]')).toHaveText("pass", { timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByTestId("score-column")).toHaveText(["safety"]);
      await screen(page, "eval-traces-scores");
      // The filter bar's score control: judge + verdict, kept in the URL as score=<judge>:<verdict>.
      await page.getByLabel("Score judge").selectOption("safety");
      await page.getByLabel("Latest verdict").fill("pass");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/score=safety%3Apass/);
      await expect(page.locator("tbody tr")).toHaveCount(1);
      await expect(page.getByText("Only traces whose latest evaluation verdict is")).toBeVisible();
      await screen(page, "eval-traces-score-filter");
      // Judge names and verdicts ignore case; the control shows the judge as it is spelt.
      await page.goto("/traces?endpoint=eval-chat&excludeCaller=judge&score=SAFETY:Pass");
      await expect(page.locator("tbody tr")).toHaveCount(1);
      await expect(page.getByLabel("Score judge")).toHaveValue("safety");
      await page.goto("/traces?endpoint=eval-chat&excludeCaller=judge&score=Safety:fail");
      await expect(page.getByText("No traces match")).toBeVisible();
      await page.goto("/traces?endpoint=eval-chat&excludeCaller=judge&score=safety:pass");
      // The trace's page lists its scores with the rule they came from.
      await page.locator("tbody tr").first().getByRole("link").first().click();
      const scores = page.locator("section").filter({ has: page.getByRole("heading", { name: "Evaluation" }) });
      await expect(scores.getByTestId("judge-name")).toHaveText([/^safety\b/]);
      await expect(scores.getByTestId("latest-source")).toContainText("rule eval-online");
      await expect(scores.getByTestId("earlier-verdicts")).toHaveCount(0);
      await screen(page, "eval-trace-detail-scores");
    });

    await test.step("a dataset by hand: create, import JSONL (invalid rows refused), edit expectations, export", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Datasets" }).click();
      await expect(page.getByRole("row", { name: /eval-golden/ })).toContainText("6");
      // A taken name is a field error, reported together with the schema's (the description is too long).
      await page.getByLabel("Dataset name").fill("eval-golden");
      await page.getByLabel("Description").fill("x".repeat(2_001));
      await page.getByRole("button", { name: "Create dataset" }).click();
      await expect(page.locator('[data-field-error="name"]')).toHaveText("A dataset named 'eval-golden' already exists.");
      await expect(page.locator('[data-field-error="description"]')).toHaveText("Must be at most 2000 characters");
      await screen(page, "eval-dataset-name-taken");
      await page.getByLabel("Description").fill("");
      await page.getByLabel("Dataset name").fill("eval-handmade");
      await page.getByRole("button", { name: "Create dataset" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "eval-handmade" })).toBeVisible();
      await page.getByLabel("Rows").fill('{"inputs": {"question": "2+2?"}, "outputs": "4"}\n{"outputs": "no inputs"}');
      await page.getByRole("button", { name: "Import rows" }).click();
      await expect(page.getByText(/1 invalid row\(s\), nothing imported: line 2/)).toBeVisible();
      await expect(page.getByTestId("dataset-item")).toHaveCount(0);
      await page.getByLabel("Rows").fill('{"inputs": {"question": "2+2?"}, "outputs": "4"}\n{"inputs": {"question": "Capital of Italy?"}, "outputs": "Rome"}');
      await page.getByRole("button", { name: "Import rows" }).click();
      await expect(page.getByText("Imported 2 item(s).")).toBeVisible();
      await expect(page.getByTestId("dataset-item")).toHaveCount(2);
      const first = page.getByTestId("dataset-item").first();
      await first.getByRole("button", { name: "Edit" }).click();
      await first.getByLabel("Expectations (JSON)").fill("{not json");
      await first.getByRole("button", { name: "Save item" }).click();
      await expect(first.locator('[data-field-error="expectations"]')).toContainText("Is not valid JSON");
      await first.getByLabel("Expectations (JSON)").fill('{"expected_response": "4"}');
      await first.getByRole("button", { name: "Save item" }).click();
      await expect(first.getByText("Saved.")).toBeVisible();
      await expect(first).toContainText("expected_response");
      await screen(page, "eval-dataset-handmade");
      const href = await page.getByRole("link", { name: "Export JSONL" }).getAttribute("href");
      const exported = await page.request.get(href!);
      expect(exported.headers()["content-disposition"]).toContain("eval-handmade.jsonl");
      const lines = (await exported.text()).trim().split("\n").map((l) => JSON.parse(l));
      expect(lines).toEqual([
        { inputs: { question: "2+2?" }, outputs: "4", expectations: { expected_response: "4" } },
        { inputs: { question: "Capital of Italy?" }, outputs: "Rome" },
      ]);
    });

    await test.step("a run where a scorer errors on some items; comparing runs over different sources", async () => {
      // contains without a substring needs expectations.expected_response, which one item lacks.
      await page.goto("/evaluations/new");
      await page.getByLabel("Run name").fill("handmade-checks");
      await page.locator("#datasetId").selectOption({ label: "eval-handmade (2 items)" });
      await page.getByRole("checkbox", { name: "json_valid" }).check();
      await page.getByRole("checkbox", { name: "contains" }).check();
      // Descriptions render their `code` spans as code.
      await expect(page.locator("label").filter({ hasText: "contains" }).locator("code")).toHaveText(["substring"]);
      await page.getByRole("button", { name: "Start run" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "handmade-checks" })).toBeVisible();
      const bar = page.getByRole("progressbar", { name: "Run progress" });
      await expect(bar).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
      await expect(page.getByTestId("run-progress-text")).toHaveText("2 / 2 done · 1 with errors");
      // The pass rate says how many items it covers, the errors stand out.
      await expect(page.getByTestId("aggregate-contains").getByTestId("aggregate-summary")).toHaveText("100% pass of 1 judged · 1 error");
      await expect(page.getByTestId("aggregate-json_valid").getByTestId("aggregate-summary")).toHaveText("50% pass of 2 judged");
      await screen(page, "eval-run-errors");

      // The runs list draws the same bar: the errored share in amber.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
      const row = page.getByRole("row", { name: /handmade-checks/ });
      await expect(row).toContainText("2/2 · 1 err");
      await expect(row.getByTestId("run-bar-errors")).toHaveAttribute("style", /width:\s*50%/);
      await expect(row.getByTitle("dataset eval-handmade")).toBeVisible();
      // The newest run is the only one over its dataset: the defaults still pair strict with baseline.
      await expect(page.getByLabel("Candidate run").locator("option:checked")).toHaveText(/^strict/);
      await expect(page.getByLabel("Baseline run").locator("option:checked")).toHaveText(/^baseline/);
      await screen(page, "eval-runs-errors");

      const runs = (await (await page.request.get("/api/v1/evaluations?limit=10")).json()).data as Array<{ id: string; name: string }>;
      const id = (name: string) => runs.find((r) => r.name === name)!.id;
      await page.goto(`/evaluations/compare?a=${id("baseline")}&b=${id("handmade-checks")}`);
      await expect(page.getByTestId("compare-note")).toHaveText(
        "These runs have no items in common: they ran on different sources (A: dataset eval-golden; B: dataset eval-handmade). Compare two runs over the same dataset or trace filter.",
      );
      await expect(page.getByText("No verdict changed")).toHaveCount(0);
      await screen(page, "eval-compare-different-sources");
    });
  } finally {
    await fake?.close();
    fake = null;
  }
});
