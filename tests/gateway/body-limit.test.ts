// The request body limit from GATEHOUSE_MAX_BODY_BYTES (read once per process, so this file sets it
// before the gateway reads its settings): 413 request_too_large one byte above it, whether the
// client declares a Content-Length or streams the body chunked; 200 at the limit; and the server
// keeps serving afterwards.

import { request as httpRequest } from "node:http";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { gatewaySettings } from "../../lib/gateway/settings";
import { OpenAiFake } from "../fakes/openai";
import { endpoint, setGatewayConfig, startGateway, target, TEAM_TOKEN, teamToken, type TestGateway } from "../helpers/gateway";

const LIMIT = 2048;
process.env.GATEHOUSE_MAX_BODY_BYTES = String(LIMIT);

let gw: TestGateway;
let fake: OpenAiFake;
let client: OpenAI;

/** A chat request body of exactly `bytes` bytes (the user message padded with "x"). */
function bodyOfSize(bytes: number, model = "ep"): string {
  const empty = JSON.stringify({ model, messages: [{ role: "user", content: "" }] });
  const body = empty.replace('"content":""', `"content":"${"x".repeat(bytes - empty.length)}"`);
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

function post(body: string, path = "/gateway/mlflow/v1/chat/completions") {
  return fetch(`${gw.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEAM_TOKEN}`, "content-type": "application/json" },
    body,
  });
}

/** POSTs `body` chunked (no Content-Length) in `pieces` writes, as a streaming client does. */
function postChunked(body: string, pieces: number): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${gw.url}/gateway/mlflow/v1/chat/completions`,
      { method: "POST", headers: { authorization: `Bearer ${TEAM_TOKEN}`, "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    const size = Math.ceil(body.length / pieces);
    for (let i = 0; i < body.length; i += size) req.write(body.slice(i, i + size));
    req.end();
  });
}

beforeAll(async () => {
  fake = await new OpenAiFake().start();
  gw = await startGateway();
  client = new OpenAI({ baseURL: gw.baseURL, apiKey: TEAM_TOKEN, maxRetries: 0 });
});

afterAll(async () => {
  await gw.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  setGatewayConfig([teamToken()], [endpoint("ep", [target("openai", "gpt-4o-mini", fake.baseUrl)])]);
});

describe("GATEHOUSE_MAX_BODY_BYTES", () => {
  it("is the gateway's body limit", () => {
    expect(gatewaySettings().maxBodyBytes).toBe(LIMIT);
  });

  it("accepts a body of exactly the limit and answers 413 one byte above it (Content-Length declared)", async () => {
    const atLimit = await post(bodyOfSize(LIMIT));
    expect(atLimit.status).toBe(200);
    expect((await atLimit.json()).choices[0].message.content).toMatch(/^echo: x+$/);

    const above = await post(bodyOfSize(LIMIT + 1));
    expect(above.status).toBe(413);
    expect(await above.json()).toEqual({
      error: { message: `Request body exceeds the gateway limit of ${LIMIT} bytes.`, type: "invalid_request_error", code: "request_too_large", param: null },
    });
    expect(above.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.requests).toHaveLength(1);
  });

  it("counts the bytes of a chunked body (no Content-Length) as they arrive", async () => {
    const below = await postChunked(bodyOfSize(LIMIT - 1), 4);
    expect(below.status).toBe(200);
    const above = await postChunked(bodyOfSize(LIMIT + 1), 4);
    expect(above.status).toBe(413);
    expect(JSON.parse(above.text).error.code).toBe("request_too_large");
    expect(fake.requests).toHaveLength(1);
  });

  it("applies to MLflow invocations too", async () => {
    const invocation = (bytes: number) => {
      const empty = JSON.stringify({ messages: [{ role: "user", content: "" }] });
      return post(empty.replace('"content":""', `"content":"${"x".repeat(bytes - empty.length)}"`), "/gateway/ep/mlflow/invocations");
    };
    expect((await invocation(LIMIT)).status).toBe(200);
    expect((await invocation(LIMIT + 1)).status).toBe(413);
  });

  it("answers the SDK's oversized request with 413 (not a broken connection) and keeps serving", async () => {
    for (const size of [LIMIT + 1, 4 * 1024 * 1024]) {
      const err = await client.chat.completions.create({ model: "ep", messages: [{ role: "user", content: "x".repeat(size) }] }).catch((e) => e);
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect(err).toMatchObject({ status: 413, code: "request_too_large" });
    }
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => client.chat.completions.create({ model: "ep", messages: [{ role: "user", content: `still here ${i}` }] })),
    );
    expect(answers.map((a) => a.choices[0].message.content)).toEqual([0, 1, 2, 3].map((i) => `echo: still here ${i}`));
    expect(fake.requests).toHaveLength(4);
  });
});
