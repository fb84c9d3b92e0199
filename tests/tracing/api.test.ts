import { beforeAll, describe, expect, it } from "vitest";
import * as HEALTH from "../../app/api/health/route";
import * as OPENAPI from "../../app/api/v1/openapi.json/route";
import * as PRICE from "../../app/api/v1/prices/[id]/route";
import * as BUILTIN from "../../app/api/v1/prices/builtin/route";
import * as PRICES from "../../app/api/v1/prices/route";
import * as TRACE from "../../app/api/v1/traces/[id]/route";
import * as TRACES from "../../app/api/v1/traces/route";
import * as USAGE from "../../app/api/v1/usage/route";
import type { Actor } from "../../lib/auth/actor";
import { startTracing, stopTracing } from "../../lib/tracing";
import { FILTER_KEYS, MAX_TRACE_PAGE, usageFiltersSchema } from "../../lib/tracing/schemas";
import { traceDetailSchema, tracePageSchema } from "../../lib/tracing/view-schemas";
import { builtinPricesSchema, usageDashboardSchema } from "../../lib/usage/view-schemas";
import { createPrice } from "../../lib/usage/price-service";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";
import { RECORDS, writeDataset } from "./dataset";

type JsonSchema = { $ref?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

/** The fields of `value` the document does not describe (following $refs, properties and items). */
function undocumented(value: unknown, schema: JsonSchema, doc: { components: { schemas: Record<string, JsonSchema> } }, at = "$"): string[] {
  if (schema.$ref) return undocumented(value, doc.components.schemas[schema.$ref.split("/").pop()!], doc, at);
  if (schema.anyOf) return undocumented(value, schema.anyOf.find((s) => s.properties || s.items || s.$ref) ?? {}, doc, at);
  if (Array.isArray(value)) return value.flatMap((v, i) => (schema.items ? undocumented(v, schema.items, doc, `${at}[${i}]`) : []));
  if (value === null || typeof value !== "object" || !schema.properties) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    schema.properties![k] ? undocumented(v, schema.properties![k], doc, `${at}.${k}`) : [`${at}.${k}`],
  );
}

describe.each(TEST_DATABASES)("tracing admin API (%s)", (kind) => {
  const api = useAdminApi(kind);
  beforeAll(() => writeDataset(api.db));

  it("lists traces with filters and cursor pagination", async () => {
    const first = await call(TRACES.GET, "GET", "/api/v1/traces?endpoint=chat&status=ok&limit=20", { token: api.token });
    expect(first.status).toBe(200);
    expect(first.json.data).toHaveLength(20);
    expect(first.json.data[0]).toMatchObject({ id: "chat-0", endpoint: "chat", teamName: "Team A", costUsd: 0.0002625 });
    expect(first.json.data[0]).not.toHaveProperty("requestPayload");
    expect(typeof first.json.nextCursor).toBe("string");
    const next = await call(TRACES.GET, "GET", `/api/v1/traces?endpoint=chat&status=ok&limit=20&cursor=${first.json.nextCursor}`, {
      token: api.token,
    });
    const expected = RECORDS.filter((r) => r.endpoint === "chat" && r.status === "ok");
    expect(next.json.data).toHaveLength(expected.length - 20);
    expect(next.json.nextCursor).toBeNull();
    const all = [...first.json.data, ...next.json.data].map((t: { id: string }) => t.id);
    expect(all.sort()).toEqual(expected.map((r) => r.requestId).sort());
  });

  it("treats empty query parameters as absent (the documented example call)", async () => {
    const res = await call(TRACES.GET, "GET", "/api/v1/traces?endpoint=claude&status=error&from=&to=&limit=100&cursor=", {
      token: api.token,
    });
    expect(res.status).toBe(200);
    const failed = RECORDS.filter((r) => r.endpoint === "claude" && r.status === "error").map((r) => r.requestId);
    expect(failed).toHaveLength(4);
    expect(res.json.data.map((t: { id: string }) => t.id).sort()).toEqual(failed.sort());
    expect(res.json.nextCursor).toBeNull();
    // Every optional filter, left empty (or blank), and a repeated key with one empty value.
    const blanks = "range=&team=&provider=&model=&caller=&excludeCaller=&minLatencyMs=&q=%20&score=&limit=";
    const all = await call(TRACES.GET, "GET", `/api/v1/traces?endpoint=&endpoint=claude&status=&${blanks}`, { token: api.token });
    expect(all.status).toBe(200);
    expect(all.json.data).toHaveLength(14);

    const from = "2025-03-01T00:00:00Z";
    const to = "2025-03-10T12:00:30Z";
    const usage = await call(USAGE.GET, "GET", `/api/v1/usage?from=${from}&to=${to}&endpoint=claude&range=&team=&caller=&excludeCaller=`, {
      token: api.token,
    });
    expect(usage.status).toBe(200);
    const plain = await call(USAGE.GET, "GET", `/api/v1/usage?from=${from}&to=${to}&endpoint=claude`, { token: api.token });
    expect(usage.json.totals).toEqual(plain.json.totals);
    expect(usage.json.totals.requests).toBe(14);
  });

  it("answers 422 for invalid or unknown parameters and 400 for a bad cursor", async () => {
    const limit = await call(TRACES.GET, "GET", "/api/v1/traces?limit=501", { token: api.token });
    expect(limit.status).toBe(422);
    expect(limit.json.error).toMatchObject({ type: "invalid_request_error", param: "limit" });
    const unknown = await call(TRACES.GET, "GET", "/api/v1/traces?endpont=chat", { token: api.token });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.message).toContain("endpont");
    const date = await call(USAGE.GET, "GET", "/api/v1/usage?from=yesterday", { token: api.token });
    expect(date.status).toBe(422);
    expect(date.json.error.param).toBe("from");
    const cursor = await call(TRACES.GET, "GET", "/api/v1/traces?cursor=garbage", { token: api.token });
    expect(cursor.status).toBe(400);
    expect(cursor.json.error.code).toBe("invalid_cursor");
  });

  it("documents /traces, /usage and /prices in the OpenAPI document, as the routes answer", async () => {
    const doc = await (await OPENAPI.GET()).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/traces", "/traces/{id}", "/usage", "/prices", "/prices/{id}", "/prices/builtin"]),
    );
    // Query parameters come from the filter schemas the routes validate with.
    const params = doc.paths["/traces"].get.parameters as { name: string; in: string; required: boolean; schema: unknown }[];
    expect(params.map((p) => p.name)).toEqual(FILTER_KEYS);
    expect(params.every((p) => p.in === "query" && !p.required)).toBe(true);
    expect(params.find((p) => p.name === "status")!.schema).toEqual({ type: "string", enum: ["ok", "error"] });
    expect(params.find((p) => p.name === "limit")!.schema).toMatchObject({ type: "integer", maximum: MAX_TRACE_PAGE, default: 50 });
    expect(doc.paths["/usage"].get.parameters.map((p: { name: string }) => p.name)).toEqual(Object.keys(usageFiltersSchema.shape));
    expect(doc.paths["/traces/{id}"].get.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    expect(doc.paths["/prices"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/CreatePrice" });
    expect(doc.components.schemas.CreatePrice.required).toEqual(["provider", "modelPattern", "inputPerMillion", "outputPerMillion"]);
    expect(doc.paths["/prices/{id}"].delete.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Deleted" });

    // Each documented response describes what the route answers, field for field.
    const responseSchema = (p: string) => doc.paths[p].get.responses["200"].content["application/json"].schema;
    const list = await call(TRACES.GET, "GET", "/api/v1/traces?limit=5", { token: api.token });
    const one = await call(TRACE.GET, "GET", "/api/v1/traces/claude-1", { token: api.token, params: { id: "claude-1" } });
    const usage = await call(USAGE.GET, "GET", "/api/v1/usage?from=2025-03-01T00:00:00Z&to=2025-03-10T12:00:30Z", { token: api.token });
    const builtin = await call(BUILTIN.GET, "GET", "/api/v1/prices/builtin", { token: api.token });
    for (const [p, res, schema] of [
      ["/traces", list, tracePageSchema],
      ["/traces/{id}", one, traceDetailSchema],
      ["/usage", usage, usageDashboardSchema],
      ["/prices/builtin", builtin, builtinPricesSchema],
    ] as const) {
      expect(res.status).toBe(200);
      expect(schema.safeParse(res.json).error).toBeUndefined();
      expect(undocumented(res.json, responseSchema(p), doc)).toEqual([]);
    }
    const item = list.json.data[0];
    expect(undocumented({ ...list.json, data: [{ ...item, extra: 1 }] }, responseSchema("/traces"), doc)).toEqual(["$.data[0].extra"]);
    expect(one.json.spans.length).toBeGreaterThan(0);
    expect(usage.json.points.length).toBeGreaterThan(0);
  });

  it("says which payload of a trace was cut (payloadTruncated stays: either one)", async () => {
    const id = "cut-response";
    await api.db.trace.create({
      data: {
        id,
        startedAt: new Date(Date.UTC(2024, 0, 1)),
        endpointName: "cut",
        route: "unified",
        operation: "chat",
        status: "ok",
        httpStatus: 200,
        latencyMs: 10,
        streaming: false,
        attempts: 0,
        requestPayload: '{"messages":[]}',
        responsePayload: '{"choices":[{"message":{"content":"a long ans',
        payloadTruncated: true,
        requestTruncated: false,
        responseTruncated: true,
      },
    });
    try {
      const res = await call(TRACE.GET, "GET", `/api/v1/traces/${id}`, { token: api.token, params: { id } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ id, payloadTruncated: true, requestTruncated: false, responseTruncated: true });
      expect(traceDetailSchema.safeParse(res.json).error).toBeUndefined();
    } finally {
      await api.db.trace.delete({ where: { id } });
    }
  });

  it("requires an admin token", async () => {
    expect((await call(TRACES.GET, "GET", "/api/v1/traces")).status).toBe(401);
    expect((await call(USAGE.GET, "GET", "/api/v1/usage")).status).toBe(401);
    expect((await call(PRICES.GET, "GET", "/api/v1/prices")).status).toBe(401);
  });

  it("returns one trace with spans and costUsd", async () => {
    const res = await call(TRACE.GET, "GET", "/api/v1/traces/claude-1", { token: api.token, params: { id: "claude-1" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: "claude-1",
      costUsd: 0.0228,
      streaming: true,
      payloadTruncated: false,
      requestTruncated: false,
      responseTruncated: false,
    });
    expect(res.json.spans).toHaveLength(1);
    expect(res.json.spans[0]).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-5-20250929", status: "ok" });
    expect(new Date(res.json.startedAt).getTime()).toBe(RECORDS.find((r) => r.requestId === "claude-1")!.startTime);
    const missing = await call(TRACE.GET, "GET", "/api/v1/traces/nope", { token: api.token, params: { id: "nope" } });
    expect(missing.status).toBe(404);
  });

  it("serves the dashboard aggregates", async () => {
    const from = new Date(Date.parse("2025-03-10T12:00:30Z") - 30 * 86_400_000).toISOString();
    const res = await call(USAGE.GET, "GET", `/api/v1/usage?from=${from}&to=2025-03-10T12:00:30Z&endpoint=chat,claude`, {
      token: api.token,
    });
    expect(res.status).toBe(200);
    expect(res.json.range).toMatchObject({ bucketSeconds: 86400 });
    // chat: 30 in the last hour + 2 unpriced calls (3 and 20 days ago); claude: 14
    expect(res.json.totals.requests).toBe(30 + 2 + 14);
    expect(res.json.totals.unknownCostRequests).toBe(2);
    expect(res.json.points.length).toBeGreaterThanOrEqual(30);
    expect(res.json.costByProvider.map((p: { provider: string }) => p.provider).sort()).toEqual(["anthropic", "openai"]);
    expect(res.json.topEndpoints.map((e: { endpoint: string }) => e.endpoint).sort()).toEqual(["chat", "claude"]);
  });

  it("manages admin prices", async () => {
    const created = await call(PRICES.POST, "POST", "/api/v1/prices", {
      token: api.token,
      body: { provider: "openai-compatible", modelPattern: "llama-3.1-*", inputPerMillion: 0.2, outputPerMillion: 0.4 },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ modelPattern: "llama-3.1-*", cacheReadPerMillion: null, source: "admin" });
    const id = created.json.id as string;

    const dup = await call(PRICES.POST, "POST", "/api/v1/prices", {
      token: api.token,
      body: { provider: "openai-compatible", modelPattern: "llama-3.1-*", inputPerMillion: 1, outputPerMillion: 1 },
    });
    expect(dup.status).toBe(409);
    const bad = await call(PRICES.POST, "POST", "/api/v1/prices", {
      token: api.token,
      body: { provider: "openai", modelPattern: "gpt 4o?", inputPerMillion: -1, outputPerMillion: 1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.param).toBe("modelPattern");

    const patched = await call(PRICE.PATCH, "PATCH", `/api/v1/prices/${id}`, {
      token: api.token,
      params: { id },
      body: { outputPerMillion: 0.6, source: "contract 2025" },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ inputPerMillion: 0.2, outputPerMillion: 0.6, source: "contract 2025" });
    const list = await call(PRICES.GET, "GET", "/api/v1/prices", { token: api.token });
    expect(list.json.data.map((p: { id: string }) => p.id)).toEqual([id]);
    const builtin = await call(BUILTIN.GET, "GET", "/api/v1/prices/builtin", { token: api.token });
    expect(builtin.json.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(builtin.json.data.length).toBeGreaterThan(50);

    const deleted = await call(PRICE.DELETE, "DELETE", `/api/v1/prices/${id}`, { token: api.token, params: { id } });
    expect(deleted.json).toEqual({ id, deleted: true });
    expect((await call(PRICE.GET, "GET", `/api/v1/prices/${id}`, { token: api.token, params: { id } })).status).toBe(404);
  });

  it("lets only admins change prices", async () => {
    const member: Actor = { kind: "user", userId: "u_member", role: "member" };
    await expect(
      createPrice(member, { provider: "openai", modelPattern: "x*", inputPerMillion: 1, outputPerMillion: 1 }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("reports health without credentials", async () => {
    const before = await HEALTH.GET();
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ status: "ok", db: { status: "ok" }, tracing: null });
    startTracing({ db: api.db });
    try {
      const body = await (await HEALTH.GET()).json();
      expect(body.tracing).toMatchObject({ queued: 0, written: 0, dropped: 0, failedBatches: 0, lastError: null });
    } finally {
      await stopTracing();
    }
  });
});
