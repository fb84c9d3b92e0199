// Shared set-up of the evaluation tests: a fresh database (with an admin API token), the gateway
// with a fake app model ("chat", echoes the user message) and a fake judge model ("judge"; "badjudge"
// has a wrong API key → 401), the trace writer, and the evaluation runtime started by the test.

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { startEvaluation, stopEvaluation } from "../../lib/eval/runtime";
import { flushTracing, startTracing, stopTracing } from "../../lib/tracing";
import { JudgeFake } from "../fakes/judge";
import { OpenAiFake } from "../fakes/openai";
import { useAdminApi } from "../helpers/api";
import type { TestDatabaseKind } from "../helpers/db";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

// The tests start and stop the runtime themselves.
process.env.GATEHOUSE_EVAL_AUTOSTART = "0";

export const ADMIN: Actor = { kind: "admin-token", tokenId: "tok_test" };
export const RUNTIME_OPTIONS = { runner: { concurrency: 2, idlePollMs: 50 }, online: { pauseAfter: 3, rulesTtlMs: 0 } } as const;

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function useEvalEnv(kind: TestDatabaseKind, options: { runtime?: boolean } = {}) {
  const api = useAdminApi(kind);
  let gw: TestGateway;
  let app: OpenAiFake;
  let judge: JudgeFake;
  let client: OpenAI;

  beforeAll(async () => {
    [app, judge] = await Promise.all([new OpenAiFake().start(), new JudgeFake().start()]);
    gw = await startGateway();
    startTracing({ settings: { flushIntervalMs: 20 } });
    client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
    configure();
    // Rules reference endpoints of the database (the gateway here serves a static configuration).
    await api.db.endpoint.createMany({ data: [{ name: "chat", kind: "chat" }, { name: "judge", kind: "chat" }] });
    if (options.runtime !== false) startEvaluation(RUNTIME_OPTIONS);
  });

  afterAll(async () => {
    await stopEvaluation();
    await stopTracing();
    await gw.close();
    await Promise.all([app.close(), judge.close()]);
  });

  beforeEach(() => {
    app.reset();
    judge.reset();
  });

  /** The gateway's endpoints: the standard ones plus `extra`. */
  function configure(extra: ReturnType<typeof endpoint>[] = []): void {
    setGatewayConfig(
      [teamToken(TEAM_TOKEN, { teamId: "team_eval" })],
      [
        endpoint("chat", [target("openai", "gpt-4o-mini", app.baseUrl)]),
        endpoint("judge", [target("openai", "gpt-4o-mini", judge.baseUrl)]),
        endpoint("badjudge", [target("openai", "gpt-4o-mini", judge.baseUrl, { apiKey: "sk-wrong" })], { maxAttempts: 1 }),
        endpoint("embed", [target("openai", "text-embedding-3-small", app.baseUrl)], { kind: "embeddings" }),
        ...extra,
      ],
    );
  }

  /** One chat call per text through the gateway; returns the trace ids once written. */
  async function produce(texts: string[], model = "chat", parallel = 1): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < texts.length; i += parallel) {
      const batch = await Promise.all(
        texts.slice(i, i + parallel).map(async (text) => {
          const { response } = await client.chat.completions.create({ model, messages: [{ role: "user", content: text }] }).withResponse();
          return response.headers.get("x-request-id")!;
        }),
      );
      ids.push(...batch);
    }
    await flushTracing();
    return ids;
  }

  return {
    api,
    get db() {
      return api.db;
    },
    get judge() {
      return judge;
    },
    get app() {
      return app;
    },
    get gateway() {
      return gw;
    },
    configure,
    produce,
  };
}
