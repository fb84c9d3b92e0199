import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { getTrace, listTraces, type TraceListItem } from "../../lib/tracing/queries";
import { filtersFromSearchParams, filtersToSearchParams, traceFiltersSchema } from "../../lib/tracing/schemas";
import { histogramQuantile, latencyBucket, emptyHistogram } from "../../lib/usage/histogram";
import { getUsageBreakdowns, getUsageDashboard, getUsageSeries, getUsageSummary } from "../../lib/usage/queries";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";
import { costOf, DURATION, inWindow, NOW, RECORDS, writeDataset } from "./dataset";

const { HOUR, DAY } = DURATION;
const admin: Actor = { kind: "admin-token", tokenId: "tok_admin" };

describe.each(TEST_DATABASES)("usage and trace queries (%s)", (kind) => {
  const database = useFreshDatabase(kind);
  let memberA: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    await writeDataset(database.db);
    const user = await database.db.user.create({ data: { email: "m@example.com", passwordHash: "x" } });
    await database.db.teamMember.create({ data: { teamId: "team_a", userId: user.id } });
    memberA = { kind: "user", userId: user.id, role: "member" };
    const other = await database.db.user.create({ data: { email: "o@example.com", passwordHash: "x" } });
    outsider = { kind: "user", userId: other.id, role: "member" };
  });

  describe("usage dashboard", () => {
    it("totals a window exactly from the rollups", async () => {
      for (const [range, ms] of [["1h", HOUR], ["24h", DAY], ["7d", 7 * DAY], ["30d", 30 * DAY]] as const) {
        const expected = inWindow(ms);
        const { totals, range: r } = await getUsageSummary(admin, { range }, NOW);
        expect(totals.requests, range).toBe(expected.length);
        expect(totals.errors, range).toBe(expected.filter((t) => t.status === "error").length);
        expect(totals.totalTokens, range).toBe(expected.reduce((s, t) => s + (t.usage?.total ?? 0), 0));
        expect(totals.costUsd!, range).toBeCloseTo(costOf(expected), 8);
        expect(new Date(r.to).getTime() - new Date(r.from).getTime()).toBeGreaterThanOrEqual(ms);
      }
    });

    it("computes percentiles from the latency histogram", async () => {
      const expected = inWindow(HOUR);
      const hist = emptyHistogram();
      for (const t of expected) hist[latencyBucket(t.latencyMs)]++;
      const { totals } = await getUsageSummary(admin, { range: "1h" }, NOW);
      expect(totals.p50Ms).toBe(histogramQuantile(hist, 0.5));
      expect(totals.p99Ms).toBe(histogramQuantile(hist, 0.99));
      const sorted = expected.map((t) => t.latencyMs).sort((a, b) => a - b);
      const exactP50 = sorted[Math.ceil(sorted.length / 2) - 1];
      expect(latencyBucket(totals.p50Ms!)).toBe(latencyBucket(exactP50));
      expect(totals.errorRate).toBeCloseTo(expected.filter((t) => t.status === "error").length / expected.length, 10);
    });

    it("returns a zero-filled series whose points add up to the totals", async () => {
      const { points, range } = await getUsageSeries(admin, { range: "24h" }, NOW);
      const { totals } = await getUsageSummary(admin, { range: "24h" }, NOW);
      expect(range.bucketSeconds).toBe(3600);
      expect(points).toHaveLength(25);
      expect(points.reduce((s, p) => s + p.requests, 0)).toBe(totals.requests);
      expect(points[points.length - 1].cumulativeTokens).toBe(totals.totalTokens);
      expect(points[points.length - 1].cumulativeCostUsd).toBeCloseTo(totals.costUsd!, 8);
      for (const p of points) expect(new Date(p.time).getTime() % (3600 * 1000)).toBe(0);
      const minute = await getUsageSeries(admin, { range: "1h" }, NOW);
      expect(minute.points).toHaveLength(61);
      expect(minute.points.reduce((s, p) => s + p.requests, 0)).toBe(inWindow(HOUR).length);
      const empty = minute.points.filter((p) => p.requests === 0);
      expect(empty.length).toBeGreaterThan(20);
      expect(empty[0]).toMatchObject({ p50Ms: null, errorRate: null, costUsd: 0, tokensPerRequest: null });
    });

    it("breaks cost down by model, provider, endpoint and team", async () => {
      const expected = inWindow(30 * DAY);
      const b = await getUsageBreakdowns(admin, { range: "30d" }, NOW);
      const claude = expected.filter((t) => t.provider === "anthropic");
      expect(b.costByProvider.find((p) => p.provider === "anthropic")).toMatchObject({ requests: claude.length });
      expect(b.costByProvider.find((p) => p.provider === "anthropic")!.costUsd).toBeCloseTo(costOf(claude), 8);
      expect(b.costByModel.find((m) => m.model === "my-finetune")).toMatchObject({
        provider: "openai",
        costUsd: null,
        unknownCostRequests: 2,
      });
      // sorted by cost, highest first; claude is the most expensive
      expect(b.costByModel[0].model).toBe("claude-sonnet-4-5-20250929");
      expect(b.topEndpoints.map((e) => e.endpoint)).toEqual(expect.arrayContaining(["chat", "embed", "claude", "ties"]));
      const teamA = b.topTeams.find((t) => t.teamId === "team_a");
      expect(teamA).toMatchObject({ teamName: "Team A", requests: expected.filter((t) => t.teamId === "team_a").length });
      expect(b.topTeams.find((t) => t.teamId === null)).toMatchObject({ teamName: null, requests: 2 });
    });

    it("filters by endpoint, team (id or name), provider, model and caller", async () => {
      const count = async (input: Record<string, string>) =>
        (await getUsageSummary(admin, { range: "7d", ...input }, NOW)).totals.requests;
      const week = (pred: (t: (typeof RECORDS)[number]) => boolean) => inWindow(7 * DAY, pred).length;
      expect(await count({ endpoint: "chat" })).toBe(week((t) => t.endpoint === "chat"));
      expect(await count({ endpoint: "chat,embed" })).toBe(week((t) => t.endpoint === "chat" || t.endpoint === "embed"));
      expect(await count({ team: "Team B" })).toBe(week((t) => t.teamId === "team_b"));
      expect(await count({ team: "team_b" })).toBe(week((t) => t.teamId === "team_b"));
      expect(await count({ provider: "anthropic" })).toBe(week((t) => t.provider === "anthropic"));
      expect(await count({ model: "text-embedding-3-small" })).toBe(24);
      expect(await count({ caller: "judge" })).toBe(week((t) => t.caller === "judge"));
      expect(await count({ excludeCaller: "judge" })).toBe(week((t) => t.caller !== "judge"));
    });

    it("shows members only their teams' usage", async () => {
      const mine = await getUsageDashboard(memberA, { range: "7d" }, NOW);
      expect(mine.totals.requests).toBe(inWindow(7 * DAY, (t) => t.teamId === "team_a").length);
      expect(mine.topTeams.map((t) => t.teamId)).toEqual(["team_a"]);
      // Asking for another team's data yields nothing, not an error.
      expect((await getUsageSummary(memberA, { range: "7d", team: "team_b" }, NOW)).totals.requests).toBe(0);
      const none = await getUsageDashboard(outsider, { range: "7d" }, NOW);
      expect(none.totals.requests).toBe(0);
      expect(none.costByModel).toEqual([]);
      expect(none.points.length).toBeGreaterThan(0);
    });

    it("accepts custom from/to and rejects bad input", async () => {
      const from = new Date(NOW.getTime() - 2 * HOUR).toISOString();
      const to = new Date(NOW.getTime() - HOUR).toISOString();
      const { totals, range } = await getUsageSummary(admin, { from, to }, NOW);
      expect(range.bucketSeconds).toBe(60);
      const expected = RECORDS.filter((r) => r.startTime >= Date.parse(from) && r.startTime < Date.parse(to));
      expect(totals.requests).toBe(expected.length);
      await expect(getUsageSummary(admin, { from: to, to: from }, NOW)).rejects.toThrow(/before/);
      await expect(getUsageSummary(admin, { range: "2y" } as never, NOW)).rejects.toThrow();
      await expect(getUsageSummary(admin, { bogus: "1" } as never, NOW)).rejects.toThrow(/bogus/);
    });
  });

  describe("trace explorer", () => {
    const newestFirst = [...RECORDS].sort((a, b) => b.startTime - a.startTime || (a.requestId < b.requestId ? 1 : -1));

    it("pages through every trace newest first without gaps or repeats (ties included)", async () => {
      const seen: TraceListItem[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listTraces(admin, { limit: "7", ...(cursor && { cursor }) }, NOW);
        expect(page.data.length).toBeLessThanOrEqual(7);
        seen.push(...page.data);
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(RECORDS.length / 7));
      expect(seen.map((t) => t.id)).toEqual(newestFirst.map((r) => r.requestId));
    });

    it("filters like the dashboard, plus status, latency, caller and time", async () => {
      const ids = async (input: Record<string, string>) =>
        (await listTraces(admin, { limit: "500", ...input }, NOW)).data.map((t) => t.id).sort();
      const expect_ = (pred: (r: (typeof RECORDS)[number]) => boolean) => RECORDS.filter(pred).map((r) => r.requestId).sort();
      expect(await ids({ status: "error" })).toEqual(expect_((r) => r.status === "error"));
      expect(await ids({ minLatencyMs: "1500" })).toEqual(expect_((r) => r.latencyMs >= 1500));
      expect(await ids({ caller: "judge" })).toEqual(expect_((r) => r.caller === "judge"));
      expect(await ids({ excludeCaller: "judge", endpoint: "chat" })).toEqual(
        expect_((r) => r.caller !== "judge" && r.endpoint === "chat"),
      );
      expect(await ids({ team: "Team B", model: "text-embedding-3-small" })).toEqual(expect_((r) => r.endpoint === "embed"));
      expect(await ids({ provider: "anthropic", status: "ok" })).toEqual(
        expect_((r) => r.provider === "anthropic" && r.status === "ok"),
      );
      // [now - 1h, now): a trace starting exactly now is not in it
      expect(await ids({ range: "1h" })).toEqual(expect_((r) => r.startTime >= NOW.getTime() - HOUR && r.startTime < NOW.getTime()));
      const from = new Date(NOW.getTime() - 25 * DAY).toISOString();
      const to = new Date(NOW.getTime() - 10 * DAY).toISOString();
      expect(await ids({ from, to })).toEqual(["custom-2"]);
    });

    it("searches payloads case-insensitively, with % and _ taken literally", async () => {
      const ids = async (q: string) => (await listTraces(admin, { q, limit: "500" }, NOW)).data.map((t) => t.id).sort();
      expect(await ids("HELLO THERE #1")).toEqual(["chat-1", ...Array.from({ length: 10 }, (_, i) => `chat-1${i}`)].sort());
      expect(await ids("100%")).toEqual(["chat-3"]);
      expect(await ids("0%")).toEqual(["chat-3"]);
      expect(await ids("1_0")).toEqual([]);
      // A page of 1 found after scanning past non-matching candidates, and nothing after it.
      expect(await listTraces(admin, { q: "0% OF", limit: "1" }, NOW)).toMatchObject({
        data: [expect.objectContaining({ id: "chat-3" })],
        nextCursor: null,
      });
      expect(await ids("general kenobi")).toHaveLength(RECORDS.filter((r) => r.endpoint !== "embed").length);
      expect(await ids("upstream returned")).toEqual(
        RECORDS.filter((r) => r.status === "error").map((r) => r.requestId).sort(),
      );
    });

    it("shows members only their teams' traces", async () => {
      const page = await listTraces(memberA, { limit: "500" }, NOW);
      expect(page.data.length).toBe(RECORDS.filter((r) => r.teamId === "team_a").length);
      expect(page.data.every((t) => t.teamId === "team_a" && t.teamName === "Team A")).toBe(true);
      expect((await listTraces(outsider, {}, NOW)).data).toEqual([]);
      await expect(getTrace(memberA, "embed-0")).rejects.toMatchObject({ status: 404 });
      await expect(getTrace(memberA, "custom-1")).rejects.toMatchObject({ status: 404 });
      await expect(getTrace(memberA, "chat-0")).resolves.toMatchObject({ id: "chat-0" });
    });

    it("names the team token that made the call (null once it is deleted)", async () => {
      expect((await getTrace(admin, "claude-1")).tokenName).toBeNull();
      await database.db.apiToken.create({
        data: { id: "tok_a", kind: "team", name: "search-backend", prefix: "gth_tokA", hash: "hash-tok-a", teamId: "team_a" },
      });
      expect(await getTrace(admin, "claude-1")).toMatchObject({ tokenId: "tok_a", tokenName: "search-backend" });
      await database.db.apiToken.delete({ where: { id: "tok_a" } });
    });

    it("returns one trace with its spans, cost and payloads", async () => {
      const t = await getTrace(admin, "claude-1");
      expect(t).toMatchObject({
        id: "claude-1",
        endpoint: "claude",
        teamName: "Team A",
        provider: "anthropic",
        streaming: true,
        ttftMs: 300,
        inputTokens: 10_000,
        cacheReadTokens: 6_000,
        cacheCreationTokens: 2_000,
        costUsd: 0.0228,
        inputCostUsd: 0.0153,
        outputCostUsd: 0.0075,
        payloadTruncated: false,
        attempts: 1,
      });
      expect(JSON.parse(t.requestPayload!)).toEqual(RECORDS.find((r) => r.requestId === "claude-1")!.request);
      expect(t.spans).toEqual([
        expect.objectContaining({ attempt: 0, provider: "anthropic", status: "ok", httpStatus: 200, inputTokens: 10_000 }),
      ]);
      await expect(getTrace(admin, "nope")).rejects.toMatchObject({ status: 404 });
    });

    it("rejects a tampered cursor", async () => {
      await expect(listTraces(admin, { cursor: "not-a-cursor" }, NOW)).rejects.toMatchObject({ status: 400, code: "invalid_cursor" });
    });
  });
});

describe("filter URLs", () => {
  it("round-trip through search params", () => {
    const filters = traceFiltersSchema.parse({
      endpoint: "chat,embed",
      from: "2025-03-01T00:00:00.000Z",
      status: "error",
      minLatencyMs: "500",
    });
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe("from=2025-03-01T00%3A00%3A00.000Z&endpoint=chat%2Cembed&status=error&minLatencyMs=500");
    expect(traceFiltersSchema.parse(filtersFromSearchParams(params))).toEqual(filters);
    expect(filtersFromSearchParams({ endpoint: ["a", "b"], page: "2", q: "" })).toEqual({ endpoint: "a,b" });
  });
});
