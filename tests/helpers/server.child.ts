// Child process of tests/scripts/start-signals.test.ts: the production server's path
// (lib/server/run-server.ts: boot, listen, signal handling) without Next, with the parent watch
// scripts/start.mjs installs. argv[2]: the port. Prints "pid <pid>" first.

export {};

const { shutDownWhenParentExits } = await import("../../scripts/lib/parent-watch.mjs");
const { runServer } = await import("../../lib/server/run-server");
process.stdout.write(`pid ${process.pid}\n`);
shutDownWhenParentExits({ intervalMs: 100 });
await runServer({ port: Number(process.argv[2]), hostname: "127.0.0.1", next: false });
