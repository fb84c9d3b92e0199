// Shutdown hooks (e.g. the trace writer's final flush), run once in-flight requests have finished.
// The registry is on globalThis so modules loaded through the Next bundle can register too.

export type ShutdownHook = () => void | Promise<void>;

const KEY = Symbol.for("gatehouse.shutdown");
type Holder = { [KEY]?: Map<string, ShutdownHook> };

function hooks(): Map<string, ShutdownHook> {
  const g = globalThis as Holder;
  return (g[KEY] ??= new Map());
}

/** Registers (or replaces) the hook called `name`; returns the unregister function. */
export function registerShutdownHook(name: string, hook: ShutdownHook): () => void {
  hooks().set(name, hook);
  return () => {
    if (hooks().get(name) === hook) hooks().delete(name);
  };
}

/** Runs every hook concurrently; each failure is logged; gives up after `timeoutMs`. */
export async function runShutdownHooks(timeoutMs: number): Promise<void> {
  const entries = [...hooks().entries()];
  const all = Promise.allSettled(
    entries.map(async ([name, hook]) => {
      try {
        await hook();
      } catch (err) {
        console.error(`[gatehouse] shutdown hook '${name}' failed:`, err);
      }
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const result = await Promise.race([all, timeout]);
  clearTimeout(timer);
  if (result === "timeout") console.error(`[gatehouse] shutdown hooks did not finish within ${timeoutMs} ms`);
}
