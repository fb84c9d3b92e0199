// Request body reading with a size limit, and JSON parsing with OpenAI-style errors.

import { GatewayError, invalidRequest } from "./errors";
import { header, type GatewayRequest } from "./types";

function tooLarge(limit: number): GatewayError {
  return new GatewayError(
    413,
    `Request body exceeds the gateway limit of ${limit} bytes.`,
    "invalid_request_error",
    "request_too_large",
  );
}

/** A node:http IncomingMessage (or any Node Readable): read with events, cheaper than its async
 * iterator on the hot path. */
interface NodeReadable extends AsyncIterable<Uint8Array> {
  on(event: string, fn: (arg?: unknown) => void): unknown;
  off(event: string, fn: (arg?: unknown) => void): unknown;
  readableEnded: boolean;
}

function isNodeReadable(body: AsyncIterable<Uint8Array>): body is NodeReadable {
  return typeof (body as Partial<NodeReadable>).on === "function" && typeof (body as Partial<NodeReadable>).off === "function";
}

/** Reads the whole body, failing fast with 413 once it exceeds `limit` (or when Content-Length
 * already says it will). The rest of an oversized upload is left unread (the transport closes the
 * connection after answering). */
export async function readBody(req: GatewayRequest, limit: number): Promise<Buffer> {
  const declared = header(req.headers, "content-length");
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
  if (req.body === null) return Buffer.alloc(0);
  try {
    return isNodeReadable(req.body) ? await readNode(req.body, limit) : await readIterable(req.body, limit);
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    if (req.signal.aborted) throw new GatewayError(499, "The client closed the request.", "server_error", "client_closed_request");
    throw invalidRequest(`Could not read the request body: ${(err as Error).message}`, null, "invalid_body");
  }
}

async function readIterable(body: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return concat(chunks, size);
}

function readNode(stream: NodeReadable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    // Listeners as methods of one object: no per-request named closures (the tsx-compiled server
    // keeps function names, which costs a property definition per closure and request).
    const on = {
      data(chunk: unknown) {
        const bytes = chunk as Uint8Array;
        size += bytes.byteLength;
        if (size > limit) {
          on.detach();
          reject(tooLarge(limit));
          return;
        }
        chunks.push(bytes);
      },
      end() {
        on.detach();
        resolve(concat(chunks, size));
      },
      error(err: unknown) {
        on.detach();
        reject(err);
      },
      close() {
        if (stream.readableEnded) return;
        on.detach();
        reject(new Error("connection closed before the body was complete"));
      },
      detach() {
        stream.off("data", on.data);
        stream.off("end", on.end);
        stream.off("error", on.error);
        stream.off("close", on.close);
      },
    };
    stream.on("data", on.data);
    stream.on("end", on.end);
    stream.on("error", on.error);
    stream.on("close", on.close);
  });
}

function concat(chunks: Uint8Array[], size: number): Buffer {
  if (chunks.length === 1) {
    const only = chunks[0];
    return Buffer.isBuffer(only) ? only : Buffer.from(only.buffer, only.byteOffset, only.byteLength);
  }
  return Buffer.concat(chunks, size);
}

export interface JsonBody {
  value: Record<string, unknown>;
  /** The body as the client sent it (what a trace stores as the request payload). */
  text: string;
}

/** What a trace stores as the request payload: the text as sent (cheap to hand to the writer),
 * unless it has \u escapes — then the parsed value, which the writer serialises with the
 * characters themselves, so payload search finds "é" whether or not the client escaped it. */
export function capturedRequest(body: JsonBody): unknown {
  return body.text.includes("\\u") ? body.value : body.text;
}

/** Parses a JSON object body; malformed JSON or a non-object → 400. */
export function parseJsonObject(bytes: Buffer): JsonBody {
  if (bytes.length === 0) throw invalidRequest("Request body is empty; expected a JSON object.", null, "invalid_json");
  const text = bytes.toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalidRequest(`Request body is not valid JSON: ${(err as Error).message}`, null, "invalid_json");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidRequest("Request body must be a JSON object.", null, "invalid_json");
  }
  return { value: value as Record<string, unknown>, text };
}
