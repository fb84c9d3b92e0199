// Fake Amazon Bedrock runtime on 127.0.0.1 speaking the real wire formats: Converse JSON,
// ConverseStream as an AWS binary event stream (encoded with @smithy/eventstream-codec), InvokeModel
// for Titan / Cohere embeddings, `{message}` errors with x-amzn-errortype. Every request's SigV4
// signature is recomputed with @smithy/signature-v4 from what was received and the known test
// credentials (403 on mismatch), or a Bedrock API key is checked as a bearer token.
// Switches: the shared FakeSwitches (fake-switches.ts: errors, latency, hangs, mid-stream cuts, an
// in-stream exception event); it is its own server because SigV4 needs the raw request bytes.

import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Sha256 } from "@aws-crypto/sha256-js";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { SignatureV4 } from "@smithy/signature-v4";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { pieces, sleep, type FakeSwitches } from "./fake-switches";

export const TEST_AWS_CREDENTIALS = {
  accessKeyId: "AKIDGATEHOUSETEST",
  secretAccessKey: "gatehouse/test/secret+key",
  sessionToken: "gatehouse-session-token",
};
export const TEST_BEDROCK_API_KEY = "bedrock-api-key-test";

export interface FakeToolUse {
  toolUseId: string;
  name: string;
  input: Record<string, unknown>;
}

export interface BedrockReply {
  text?: string;
  toolUses?: FakeToolUse[];
  stopReason?: string;
  usage?: { inputTokens: number; outputTokens: number; cacheReadInputTokens?: number; cacheWriteInputTokens?: number };
}

export interface ReceivedBedrockRequest {
  action: string;
  /** decoded model id from the path */
  modelId: string;
  rawPath: string;
  auth: "sigv4" | "bearer";
  headers: IncomingMessage["headers"];
  body: any;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const DEFAULT_REPLY: BedrockReply = { text: "Hello from Bedrock." };

export class FakeBedrock {
  url = "";
  switches: FakeSwitches = {};
  /** The exception event sent on `switches.errorAfterEvents`. */
  streamException = { type: "modelStreamErrorException", message: "The model stream failed." };
  /** Write the event stream in pieces of this many bytes, so frames straddle network reads. */
  streamPieceBytes = 0;
  /** The scripted reply, or a function of the received Converse body. */
  reply: BedrockReply | ((body: any) => BedrockReply) = DEFAULT_REPLY;
  readonly region: string;
  readonly requests: ReceivedBedrockRequest[] = [];
  private server: Server | null = null;

  constructor(options: { region?: string } = {}) {
    this.region = options.region ?? "us-east-1";
  }

  get lastRequest(): ReceivedBedrockRequest {
    const last = this.requests[this.requests.length - 1];
    if (!last) throw new Error("the fake has received no request");
    return last;
  }

  reset(): void {
    this.switches = {};
    this.streamException = { type: "modelStreamErrorException", message: "The model stream failed." };
    this.streamPieceBytes = 0;
    this.reply = DEFAULT_REPLY;
    this.requests.length = 0;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        if (!res.headersSent) send(res, 500, { message: String(err) }, "InternalServerException");
        else res.destroy();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const rawPath = (req.url ?? "/").split("?")[0];
    const match = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/.exec(rawPath);
    if (req.method !== "POST" || !match) return send(res, 404, { message: `No route for ${req.method} ${rawPath}` }, "UnknownOperationException");

    const auth = await this.authenticate(req, rawPath, raw);
    if (typeof auth !== "string") return send(res, 403, { message: auth.error }, auth.type);

    let body: any;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return send(res, 400, { message: "Malformed input request, please reformat your input and try again." }, "ValidationException");
    }
    const [, encodedModel, action] = match;
    const modelId = decodeURIComponent(encodedModel);
    this.requests.push({ action, modelId, rawPath, auth, headers: req.headers, body });

    const { hang, latencyMs, fail } = this.switches;
    if (hang) return; // never answered; the client has to give up
    if (latencyMs) await sleep(latencyMs);
    if (fail && (fail.times === undefined || fail.times > 0)) {
      if (fail.times !== undefined) fail.times -= 1;
      const headers = fail.retryAfterSeconds !== undefined ? { "retry-after": String(fail.retryAfterSeconds) } : undefined;
      const type = fail.type ?? ERROR_TYPES[fail.status] ?? "InternalServerException";
      return send(res, fail.status, { message: fail.message ?? `Injected failure ${fail.status}` }, type, headers);
    }

    if (action === "invoke") return send(res, 200, embeddingsReply(modelId, body));
    // Converse's own validation of tool-use ids (1–64 of [a-zA-Z0-9_-]).
    const badId = toolUseIds(body).find((id) => !/^[a-zA-Z0-9_-]{1,64}$/.test(id));
    if (badId !== undefined) {
      return send(res, 400, { message: `1 validation error detected: Value '${badId}' at 'toolUseId' failed to satisfy constraint` }, "ValidationException");
    }
    const reply = typeof this.reply === "function" ? this.reply(body) : this.reply;
    if (action === "converse") return send(res, 200, converseReply(reply));
    return this.stream(res, reply);
  }

  /** Returns how the request authenticated, or why it did not. */
  private async authenticate(
    req: IncomingMessage,
    rawPath: string,
    body: Buffer,
  ): Promise<"sigv4" | "bearer" | { error: string; type: string }> {
    const authorization = req.headers.authorization ?? "";
    if (authorization.startsWith("Bearer ")) {
      return authorization.slice(7) === TEST_BEDROCK_API_KEY
        ? "bearer"
        : { error: "Invalid API key.", type: "UnrecognizedClientException" };
    }
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
    if (!m) return { error: "Missing Authentication Token", type: "MissingAuthenticationTokenException" };
    const [, accessKeyId, , region, service, signedHeaderList] = m;
    if (accessKeyId !== TEST_AWS_CREDENTIALS.accessKeyId) {
      return { error: "The security token included in the request is invalid.", type: "UnrecognizedClientException" };
    }
    if (service !== "bedrock" || region !== this.region) {
      return { error: `Credential should be scoped to a valid region/service (got ${region}/${service}).`, type: "InvalidSignatureException" };
    }
    const amzDate = String(req.headers["x-amz-date"] ?? "");
    const dm = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (!dm) return { error: "Missing x-amz-date.", type: "InvalidSignatureException" };
    const signingDate = new Date(Date.UTC(+dm[1], +dm[2] - 1, +dm[3], +dm[4], +dm[5], +dm[6]));
    if (Math.abs(Date.now() - signingDate.getTime()) > 5 * 60_000) {
      return { error: "Signature expired.", type: "InvalidSignatureException" };
    }
    const contentSha = req.headers["x-amz-content-sha256"];
    if (typeof contentSha === "string" && contentSha !== createHash("sha256").update(body).digest("hex")) {
      return { error: "The provided 'x-amz-content-sha256' header does not match what was computed.", type: "InvalidSignatureException" };
    }
    const signedNames = signedHeaderList.split(";");
    const headers: Record<string, string> = {};
    for (const name of signedNames) {
      const value = req.headers[name];
      if (value === undefined) return { error: `Signed header '${name}' is missing.`, type: "InvalidSignatureException" };
      headers[name] = Array.isArray(value) ? value.join(",") : value;
    }
    const signer = new SignatureV4({
      service: "bedrock",
      region,
      credentials: TEST_AWS_CREDENTIALS,
      sha256: Sha256,
      applyChecksum: signedNames.includes("x-amz-content-sha256"),
    });
    const [host, port] = String(req.headers.host ?? "").split(":");
    const expected = await signer.sign(
      { method: req.method ?? "POST", protocol: "http:", hostname: host, port: port ? Number(port) : undefined, path: rawPath, query: {}, headers, body: body.toString("utf8") },
      { signingDate },
    );
    if (expected.headers.authorization !== authorization) {
      return {
        error: "The request signature we calculated does not match the signature you provided.",
        type: "InvalidSignatureException",
      };
    }
    return "sigv4";
  }

  private async stream(res: ServerResponse, reply: BedrockReply): Promise<void> {
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": "fake-request-id" });
    const frames = streamEvents(reply).map(([type, payload]) => encodeEvent(type, payload));
    const { cutAfterEvents, endAfterEvents, errorAfterEvents, eventDelayMs } = this.switches;
    for (let i = 0; i < frames.length; i++) {
      if (i === cutAfterEvents) {
        res.destroy();
        return;
      }
      if (i === endAfterEvents) break;
      if (i === errorAfterEvents) {
        await this.write(res, encodeException(this.streamException.type, this.streamException.message));
        break;
      }
      if (eventDelayMs) await sleep(eventDelayMs);
      await this.write(res, frames[i]);
    }
    res.end();
  }

  private async write(res: ServerResponse, frame: Uint8Array): Promise<void> {
    const size = this.streamPieceBytes > 0 ? this.streamPieceBytes : frame.length;
    for (let offset = 0; offset < frame.length; offset += size) {
      res.write(frame.subarray(offset, offset + size));
      if (this.streamPieceBytes > 0) await new Promise((r) => setImmediate(r));
    }
  }
}

const ERROR_TYPES: Record<number, string> = {
  400: "ValidationException",
  403: "AccessDeniedException",
  404: "ResourceNotFoundException",
  408: "ModelTimeoutException",
  424: "ModelErrorException",
  429: "ThrottlingException",
  500: "InternalServerException",
  503: "ServiceUnavailableException",
};

function converseReply(reply: BedrockReply) {
  const content: unknown[] = [];
  if (reply.text) content.push({ text: reply.text });
  for (const toolUse of reply.toolUses ?? []) content.push({ toolUse });
  return {
    output: { message: { role: "assistant", content } },
    stopReason: stopReasonOf(reply),
    usage: usageOf(reply),
    metrics: { latencyMs: 12 },
  };
}

function stopReasonOf(reply: BedrockReply): string {
  return reply.stopReason ?? (reply.toolUses?.length ? "tool_use" : "end_turn");
}

function usageOf(reply: BedrockReply) {
  const usage = reply.usage ?? { inputTokens: 11, outputTokens: 7 };
  const total = usage.inputTokens + usage.outputTokens + (usage.cacheReadInputTokens ?? 0) + (usage.cacheWriteInputTokens ?? 0);
  return { ...usage, totalTokens: total };
}

/** ConverseStream events for a reply, as Bedrock sends them. */
function streamEvents(reply: BedrockReply): Array<[string, Record<string, unknown>]> {
  const events: Array<[string, Record<string, unknown>]> = [["messageStart", { role: "assistant" }]];
  let block = 0;
  if (reply.text) {
    for (const piece of pieces(reply.text, 6)) {
      events.push(["contentBlockDelta", { contentBlockIndex: block, delta: { text: piece } }]);
    }
    events.push(["contentBlockStop", { contentBlockIndex: block }]);
    block++;
  }
  for (const { toolUseId, name, input } of reply.toolUses ?? []) {
    events.push(["contentBlockStart", { contentBlockIndex: block, start: { toolUse: { toolUseId, name } } }]);
    for (const piece of pieces(JSON.stringify(input), 8)) {
      events.push(["contentBlockDelta", { contentBlockIndex: block, delta: { toolUse: { input: piece } } }]);
    }
    events.push(["contentBlockStop", { contentBlockIndex: block }]);
    block++;
  }
  events.push(["messageStop", { stopReason: stopReasonOf(reply) }]);
  events.push(["metadata", { usage: usageOf(reply), metrics: { latencyMs: 12 } }]);
  return events;
}

function encodeEvent(type: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ":event-type": { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    },
    // Bedrock pads payloads with a "p" field of variable length.
    body: fromUtf8(JSON.stringify({ ...payload, p: "abcdefghijklmnopqrstuvwxyz".slice(0, 5 + (type.length % 20)) })),
  });
}

function encodeException(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ":exception-type": { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "exception" },
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** Deterministic unit-ish vector for a text. */
export function fakeVector(text: string, dims: number): number[] {
  const digest = createHash("sha256").update(text).digest();
  return Array.from({ length: dims }, (_, i) => (digest[i % digest.length] - 128) / 128);
}

function embeddingsReply(modelId: string, body: any) {
  if (modelId.includes("titan-embed")) {
    const text = String(body.inputText ?? "");
    const dims = typeof body.dimensions === "number" ? body.dimensions : 8;
    return { embedding: fakeVector(text, dims), inputTextTokenCount: text.split(/\s+/).filter(Boolean).length };
  }
  const texts = (body.texts as string[]) ?? [];
  const dims = typeof body.output_dimension === "number" ? body.output_dimension : 8;
  return {
    id: "fake-embed-id",
    embeddings: { float: texts.map((t) => fakeVector(t, dims)) },
    response_type: "embeddings_by_type",
    texts,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string, extra?: Record<string, string>): void {
  const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-requestid": "fake-request-id", ...extra };
  if (errorType) headers["x-amzn-errortype"] = `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`;
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

/** Every toolUse / toolResult id in a Converse request's messages. */
function toolUseIds(body: unknown): string[] {
  const messages = (body as { messages?: Array<{ content?: Array<Record<string, { toolUseId?: unknown } | undefined>> }> })?.messages ?? [];
  const ids: string[] = [];
  for (const m of messages) {
    for (const block of m.content ?? []) {
      for (const key of ["toolUse", "toolResult"]) {
        const id = block[key]?.toolUseId;
        if (typeof id === "string") ids.push(id);
      }
    }
  }
  return ids;
}
