// Next.js calls register() once when a server instance starts (`next dev`, `next start`, and the
// Next handler inside our production server). The Node runtime boots Gatehouse (lib/server/boot.ts);
// a configuration error (e.g. a malformed GATEHOUSE_ENCRYPTION_KEY) stops the process with one line.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { bootOrExit } = await import("./lib/server/boot");
    await bootOrExit();
  }
}
