// The background executor of evaluation runs, inside the server process. Workers (concurrency
// GATEHOUSE_EVAL_CONCURRENCY, default 4, shared by all runs, oldest run first) claim items
// atomically (pending → running, tagged with this runner's id) and judge them (./run-item.ts
// writes scores and counters only while the item is still claimed by this runner). Several server
// processes may share a database: each runner heartbeats its claimed items, and any runner puts an
// item back to pending once its heartbeat is older than the lease (its process died), so runs
// resume after a crash within about a lease. Cancelling a run aborts its in-flight judge calls;
// stopping the runner aborts everything in flight and puts those items back to pending.

import { randomUUID } from "node:crypto";
import { getDb, type Db } from "../db";
import { judgeItem, type ClaimedItem } from "./run-item";
import { runJudges } from "./run-views";

export interface EvalRunnerOptions {
  db?: () => Db;
  /** Parallel item workers (default GATEHOUSE_EVAL_CONCURRENCY or 4). */
  concurrency?: number;
  /** How often idle workers look for new work without being woken (default 2 s). */
  idlePollMs?: number;
  /** A claimed item whose heartbeat is older than this is taken over (default 30 s); heartbeats
   * and the take-over sweep run every third of it. */
  leaseMs?: number;
}

const ACTIVE = ["queued", "running"];

export function concurrencyFromEnv(): number {
  const raw = process.env.GATEHOUSE_EVAL_CONCURRENCY;
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 4;
}

interface InFlight {
  runId: string;
  controller: AbortController;
  done: Promise<void>;
}

export class EvalRunner {
  readonly concurrency: number;
  private readonly db: () => Db;
  private readonly idlePollMs: number;
  private readonly leaseMs: number;
  /** Tags the items this runner claims. */
  readonly id = randomUUID();
  private heartbeat: NodeJS.Timeout | null = null;
  private workers: Promise<void>[] = [];
  private readonly inFlight = new Map<string, InFlight>();
  private waiters: Array<() => void> = [];
  private stopping = false;
  private started: Promise<void> | null = null;
  /** Items judged by this runner (written), for tests and metrics. */
  processed = 0;

  constructor(options: EvalRunnerOptions = {}) {
    this.db = options.db ?? (() => getDb());
    this.concurrency = options.concurrency ?? concurrencyFromEnv();
    this.idlePollMs = options.idlePollMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  /** Recovers items of a dead process, then starts the workers. Idempotent. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.recover();
      if (this.stopping) return;
      this.heartbeat = setInterval(() => void this.beat(), Math.max(50, Math.floor(this.leaseMs / 3)));
      this.heartbeat.unref();
      for (let i = 0; i < this.concurrency; i++) this.workers.push(this.work());
    })().catch((err: unknown) => {
      console.error("[gatehouse] eval runner failed to start:", err);
    });
    return this.started;
  }

  /** New work is there (a run was created). */
  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Aborts the run's in-flight items and waits until they are released. */
  async abortRun(runId: string): Promise<void> {
    const mine = [...this.inFlight.values()].filter((f) => f.runId === runId);
    for (const f of mine) f.controller.abort(new Error("evaluation run cancelled"));
    await Promise.allSettled(mine.map((f) => f.done));
  }

  /** Stops claiming, aborts in-flight judge calls (their items go back to pending) and waits for
   * the workers, at most `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.wake();
    for (const f of this.inFlight.values()) f.controller.abort(new Error("evaluation runner stopped"));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([this.started, ...this.workers]), timeout]);
    clearTimeout(timer);
  }

  /** Items claimed by a runner that stopped heartbeating (or by none) go back to pending. */
  private async recover(): Promise<void> {
    const stale = new Date(Date.now() - this.leaseMs);
    const { count } = await this.db().evaluationRunItem.updateMany({
      where: { status: "running", OR: [{ claimedBy: null }, { heartbeatAt: null }, { heartbeatAt: { lt: stale } }] },
      data: { status: "pending", startedAt: null, claimedBy: null, heartbeatAt: null },
    });
    if (count > 0) {
      console.log(`[gatehouse] eval: ${count} interrupted item(s) back to pending`);
      this.wake();
    }
  }

  /** Keeps this runner's claims alive and takes over the items of runners that died. */
  private async beat(): Promise<void> {
    try {
      if (this.inFlight.size > 0) {
        await this.db().evaluationRunItem.updateMany({ where: { claimedBy: this.id, status: "running" }, data: { heartbeatAt: new Date() } });
      }
      await this.recover();
    } catch (err) {
      console.error("[gatehouse] eval: heartbeat failed:", err);
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.idlePollMs);
      timer.unref(); // an idle runner never keeps the process alive
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        resolve();
      }
      waiters.push(done);
    });
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      let item: ClaimedItem | null = null;
      try {
        item = await this.claimNext();
      } catch (err) {
        console.error("[gatehouse] eval: claiming an item failed:", err);
      }
      if (this.stopping) {
        if (item) await this.release(item);
        break;
      }
      if (!item) {
        await this.idle();
        continue;
      }
      await this.process(item);
    }
  }

  /** The next pending item of the oldest active run, claimed (pending → running); null if none. */
  private async claimNext(): Promise<ClaimedItem | null> {
    const db = this.db();
    const runs = await db.evaluationRun.findMany({
      where: { status: { in: ACTIVE } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, status: true },
    });
    for (const run of runs) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const next = await db.evaluationRunItem.findFirst({
          where: { runId: run.id, status: "pending" },
          orderBy: { position: "asc" },
          select: { id: true, runId: true, traceId: true, datasetItemId: true },
        });
        if (!next) {
          await this.completeIfFinished(run.id);
          break;
        }
        const now = new Date();
        const { count } = await db.evaluationRunItem.updateMany({
          where: { id: next.id, status: "pending" },
          data: { status: "running", startedAt: now, claimedBy: this.id, heartbeatAt: now },
        });
        if (count !== 1) continue; // another worker got it first
        if (run.status === "queued") {
          await db.evaluationRun.updateMany({ where: { id: run.id, status: "queued" }, data: { status: "running", startedAt: new Date() } });
        }
        return { ...next, claimedBy: this.id };
      }
    }
    return null;
  }

  private async process(item: ClaimedItem): Promise<void> {
    const controller = new AbortController();
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.inFlight.set(item.id, { runId: item.runId, controller, done });
    const db = this.db();
    try {
      // Re-checked after registering: a cancel either sees this item in flight or we see it here.
      const run = await db.evaluationRun.findUnique({ where: { id: item.runId }, select: { status: true, judges: true } });
      if (!run || !ACTIVE.includes(run.status) || this.stopping) {
        await this.release(item);
        return;
      }
      const result = await judgeItem(db, runJudges(run), item, controller.signal);
      if (!result.written) {
        if (result.reason === "aborted") await this.release(item);
        return;
      }
      this.processed++;
      await this.completeIfFinished(item.runId);
    } catch (err) {
      if (controller.signal.aborted) {
        await this.release(item).catch(() => {});
      } else {
        console.error(`[gatehouse] eval: item ${item.id} of run ${item.runId} failed:`, err);
        await this.fail(item, `Internal error: ${(err as Error).message}`).catch((e: unknown) => console.error("[gatehouse] eval:", e));
      }
    } finally {
      this.inFlight.delete(item.id);
      settle();
    }
  }

  private async release(item: ClaimedItem): Promise<void> {
    await this.db().evaluationRunItem.updateMany({
      where: { id: item.id, status: "running", claimedBy: this.id },
      data: { status: "pending", startedAt: null, claimedBy: null, heartbeatAt: null },
    });
  }

  /** Records an item that could not be judged at all (not a judge's verdict). */
  private async fail(item: ClaimedItem, error: string): Promise<void> {
    await this.db().$transaction(async (tx) => {
      const { count } = await tx.evaluationRunItem.updateMany({
        where: { id: item.id, status: "running", claimedBy: this.id },
        data: { status: "error", error: error.slice(0, 4_000), finishedAt: new Date() },
      });
      if (count === 1) await tx.evaluationRun.update({ where: { id: item.runId }, data: { done: { increment: 1 }, errors: { increment: 1 } } });
    });
    await this.completeIfFinished(item.runId);
  }

  private async completeIfFinished(runId: string): Promise<void> {
    const db = this.db();
    const open = await db.evaluationRunItem.count({ where: { runId, status: { in: ["pending", "running"] } } });
    if (open > 0) return;
    await db.evaluationRun.updateMany({ where: { id: runId, status: { in: ACTIVE } }, data: { status: "completed", finishedAt: new Date() } });
  }
}
