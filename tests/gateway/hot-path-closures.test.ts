// A speed rule of the request path (README "Speed"): no named closures created per request. The
// production server runs under tsx, whose esbuild `keepNames` wraps each one in a `name` property
// definition (~0.4 µs apiece). Vitest compiles without keepNames, so the check runs a child
// process under tsx, the way `npm start` does, against fake OpenAI and Anthropic upstreams.

import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnthropicFake } from "../fakes/anthropic";
import { OpenAiFake } from "../fakes/openai";

const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, "hot-path-closures.child.ts");

describe("request path: no named closures per request under tsx", () => {
  let openai: OpenAiFake;
  let anthropic: AnthropicFake;
  beforeAll(async () => {
    [openai, anthropic] = await Promise.all([new OpenAiFake().start(), new AnthropicFake().start()]);
  });
  afterAll(async () => {
    await Promise.all([openai.close(), anthropic.close()]);
  });

  it("defines no function names while serving chat calls (unified and passthrough, plain and streamed, OpenAI and Anthropic)", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", CHILD], {
      env: { ...process.env, OPENAI_BASE_URL: openai.baseUrl, ANTHROPIC_URL: anthropic.url, DATABASE_URL: "" },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split("\n").at(-1) as string) as Record<string, { perRequest: number; sites: Record<string, number> }>;
    expect(Object.keys(result)).toEqual([
      "openai",
      "openai stream",
      "anthropic",
      "anthropic stream",
      "openai passthrough",
      "openai passthrough stream",
      "anthropic passthrough",
      "anthropic passthrough stream",
    ]);
    for (const [path, { perRequest, sites }] of Object.entries(result)) {
      expect({ path, perRequest, sites }).toEqual({ path, perRequest: 0, sites: {} });
    }
  }, 90_000);
});
