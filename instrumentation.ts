// Next.js calls register() once when a server instance starts (`next dev`, `next start`, and the
// Next handler inside our production server). The Node runtime boots Gatehouse (lib/server/boot.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { bootGatehouse } = await import("./lib/server/boot");
    await bootGatehouse();
  }
}
