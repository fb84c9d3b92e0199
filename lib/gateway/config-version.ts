// The one signal that gateway-visible configuration changed (team tokens, endpoints, secrets).
//
// Every service mutation of those calls `notifyConfigChanged()` after its write commits. It
//   1. bumps the single ConfigVersion row (id 1), so other processes polling the version reload
//      their in-memory snapshot, and
//   2. calls the in-process listeners registered with `onConfigChanged()`, so this process reloads
//      at once.
// Listeners live on a globalThis registry (Symbol.for("gatehouse.config")) because Next.js may
// load this module more than once per process (one copy per route bundle).

import { getDb, type Db } from "../db";

export type ConfigListener = (version: number) => void | Promise<void>;

interface ConfigRegistry {
  listeners: Set<ConfigListener>;
}

const REGISTRY_KEY = Symbol.for("gatehouse.config");

function registry(): ConfigRegistry {
  const g = globalThis as { [REGISTRY_KEY]?: ConfigRegistry };
  return (g[REGISTRY_KEY] ??= { listeners: new Set() });
}

/** Subscribe to configuration changes in this process; returns the unsubscribe function. */
export function onConfigChanged(listener: ConfigListener): () => void {
  registry().listeners.add(listener);
  return () => registry().listeners.delete(listener);
}

/** Bump the config version and notify in-process listeners. Returns the new version.
 * A failing listener is logged, never allowed to fail the mutation that already committed. */
export async function notifyConfigChanged(db: Db = getDb()): Promise<number> {
  const bump = () =>
    db.configVersion.upsert({
      where: { id: 1 },
      create: { id: 1, version: 1 },
      update: { version: { increment: 1 } },
    });
  // Two processes creating the row at the same moment: the loser retries as an update.
  const row = await bump().catch((err: { code?: string }) => {
    if (err?.code === "P2002") return bump();
    throw err;
  });
  for (const listener of registry().listeners) {
    try {
      await listener(row.version);
    } catch (err) {
      console.error("[gatehouse] config listener failed:", err);
    }
  }
  return row.version;
}

/** The current config version (0 before the first change). */
export async function currentConfigVersion(db: Db = getDb()): Promise<number> {
  const row = await db.configVersion.findUnique({ where: { id: 1 } });
  return row?.version ?? 0;
}
