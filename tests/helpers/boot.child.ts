// Child process of tests/helpers/boot-child.ts: boots Gatehouse the way the production entry does
// (lib/server/main.ts: bootOrExit) with argv[2] as the working directory, so the default key file
// is <argv[2]>/data/encryption.key; prints "booted", runs the shutdown hooks and exits 0.

export {};

process.chdir(process.argv[2]);
const { bootOrExit } = await import("../../lib/server/boot");
const { runShutdownHooks } = await import("../../lib/server/shutdown");
await bootOrExit();
process.stdout.write("booted\n");
await runShutdownHooks(5_000);
process.exit(0);
