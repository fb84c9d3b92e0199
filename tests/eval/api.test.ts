// The evaluation admin API through the real route handlers: judges (incl. try on a trace),
// datasets (from traces, items, import / export), evaluation runs (create, progress, results,
// cancel, compare) and online rules; 404 / 409 / 422 in the JSON error shape.

import { describe, expect, it } from "vitest";
import * as judges from "@/app/api/v1/judges/route";
import * as judge from "@/app/api/v1/judges/[id]/route";
import * as tryJudge from "@/app/api/v1/judges/[id]/try/route";
import * as datasets from "@/app/api/v1/datasets/route";
import * as dataset from "@/app/api/v1/datasets/[id]/route";
import * as items from "@/app/api/v1/datasets/[id]/items/route";
import * as item from "@/app/api/v1/datasets/[id]/items/[itemId]/route";
import * as importRoute from "@/app/api/v1/datasets/[id]/import/route";
import * as exportRoute from "@/app/api/v1/datasets/[id]/export/route";
import * as runs from "@/app/api/v1/evaluations/route";
import * as run from "@/app/api/v1/evaluations/[id]/route";
import * as results from "@/app/api/v1/evaluations/[id]/results/route";
import * as cancel from "@/app/api/v1/evaluations/[id]/cancel/route";
import * as compare from "@/app/api/v1/evaluations/compare/route";
import * as rules from "@/app/api/v1/evaluation-rules/route";
import * as rule from "@/app/api/v1/evaluation-rules/[id]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import { call } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";
import { assertDatasetNameFree } from "@/lib/eval/dataset-service";
import { assertJudgeNameFree } from "@/lib/eval/judge-service";
import { ADMIN, useEvalEnv, waitFor } from "./helpers";

describe.each(TEST_DATABASES)("admin API: evaluation (%s)", (kind) => {
  const env = useEvalEnv(kind);
  const opts = (extra: { body?: unknown; params?: Record<string, string> } = {}) => ({ token: env.api.token, ...extra });

  it("judges: list with built-ins, custom CRUD, try on a trace, errors", async () => {
    const list = await call(judges.GET, "GET", "/api/v1/judges", opts());
    expect(list.status).toBe(200);
    const ids = list.json.data.map((j: { id: string }) => j.id);
    expect(ids).toEqual(expect.arrayContaining(["safety", "correctness", "exact_match", "regex"]));

    const created = await call(judges.POST, "POST", "/api/v1/judges", opts({
      body: { name: "Politeness", template: "Is this polite?\n{{outputs}}", outputType: "pass_fail", endpoint: "judge" },
    }));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: "custom", name: "Politeness", version: 1 });
    const id = created.json.id;
    expect((await call(judges.POST, "POST", "/api/v1/judges", opts({ body: { name: "Politeness", template: "x {{outputs}}", outputType: "pass_fail" } }))).status).toBe(409);
    // The console's create form checks the name next to the schema.
    await expect(assertJudgeNameFree(ADMIN, "Politeness")).rejects.toMatchObject({ status: 409, param: "name", message: "A judge named 'Politeness' already exists." });
    await expect(assertJudgeNameFree(ADMIN, "Unused name")).resolves.toBeUndefined();
    const bad = await call(judges.POST, "POST", "/api/v1/judges", opts({ body: { name: "N", template: "{{outputs}}", outputType: "numeric", scaleMin: 5, scaleMax: 1 } }));
    expect(bad.status).toBe(422);
    expect(bad.json.error.param).toBe("scaleMax");

    const patched = await call(judge.PATCH, "PATCH", `/api/v1/judges/${id}`, opts({ params: { id }, body: { template: "Polite? VERDICT:FAIL {{outputs}}" } }));
    expect(patched.json).toMatchObject({ version: 2 });
    expect((await call(judge.GET, "GET", "/api/v1/judges/Politeness", opts({ params: { id: "Politeness" } }))).json.id).toBe(id);

    const [traceId] = await env.produce(["api1 hello"]);
    const tried = await call(tryJudge.POST, "POST", `/api/v1/judges/${id}/try`, opts({ params: { id }, body: { traceId } }));
    expect(tried.status).toBe(200);
    expect(tried.json).toMatchObject({ judgeName: "Politeness", judgeVersion: 2, label: "fail", value: 0, error: null });
    const code = await call(tryJudge.POST, "POST", "/api/v1/judges/regex/try", opts({ params: { id: "regex" }, body: { traceId, params: { pattern: "^echo" } } }));
    expect(code.json).toMatchObject({ judgeName: "regex", label: "pass" });
    expect((await call(tryJudge.POST, "POST", "/api/v1/judges/safety/try", opts({ params: { id: "safety" }, body: { traceId: "nope", endpoint: "judge" } }))).status).toBe(404);
    const noEndpoint = await call(tryJudge.POST, "POST", "/api/v1/judges/safety/try", opts({ params: { id: "safety" }, body: { traceId, endpoint: "missing" } }));
    expect(noEndpoint.status).toBe(422);
    expect(noEndpoint.json.error.param).toBe("endpoint");

    expect((await call(judge.GET, "GET", "/api/v1/judges/nope", opts({ params: { id: "nope" } }))).status).toBe(404);
    expect((await call(judge.DELETE, "DELETE", `/api/v1/judges/${id}`, opts({ params: { id } }))).json).toEqual({ id, deleted: true });
    expect((await call(judge.DELETE, "DELETE", `/api/v1/judges/${id}`, opts({ params: { id } }))).status).toBe(404);
    expect((await call(judges.GET, "GET", "/api/v1/judges", {})).status).toBe(401);
  });

  it("datasets: from traces, items, import / export, errors", async () => {
    const traceIds = await env.produce(["api2 one", "api2 two"]);
    const created = await call(datasets.POST, "POST", "/api/v1/datasets", opts({ body: { name: "from-traces", traceIds } }));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "from-traces", itemCount: 2 });
    const id = created.json.id;
    const taken = await call(datasets.POST, "POST", "/api/v1/datasets", opts({ body: { name: "from-traces" } }));
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ param: "name", type: "conflict_error" });
    // The console's create forms check the name next to the schema.
    await expect(assertDatasetNameFree(ADMIN, "from-traces")).rejects.toMatchObject({ status: 409, param: "name", message: "A dataset named 'from-traces' already exists." });
    await expect(assertDatasetNameFree(ADMIN, "unused")).resolves.toBeUndefined();
    const missing = await call(datasets.POST, "POST", "/api/v1/datasets", opts({ body: { name: "x", traceIds: ["nope"] } }));
    expect(missing.status).toBe(422);
    expect(missing.json.error.param).toBe("traceIds.0");

    const added = await call(items.POST, "POST", `/api/v1/datasets/${id}/items`, opts({ params: { id }, body: { items: [{ inputs: { question: "q" }, outputs: "a" }] } }));
    expect(added.status).toBe(201);
    const itemId = added.json.data[0].id;
    const page = await call(items.GET, "GET", `/api/v1/datasets/${id}/items?limit=2`, opts({ params: { id } }));
    expect(page.json.data).toHaveLength(2);
    expect(page.json.data[0]).toMatchObject({ sourceTraceId: traceIds[0], outputs: "echo: api2 one" });
    expect(page.json.nextCursor).toEqual(expect.any(String));
    const edited = await call(item.PATCH, "PATCH", "/x", opts({ params: { id, itemId }, body: { expectations: { expected_response: "a" } } }));
    expect(edited.json.expectations).toEqual({ expected_response: "a" });
    expect((await call(item.PATCH, "PATCH", "/x", opts({ params: { id, itemId: "nope" }, body: { outputs: "b" } }))).status).toBe(404);

    const imported = await call(importRoute.POST, "POST", "/x", opts({
      params: { id },
      body: { format: "jsonl", content: '{"inputs":{"question":"x"},"outputs":"y"}\n{"inputs":"plain","expectations":{"expected_response":"z"}}\n' },
    }));
    expect(imported.json).toEqual({ imported: 2 });
    const badImport = await call(importRoute.POST, "POST", "/x", opts({ params: { id }, body: { format: "jsonl", content: "{not json}\n" } }));
    expect(badImport.status).toBe(422);
    expect(badImport.json.error.param).toBe("content");

    const exported = await exportRoute.GET(new Request("http://localhost/x", { headers: { authorization: `Bearer ${env.api.token}` } }), {
      params: Promise.resolve({ id }),
    });
    expect(exported.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const lines = (await exported.text()).trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[4])).toMatchObject({ inputs: "plain", expectations: { expected_response: "z" } });
    expect((await call(item.DELETE, "DELETE", "/x", opts({ params: { id, itemId } }))).json).toEqual({ id: itemId, deleted: true });
    expect((await call(dataset.GET, "GET", "/x", opts({ params: { id } }))).json.itemCount).toBe(4);
    expect((await call(dataset.PATCH, "PATCH", "/x", opts({ params: { id }, body: { description: "d" } }))).json.description).toBe("d");
    expect((await call(dataset.GET, "GET", "/x", opts({ params: { id: "nope" } }))).status).toBe(404);
    expect((await call(datasets.GET, "GET", "/api/v1/datasets", opts())).json.data.map((d: { name: string }) => d.name)).toContain("from-traces");
  });

  it("evaluations: create, progress, results, cancel, compare, errors", async () => {
    await env.produce(["api3 a", "api3 b VERDICT:FAIL"]);
    const body = { name: "api run", source: { type: "traces", filter: { q: "api3 " } }, judges: [{ type: "builtin", judge: "safety" }], judgeEndpoint: "judge" };
    const created = await call(runs.POST, "POST", "/api/v1/evaluations", opts({ body }));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "api run", status: "queued", total: 2, aggregates: [{ judgeName: "safety", scored: 0 }] });
    const id = created.json.id;
    const done = await waitFor("completed", async () => {
      const res = await call(run.GET, "GET", `/api/v1/evaluations/${id}`, opts({ params: { id } }));
      return res.json.status === "completed" && res.json;
    });
    expect(done).toMatchObject({ done: 2, errors: 0, progress: 1, aggregates: [{ judgeName: "safety", passRate: 0.5 }] });
    expect(done.judgeCostUsd).toBeGreaterThan(0);
    const res = await call(results.GET, "GET", `/api/v1/evaluations/${id}/results?judge=safety&label=fail`, opts({ params: { id } }));
    expect(res.json.data).toHaveLength(1);
    expect(res.json.data[0].scores.safety).toMatchObject({ label: "fail", rationale: expect.any(String) });
    expect((await call(cancel.POST, "POST", "/x", opts({ params: { id } }))).status).toBe(409);

    const second = await call(runs.POST, "POST", "/api/v1/evaluations", opts({ body: { ...body, name: "again" } }));
    const id2 = second.json.id;
    await waitFor("second completed", async () => (await call(run.GET, "GET", "/x", opts({ params: { id: id2 } }))).json.status === "completed");
    const cmp = await call(compare.GET, "GET", `/api/v1/evaluations/compare?a=${id}&b=${id2}`, opts());
    expect(cmp.json).toMatchObject({ matched: 2, onlyInA: 0, onlyInB: 0, changes: [] });
    expect((await call(compare.GET, "GET", `/api/v1/evaluations/compare?a=${id}`, opts())).json.error.param).toBe("b");
    expect((await call(compare.GET, "GET", `/api/v1/evaluations/compare?a=${id}&b=nope`, opts())).status).toBe(404);
    const list = await call(runs.GET, "GET", "/api/v1/evaluations?limit=1", opts());
    expect(list.json.data.map((r: { id: string }) => r.id)).toEqual([id2]);
    expect(list.json.nextCursor).toBe(id2);

    const noJudges = await call(runs.POST, "POST", "/x", opts({ body: { ...body, judges: [] } }));
    expect(noJudges.status).toBe(422);
    expect(noJudges.json.error.param).toBe("judges");
    const badEndpoint = await call(runs.POST, "POST", "/x", opts({ body: { ...body, judgeEndpoint: "embed" } }));
    expect(badEndpoint.status).toBe(422);
    expect(badEndpoint.json.error).toMatchObject({ param: "judges.0.endpoint", code: "wrong_endpoint_kind" });
    const nothing = await call(runs.POST, "POST", "/x", opts({ body: { ...body, source: { type: "traces", filter: { q: "no such text" } } } }));
    expect(nothing.json.error).toMatchObject({ param: "source.filter", code: "no_items" });
    const badFilter = await call(runs.POST, "POST", "/x", opts({ body: { ...body, source: { type: "traces", filter: { status: "meh" } } } }));
    expect(badFilter.status).toBe(422);
    expect(badFilter.json.error.param).toBe("source.filter.status");
    const noDataset = await call(runs.POST, "POST", "/x", opts({ body: { ...body, source: { type: "dataset", datasetId: "nope" } } }));
    expect(noDataset.json.error).toMatchObject({ param: "source.datasetId", code: "unknown_dataset" });
    expect((await call(run.GET, "GET", "/x", opts({ params: { id: "nope" } }))).status).toBe(404);
    expect((await call(results.GET, "GET", "/x", opts({ params: { id: "nope" } }))).status).toBe(404);
    expect((await call(cancel.POST, "POST", "/x", opts({ params: { id: "nope" } }))).status).toBe(404);
    expect((await call(run.DELETE, "DELETE", "/x", opts({ params: { id: id2 } }))).json).toEqual({ id: id2, deleted: true });
  });

  it("evaluation rules: CRUD, resume, errors; OpenAPI lists the routes", async () => {
    const created = await call(rules.POST, "POST", "/api/v1/evaluation-rules", opts({
      body: { endpoint: "chat", judges: [{ type: "builtin", judge: "safety" }], judgeEndpoint: "judge", sampleRate: 0.1, filter: { metadata: { env: "prod" } } },
    }));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "chat online", endpointName: "chat", sampleRate: 0.1, paused: false, enabled: true, filter: { metadata: { env: "prod" } } });
    const id = created.json.id;
    const patched = await call(rule.PATCH, "PATCH", "/x", opts({ params: { id }, body: { sampleRate: 0.5, paused: false } }));
    expect(patched.json).toMatchObject({ sampleRate: 0.5, paused: false });
    expect((await call(rule.GET, "GET", "/x", opts({ params: { id } }))).json.id).toBe(id);
    expect((await call(rules.GET, "GET", "/x", opts())).json.data.map((r: { id: string }) => r.id)).toContain(id);

    const badRate = await call(rules.POST, "POST", "/x", opts({ body: { endpoint: "chat", judges: [{ type: "code", scorer: "json_valid" }], sampleRate: 2 } }));
    expect(badRate.status).toBe(422);
    expect(badRate.json.error.param).toBe("sampleRate");
    const badEndpoint = await call(rules.POST, "POST", "/x", opts({ body: { endpoint: "nope", judges: [{ type: "code", scorer: "json_valid" }], sampleRate: 1 } }));
    expect(badEndpoint.json.error).toMatchObject({ param: "endpoint", code: "unknown_endpoint" });
    await env.db.endpoint.create({ data: { name: "vectors", kind: "embeddings" } });
    const embeddings = await call(rules.POST, "POST", "/x", opts({ body: { endpoint: "vectors", judges: [{ type: "code", scorer: "json_valid" }], sampleRate: 1 } }));
    expect(embeddings.json.error).toMatchObject({ param: "endpoint", code: "wrong_endpoint_kind" });
    const noJudgeEndpoint = await call(rules.POST, "POST", "/x", opts({ body: { endpoint: "chat", judges: [{ type: "builtin", judge: "safety" }], sampleRate: 1 } }));
    expect(noJudgeEndpoint.json.error).toMatchObject({ param: "judges.0.endpoint", code: "missing_endpoint" });
    expect((await call(rule.PATCH, "PATCH", "/x", opts({ params: { id }, body: {} }))).status).toBe(422);
    expect((await call(rule.GET, "GET", "/x", opts({ params: { id: "nope" } }))).status).toBe(404);
    expect((await call(rule.DELETE, "DELETE", "/x", opts({ params: { id } }))).json).toEqual({ id, deleted: true });
    expect((await call(rule.DELETE, "DELETE", "/x", opts({ params: { id } }))).status).toBe(404);

    const doc = await call(async () => openapi.GET(), "GET", "/api/v1/openapi.json", opts());
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(["/judges/{id}/try", "/datasets/{id}/import", "/evaluations", "/evaluations/{id}/results", "/evaluations/compare", "/evaluation-rules/{id}"]),
    );
    expect(doc.json.components.schemas.CreateEvaluationRun).toBeDefined();
  });
});
