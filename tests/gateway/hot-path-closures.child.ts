// Child process of hot-path-closures.test.ts, run the way the production server runs (tsx, whose
// esbuild `keepNames` defines a `name` property on every named closure it creates). Counts those
// definitions per request on the chat paths and prints them as JSON. The counter is installed
// before any gateway module is loaded (the modules capture Object.defineProperty when they load).

export {};

const define = Object.defineProperty;
let named = 0;
const sites = new Map<string, number>();
Object.defineProperty = function <T>(target: T, key: PropertyKey, attributes: PropertyDescriptor & ThisType<unknown>): T {
  if (key === "name" && typeof target === "function" && attributes && "value" in attributes) {
    named++;
    sites.set(String(attributes.value), (sites.get(String(attributes.value)) ?? 0) + 1);
  }
  return define(target, key, attributes);
} as typeof Object.defineProperty;

const { useStaticConfig } = await import("../../lib/gateway/snapshot");
const { hashToken } = await import("../../lib/gateway/snapshot-build");
const { setTraceSink } = await import("../../lib/gateway/trace-hook");
const { encodeRecord } = await import("../../lib/tracing/record-codec");
const { startServer } = await import("../../lib/server/server");
// The client: undici's Pool (Node's built-in fetch names its own closures, which would count).
const { Pool } = await import("undici");

const TOKEN = "gth_hotPathClosures00000000000000000000000000000";
const model = (provider: string, name: string, baseUrl: string, apiKey: string) => ({
  id: `em_${provider}`, provider, model: name, weight: 1, fallbackOrder: null, position: 0, credentials: { apiKey }, config: { baseUrl },
});
const endpoint = (name: string, m: ReturnType<typeof model>) => ({
  id: `ep_${name}`, name, kind: "chat", maxAttempts: 2, timeoutMs: 10_000, usageTracking: true, capturePayloads: true, fallbackOn: null,
  createdAt: new Date("2025-01-01T00:00:00Z"), models: [m],
});
useStaticConfig({
  version: 1,
  tokens: [{ id: "tok", teamId: "team", hash: hashToken(TOKEN), endpoints: null, expiresAt: null, revokedAt: null }],
  endpoints: [
    endpoint("oa", model("openai", "gpt-4o-mini", process.env.OPENAI_BASE_URL as string, "sk-test")),
    endpoint("an", model("anthropic", "claude-sonnet-4-5", process.env.ANTHROPIC_URL as string, "sk-ant-test")),
  ],
} as never);
setTraceSink((record) => void encodeRecord(record, 65_536)); // the hot-path part of recording
const server = await startServer({ port: 0, hostname: "127.0.0.1", next: false });
const client = new Pool(`http://127.0.0.1:${server.port}`, { connections: 1 });

type Route = "unified" | "openai passthrough" | "anthropic passthrough";
const PATHS: Record<Route, string> = {
  unified: "/gateway/mlflow/v1/chat/completions",
  "openai passthrough": "/gateway/openai/v1/chat/completions",
  "anthropic passthrough": "/gateway/anthropic/v1/messages",
};

async function call(route: Route, model: string, stream: boolean): Promise<void> {
  const anthropic = route === "anthropic passthrough";
  const messages = anthropic ? [{ role: "user", content: "hello" }] : [{ role: "system", content: "Be brief." }, { role: "user", content: "hello" }];
  const res = await client.request({
    path: PATHS[route],
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, ...(anthropic ? { "anthropic-version": "2023-06-01" } : {}) },
    body: JSON.stringify({ model, messages, stream, ...(anthropic ? { max_tokens: 32 } : {}) }),
  });
  await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${route} ${model} stream=${stream}: HTTP ${res.statusCode}`);
}

const N = 50;
const result: Record<string, { perRequest: number; sites: Record<string, number> }> = {};
const cases: Array<[string, Route, string, boolean]> = [
  ["openai", "unified", "oa", false],
  ["openai stream", "unified", "oa", true],
  ["anthropic", "unified", "an", false],
  ["anthropic stream", "unified", "an", true],
  ["openai passthrough", "openai passthrough", "oa", false],
  ["openai passthrough stream", "openai passthrough", "oa", true],
  ["anthropic passthrough", "anthropic passthrough", "an", false],
  ["anthropic passthrough stream", "anthropic passthrough", "an", true],
];
for (const [label, route, model, stream] of cases) {
  const call1 = () => call(route, model, stream);
  for (let i = 0; i < 5; i++) await call1(); // first calls load and compile lazily
  named = 0;
  sites.clear();
  for (let i = 0; i < N; i++) await call1();
  result[label] = { perRequest: named / N, sites: Object.fromEntries(sites) };
}
console.log(JSON.stringify(result));
process.exit(0);
