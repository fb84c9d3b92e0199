// JSON-RPC 2.0 over stdin/stdout, one JSON object per line, requests served one at a time in order:
// the protocol the Prisma CLI speaks with its schema-engine binary.
import readline from "node:readline";
import { logLine, rpcError } from "./errors.mjs";
import { MethodNotFoundError } from "./engine-host.mjs";
import { takePanicMessage } from "./wasm.mjs";

const PANIC_EXIT_CODE = 101; // what the native engine exits with after a Rust panic

function send(message) {
  return new Promise((resolve) => {
    process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`, () => resolve());
  });
}

/** Serves requests until stdin closes (or SIGTERM), then releases the host and exits. */
export function serveJsonRpc(host) {
  let nextOutgoingId = 1;
  const awaitingReply = new Map(); // id of a request we sent → resolve
  let queue = Promise.resolve();
  let closing = false;

  const shutdown = async (code) => {
    if (closing) return;
    closing = true;
    await host.close().catch((error) => {
      process.stderr.write(logLine("WARN", { message: `Cleanup failed: ${error?.message ?? error}` }));
    });
    process.exit(code);
  };

  // Like the native engine, wait for the CLI's reply to `print` before answering the request.
  const print = async (content) => {
    const id = nextOutgoingId++;
    const replied = new Promise((resolve) => awaitingReply.set(id, resolve));
    await send({ id, method: "print", params: { content } });
    await replied;
  };

  const handle = async (request) => {
    const { id, method, params } = request;
    try {
      const result = await host.call(method, params, print);
      await send({ id, result: result ?? {} });
    } catch (error) {
      if (error instanceof MethodNotFoundError) {
        await send({ id, error: { code: -32601, message: error.message } });
        return;
      }
      const panic = takePanicMessage() ?? (error instanceof WebAssembly.RuntimeError ? error.message : null);
      if (panic !== null) {
        // A Rust panic leaves the WASM instance unusable: report it and exit as the native engine does.
        process.stderr.write(logLine("ERROR", { message: panic, is_panic: true }));
        await send({ id, error: rpcError(new Error(panic), { isPanic: true }) });
        await shutdown(PANIC_EXIT_CODE);
        return;
      }
      await send({ id, error: rpcError(error) });
    }
  };

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      void send({ id: null, error: { code: -32700, message: `Parse error: ${line.slice(0, 200)}` } });
      return;
    }
    if (typeof message.method !== "string") {
      // A reply from the CLI to one of our requests.
      awaitingReply.get(message.id)?.();
      awaitingReply.delete(message.id);
      return;
    }
    queue = queue
      .then(() => handle(message))
      .catch((error) => {
        // handle() answers every engine error itself; reaching this means stdout is unusable.
        process.stderr.write(logLine("ERROR", { message: `Fatal: ${error?.stack ?? error}` }));
        return shutdown(1);
      });
  });
  lines.on("close", () => {
    queue = queue.then(() => shutdown(0));
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => void shutdown(0));
  }
}
