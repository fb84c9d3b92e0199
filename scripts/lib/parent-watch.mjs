// `npm start` runs `sh -c "node scripts/start.mjs"`. On `kill -TERM <npm pid>` npm forwards the
// signal to that shell, which dies without passing it on (dash does not exec the command), and
// npm exits: the server would keep running with no parent, never shutting down gracefully. So the
// server watches its parent: when it is gone (the process is re-parented), it sends itself SIGTERM,
// which runs the same graceful shutdown as a signal delivered directly (lib/server/server.ts).

/**
 * @param {{ intervalMs?: number }} [options]
 * @returns {() => void} stops watching
 */
export function shutDownWhenParentExits({ intervalMs = 500 } = {}) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    console.log(`[gatehouse] parent process ${parent} exited (npm stopped?): shutting down`);
    process.kill(process.pid, "SIGTERM");
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
