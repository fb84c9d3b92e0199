// Passthrough calls traced to the database end to end: the official @anthropic-ai/sdk (a plain
// message with prompt-caching usage, a streamed one, a fallback chain) and @google/genai through
// the production server's /gateway/anthropic and /gateway/gemini routes, written by the real trace
// writer to SQLite / PostgreSQL — Trace rows (route, tokens incl. cache, cost with Anthropic's
// cache-write price), Span rows and UsageRollup sums.

import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { flushTracing, startTracing, stopTracing } from "../../lib/tracing";
import { AnthropicFake } from "../fakes/anthropic";
import { GeminiFake } from "../fakes/gemini";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

const ANTHROPIC_KEY = "sk-ant-stored-trace-int-000000001";
const GEMINI_KEY = "AIza-stored-gemini-trace-int-0001";

// Built-in prices (lib/usage/prices-table.ts), USD per 1M tokens:
//   claude-sonnet-4-5*: input 3, output 15, cache write 3.75, cache read 0.3
//   gemini-2.5-flash*:  input 0.3, output 2.5, cache read 0.03
/** Plain message: 100 uncached + 2,000 cache-read + 1,000 cache-written input tokens, 50 output. */
const PLAIN_USAGE = { input_tokens: 100, cache_read_input_tokens: 2_000, cache_creation_input_tokens: 1_000, output_tokens: 50 };
const PLAIN_INPUT_COST = (100 * 3 + 2_000 * 0.3 + 1_000 * 3.75) / 1e6; // 0.00465
const PLAIN_OUTPUT_COST = (50 * 15) / 1e6; // 0.00075
/** Streamed message: 20 uncached + 4,000 cache-read input tokens, 30 output. */
const STREAM_USAGE = { input_tokens: 20, cache_read_input_tokens: 4_000, cache_creation_input_tokens: 0, output_tokens: 30 };
const STREAM_COST = (20 * 3 + 4_000 * 0.3 + 30 * 15) / 1e6; // 0.00171
/** Gemini: a 1,000-token prompt of which 400 cached, 200 output + 50 thinking tokens. */
const GEMINI_USAGE = { promptTokenCount: 1_000, cachedContentTokenCount: 400, candidatesTokenCount: 200, thoughtsTokenCount: 50 };
const GEMINI_COST = (600 * 0.3 + 400 * 0.03 + 250 * 2.5) / 1e6; // 0.000817

describe.each(TEST_DATABASES)("passthrough traces (%s)", (kind) => {
  const database = useFreshDatabase(kind);
  let gw: TestGateway;
  let anthropicFake: AnthropicFake;
  let backupFake: AnthropicFake;
  let geminiFake: GeminiFake;
  let anthropic: Anthropic;
  let genai: GoogleGenAI;

  beforeAll(async () => {
    [anthropicFake, backupFake, geminiFake] = await Promise.all([
      new AnthropicFake(ANTHROPIC_KEY).start(),
      new AnthropicFake(ANTHROPIC_KEY).start(),
      new GeminiFake(GEMINI_KEY).start(),
    ]);
    gw = await startGateway();
    startTracing({ settings: { flushIntervalMs: 20 } });
    anthropic = new Anthropic({ baseURL: `${gw.url}/gateway/anthropic`, apiKey: TEAM_TOKEN, maxRetries: 0 });
    genai = new GoogleGenAI({ apiKey: TEAM_TOKEN, httpOptions: { baseUrl: `${gw.url}/gateway/gemini` } });
  });

  afterAll(async () => {
    await stopTracing();
    await gw.close();
    await Promise.all([anthropicFake.close(), backupFake.close(), geminiFake.close()]);
  });

  beforeEach(async () => {
    anthropicFake.reset();
    backupFake.reset();
    geminiFake.reset();
    const claude = (url: string, opts = {}) => target("anthropic", "claude-sonnet-4-5-20250929", url, { apiKey: ANTHROPIC_KEY, ...opts });
    setGatewayConfig(
      [teamToken(TEAM_TOKEN, { teamId: "team_pt" })],
      [
        endpoint("claude", [claude(anthropicFake.url)]),
        endpoint("claude-fb", [claude(anthropicFake.url), claude(backupFake.url, { fallbackOrder: 0 })]),
        endpoint("flash", [target("gemini", "gemini-2.5-flash", geminiFake.url, { apiKey: GEMINI_KEY })]),
      ],
    );
    await database.db.span.deleteMany();
    await database.db.trace.deleteMany();
    await database.db.usageRollup.deleteMany();
  });

  const trace = (id: string) => database.db.trace.findUniqueOrThrow({ where: { id }, include: { spans: { orderBy: { attempt: "asc" } } } });

  it("writes Anthropic (plain with cache reads and writes, streamed) and Gemini calls with tokens, cost, spans and rollups", async () => {
    anthropicFake.reply = { text: "Cached answer.", usage: PLAIN_USAGE };
    const { data: message, response: plainRes } = await anthropic.messages
      .create({ model: "claude", max_tokens: 256, messages: [{ role: "user", content: "pt-plain question" }] })
      .withResponse();
    expect(message.usage).toMatchObject(PLAIN_USAGE);

    anthropicFake.reply = { text: "A streamed answer in pieces.", usage: STREAM_USAGE };
    const { data: stream, response: streamRes } = await anthropic.messages
      .create({ model: "claude", max_tokens: 256, messages: [{ role: "user", content: "pt-stream question" }], stream: true })
      .withResponse();
    let text = "";
    for await (const event of stream) {
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
    }
    expect(text).toBe("A streamed answer in pieces.");

    geminiFake.reply = { text: "Gemini answer.", usage: GEMINI_USAGE };
    const generated = await genai.models.generateContent({ model: "flash", contents: "pt-gemini question" });
    expect(generated.text).toBe("Gemini answer.");

    expect(await flushTracing()).toEqual({ remaining: 0 });
    const plain = await trace(plainRes.headers.get("x-request-id")!);
    const streamed = await trace(streamRes.headers.get("x-request-id")!);
    const gemini = await trace(generated.sdkHttpResponse!.headers!["x-request-id"]);

    expect(plain).toMatchObject({
      route: "passthrough-anthropic",
      operation: "chat",
      endpointName: "claude",
      teamId: "team_pt",
      provider: "anthropic",
      model: "claude-sonnet-4-5-20250929",
      status: "ok",
      httpStatus: 200,
      streaming: false,
      ttftMs: null,
      attempts: 1,
      // OpenAI semantics: the prompt includes the cache reads and writes.
      inputTokens: 3_100,
      outputTokens: 50,
      cacheReadTokens: 2_000,
      cacheCreationTokens: 1_000,
      totalTokens: 3_150,
    });
    expect(plain.inputCostUsd).toBeCloseTo(PLAIN_INPUT_COST, 12);
    expect(plain.outputCostUsd).toBeCloseTo(PLAIN_OUTPUT_COST, 12);
    expect(plain.costUsd).toBeCloseTo(PLAIN_INPUT_COST + PLAIN_OUTPUT_COST, 12);
    expect(JSON.parse(plain.requestPayload!)).toMatchObject({ model: "claude", messages: [{ role: "user", content: "pt-plain question" }] });
    expect(JSON.parse(plain.responsePayload!)).toMatchObject({ id: message.id, content: [{ type: "text", text: "Cached answer." }] });
    expect(plain.spans).toEqual([
      expect.objectContaining({
        attempt: 0,
        provider: "anthropic",
        model: "claude-sonnet-4-5-20250929",
        status: "ok",
        httpStatus: 200,
        inputTokens: 3_100,
        outputTokens: 50,
        cacheReadTokens: 2_000,
        cacheCreationTokens: 1_000,
      }),
    ]);

    expect(streamed).toMatchObject({
      route: "passthrough-anthropic",
      streaming: true,
      status: "ok",
      inputTokens: 4_020,
      outputTokens: 30,
      cacheReadTokens: 4_000,
      cacheCreationTokens: 0,
      totalTokens: 4_050,
    });
    expect(streamed.costUsd).toBeCloseTo(STREAM_COST, 12);
    expect(streamed.ttftMs).not.toBeNull();
    expect(streamed.ttftMs!).toBeLessThanOrEqual(streamed.latencyMs);
    // The message rebuilt from the events, not the raw stream.
    expect(JSON.parse(streamed.responsePayload!)).toMatchObject({ content: [{ type: "text", text: "A streamed answer in pieces." }], stop_reason: "end_turn" });
    expect(streamed.spans).toEqual([expect.objectContaining({ status: "ok", inputTokens: 4_020, outputTokens: 30, cacheReadTokens: 4_000 })]);

    expect(gemini).toMatchObject({
      route: "passthrough-gemini",
      operation: "chat",
      endpointName: "flash",
      provider: "gemini",
      model: "gemini-2.5-flash",
      status: "ok",
      streaming: false,
      inputTokens: 1_000,
      outputTokens: 250,
      cacheReadTokens: 400,
      cacheCreationTokens: 0,
      totalTokens: 1_250,
    });
    expect(gemini.costUsd).toBeCloseTo(GEMINI_COST, 12);
    expect(JSON.parse(gemini.requestPayload!)).toMatchObject({ contents: [{ parts: [{ text: "pt-gemini question" }] }] });
    expect(gemini.spans).toEqual([expect.objectContaining({ provider: "gemini", status: "ok", inputTokens: 1_000, cacheReadTokens: 400 })]);

    // Rollups: per granularity and provider/model (a bucket boundary may split a granularity's
    // rows; their sums do not change), summing to the traces.
    const rollups = await database.db.usageRollup.groupBy({
      by: ["granularity", "endpointName", "teamId", "provider", "model"],
      orderBy: [{ granularity: "asc" }, { provider: "asc" }],
      _sum: {
        requests: true,
        errors: true,
        streamingRequests: true,
        unknownCostRequests: true,
        inputTokens: true,
        outputTokens: true,
        cacheReadTokens: true,
        cacheCreationTokens: true,
        totalTokens: true,
        ttftCount: true,
        costUsd: true,
      },
    });
    expect(rollups.map((r) => [r.granularity, r.endpointName, r.teamId, r.provider, r.model])).toEqual(
      [60, 3600, 86400].flatMap((g) => [
        [g, "claude", "team_pt", "anthropic", "claude-sonnet-4-5-20250929"],
        [g, "flash", "team_pt", "gemini", "gemini-2.5-flash"],
      ]),
    );
    for (const { provider, _sum: sum } of rollups) {
      const claude = provider === "anthropic";
      expect({
        requests: sum.requests,
        errors: sum.errors,
        streamingRequests: sum.streamingRequests,
        unknownCostRequests: sum.unknownCostRequests,
        inputTokens: Number(sum.inputTokens),
        outputTokens: Number(sum.outputTokens),
        cacheReadTokens: Number(sum.cacheReadTokens),
        cacheCreationTokens: Number(sum.cacheCreationTokens),
        totalTokens: Number(sum.totalTokens),
        ttftCount: sum.ttftCount,
      }).toEqual(
        claude
          ? { requests: 2, errors: 0, streamingRequests: 1, unknownCostRequests: 0, inputTokens: 7_120, outputTokens: 80, cacheReadTokens: 6_000, cacheCreationTokens: 1_000, totalTokens: 7_200, ttftCount: 1 }
          : { requests: 1, errors: 0, streamingRequests: 0, unknownCostRequests: 0, inputTokens: 1_000, outputTokens: 250, cacheReadTokens: 400, cacheCreationTokens: 0, totalTokens: 1_250, ttftCount: 0 },
      );
      expect(sum.costUsd).toBeCloseTo(claude ? PLAIN_INPUT_COST + PLAIN_OUTPUT_COST + STREAM_COST : GEMINI_COST, 12);
    }
  });

  it("writes a passthrough fallback chain as spans, priced as the target that served", async () => {
    anthropicFake.switches.fail = { status: 529, message: "Overloaded" };
    backupFake.reply = { text: "From the backup.", usage: PLAIN_USAGE };
    const { data, response } = await anthropic.messages
      .create({ model: "claude-fb", max_tokens: 256, messages: [{ role: "user", content: "pt-fallback" }] })
      .withResponse();
    expect(data.content).toEqual([{ type: "text", text: "From the backup." }]);
    await flushTracing();
    const t = await trace(response.headers.get("x-request-id")!);
    expect(t).toMatchObject({ route: "passthrough-anthropic", status: "ok", attempts: 2, inputTokens: 3_100, cacheCreationTokens: 1_000 });
    expect(t.costUsd).toBeCloseTo(PLAIN_INPUT_COST + PLAIN_OUTPUT_COST, 12);
    expect(t.spans.map((s) => [s.attempt, s.status, s.httpStatus, s.inputTokens, s.cacheCreationTokens])).toEqual([
      [0, "error", 529, null, null],
      [1, "ok", 200, 3_100, 1_000],
    ]);
    expect(t.spans[0].error).toContain("Overloaded");
    const day = await database.db.usageRollup.findMany({ where: { granularity: 86400 } });
    expect(day.map((r) => [r.endpointName, r.requests, r.errors, Number(r.cacheCreationTokens)])).toEqual([["claude-fb", 1, 0, 1_000]]);
  });
});
