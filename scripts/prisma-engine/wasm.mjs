// Loads @prisma/schema-engine-wasm by hand (its entry point imports a .wasm file, which Node cannot
// import without a flag) and routes Rust panics into a JS-visible slot.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Last Rust panic message; once set, the WASM instance must not be used again. */
let panicMessage = null;

export function takePanicMessage() {
  return panicMessage;
}

/** @returns {Promise<typeof import("@prisma/schema-engine-wasm")>} */
export async function loadSchemaEngineWasm() {
  // The glue calls global.PRISMA_WASM_PANIC_REGISTRY.set_message() from the Rust panic hook.
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message) {
      panicMessage = message;
    },
  };
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

/** The engine commit the WASM build was compiled from, read without instantiating it. */
export async function wasmEngineVersion() {
  const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const pkg = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8"));
  // "8.1.0-2.<commit>" → "<commit>"
  return String(pkg.version).split(".").at(-1);
}
