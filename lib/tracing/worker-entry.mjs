// Entry of the trace-writer worker thread: compiles the TypeScript sources on load (as
// scripts/start.mjs does for the server), then runs lib/tracing/worker-main.ts.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
