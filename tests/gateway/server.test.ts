// The production server's lifecycle: gateway routes served without Next, graceful close (stop
// accepting, let in-flight requests finish, then run shutdown hooks).

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerShutdownHook } from "../../lib/server/shutdown";
import { startServer } from "../../lib/server/server";
import { OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, target, TEAM_TOKEN, teamToken } from "../helpers/gateway";

let fake: OpenAiFake;

beforeAll(async () => {
  fake = await new OpenAiFake().start();
  setGatewayConfig([teamToken()], [endpoint("chat", [target("openai", "gpt-4o", fake.baseUrl)])]);
});

afterAll(async () => {
  await fake.close();
});

describe("production server", () => {
  it("answers non-gateway paths with 404 when Next is disabled", async () => {
    const running = await startServer({ port: 0, hostname: "127.0.0.1", next: false });
    try {
      const res = await fetch(`http://127.0.0.1:${running.port}/api/v1/endpoints`);
      expect(res.status).toBe(404);
    } finally {
      await running.close();
    }
  });

  it("drains in-flight requests before running shutdown hooks", async () => {
    const running = await startServer({ port: 0, hostname: "127.0.0.1", next: false, drainTimeoutMs: 5_000 });
    const events: string[] = [];
    const unregister = registerShutdownHook("test-flush", () => {
      events.push("hook");
    });
    try {
      fake.switches.latencyMs = 400;
      const before = fake.requests.length;
      const client = new OpenAI({ baseURL: `http://127.0.0.1:${running.port}/gateway/mlflow/v1`, apiKey: TEAM_TOKEN, maxRetries: 0 });
      const started = Date.now();
      const inFlight = client.chat.completions.create({ model: "chat", messages: [{ role: "user", content: "slow" }] });
      // Wait until the request has reached the upstream (a fixed sleep is flaky on a loaded machine).
      while (fake.requests.length === before && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 5));
      const closed = running.close().then(() => {
        events.push("closed");
        return Date.now() - started;
      });
      await new Promise((r) => setTimeout(r, 50));
      await expect(fetch(`http://127.0.0.1:${running.port}/gateway/mlflow/v1/models`)).rejects.toThrow();
      expect((await inFlight).choices[0].message.content).toBe("echo: slow");
      expect(await closed).toBeGreaterThanOrEqual(400); // close waited for the in-flight request
      expect(events).toEqual(["hook", "closed"]);
    } finally {
      unregister();
      fake.switches.latencyMs = 0;
    }
  });
});
