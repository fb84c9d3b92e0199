// The live configuration snapshot. Requests read it from memory (no DB round trip on the hot path);
// it is rebuilt when the config changes: immediately on an in-process notification (requests wait
// for the rebuild, so a change is visible to the next request), and within ~1 s for changes made by
// other processes (the source's version is polled off the hot path).
// State lives on globalThis so the Next bundle's copy and the production server's copy share it.

import { GatewayError } from "./errors";
import { buildSnapshot, type GatewayConfig, type Snapshot } from "./snapshot-build";

export interface SnapshotSource {
  load(): Promise<GatewayConfig>;
  /** Current config version; polled every second to pick up other processes' changes. */
  version?(): Promise<number>;
  /** Subscribes to in-process change notifications; returns the unsubscribe function. */
  subscribe?(onChange: () => void): () => void;
  /** Persists token last-use times (batched, off the hot path). */
  touchTokens?(ids: string[], at: Date): Promise<void>;
}

interface Deferred {
  promise: Promise<Snapshot>;
  resolve(s: Snapshot): void;
  reject(e: unknown): void;
}

interface State {
  source: SnapshotSource | null;
  /** Bumped when the source is replaced, so loads from an old source are discarded. */
  generation: number;
  current: Snapshot | null;
  /** An in-process change was notified and the reload that reflects it has not finished. */
  stale: boolean;
  loading: Promise<Snapshot> | null;
  /** A reload requested while one was running; it starts when that one ends. */
  queued: Deferred | null;
  touched: Set<string>;
  timers: NodeJS.Timeout[];
  unsubscribe: (() => void) | null;
}

const POLL_MS = 1_000;
const TOUCH_FLUSH_MS = 10_000;
const KEY = Symbol.for("gatehouse.gateway.snapshot");
type Holder = { [KEY]?: State };

function state(): State {
  const g = globalThis as Holder;
  return (g[KEY] ??= {
    source: null,
    generation: 0,
    current: null,
    stale: false,
    loading: null,
    queued: null,
    touched: new Set(),
    timers: [],
    unsubscribe: null,
  });
}

/** Hot path: the snapshot to serve this request from. */
export function currentSnapshot(): Snapshot | Promise<Snapshot> {
  const s = state();
  if (s.current !== null && !s.stale) return s.current;
  return waitForSnapshot(s);
}

async function waitForSnapshot(s: State): Promise<Snapshot> {
  if (s.source === null) {
    const source = await defaultSource();
    if (s.source === null) setSnapshotSource(source);
  }
  try {
    if (s.stale || s.current === null) return await (s.queued?.promise ?? s.loading ?? reload(s));
  } catch (err) {
    if (s.current === null) {
      throw new GatewayError(503, "Gateway configuration is unavailable; try again shortly.", "server_error", "config_unavailable");
    }
    console.error("[gatehouse] config reload failed; serving the previous snapshot:", err);
  }
  return s.current as Snapshot;
}

async function defaultSource(): Promise<SnapshotSource> {
  const { dbSnapshotSource } = await import("./snapshot-db");
  return dbSnapshotSource();
}

/** Replaces where the config comes from (the DB by default; tests and the benchmark hand in
 * memory). The next request loads from the new source. */
export function setSnapshotSource(source: SnapshotSource): void {
  const s = state();
  stopTimers(s);
  s.source = source;
  s.generation++;
  s.current = null;
  s.stale = false;
  s.loading = null;
  s.queued = null;
  s.unsubscribe = source.subscribe?.(() => invalidateSnapshot()) ?? null;
  if (source.version) s.timers.push(unref(setInterval(() => void poll(s, source), POLL_MS)));
  if (source.touchTokens) s.timers.push(unref(setInterval(() => void flushTokenTouches(), TOUCH_FLUSH_MS)));
}

/** Serves a fixed config from memory (tests, benchmark). Call again to change it. */
export function useStaticConfig(config: GatewayConfig): void {
  setSnapshotSource({ load: async () => config });
  const s = state();
  s.current = buildSnapshot(config);
}

/** An in-process config change: the next request waits for the rebuilt snapshot. */
export function invalidateSnapshot(): void {
  const s = state();
  if (s.source === null) return;
  s.stale = true;
  void reload(s).catch(() => {
    // logged by the request that awaits it, or by the next poll
  });
}

function reload(s: State): Promise<Snapshot> {
  if (s.loading !== null) {
    if (s.queued === null) {
      let resolve!: (v: Snapshot) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<Snapshot>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => undefined);
      s.queued = { promise, resolve, reject };
    }
    return s.queued.promise;
  }
  const source = s.source as SnapshotSource;
  const generation = s.generation;
  const loading = source.load().then(
    (config) => {
      const snap = buildSnapshot(config);
      if (generation === s.generation) s.current = snap;
      return snap;
    },
  );
  s.loading = loading;
  const settle = () => {
    if (generation !== s.generation) return;
    s.loading = null;
    const queued = s.queued;
    s.queued = null;
    if (queued) reload(s).then(queued.resolve, queued.reject);
    else s.stale = false;
  };
  loading.then(settle, settle);
  return loading;
}

async function poll(s: State, source: SnapshotSource): Promise<void> {
  if (s.loading !== null || s.current === null || source !== s.source) return;
  try {
    const version = await (source.version as () => Promise<number>)();
    if (version !== s.current.version && s.loading === null) await reload(s);
  } catch (err) {
    console.error("[gatehouse] config version poll failed:", err);
  }
}

/** Records a token use; persisted in batches off the hot path. */
export function markTokenUsed(tokenId: string): void {
  state().touched.add(tokenId);
}

export async function flushTokenTouches(): Promise<void> {
  const s = state();
  if (s.touched.size === 0 || !s.source?.touchTokens) return;
  const ids = [...s.touched];
  s.touched.clear();
  try {
    await s.source.touchTokens(ids, new Date());
  } catch (err) {
    console.error("[gatehouse] failed to record token last-use times:", err);
  }
}

/** Graceful shutdown: persist pending token touches and stop background timers. */
export async function stopGatewaySnapshot(): Promise<void> {
  const s = state();
  await flushTokenTouches();
  stopTimers(s);
}

function stopTimers(s: State): void {
  for (const t of s.timers) clearInterval(t);
  s.timers = [];
  s.unsubscribe?.();
  s.unsubscribe = null;
}

function unref(t: NodeJS.Timeout): NodeJS.Timeout {
  t.unref();
  return t;
}
