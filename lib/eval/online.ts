// Online evaluation: the "traces written" listener queues the new traces, matches them against the
// enabled, unpaused rules (./online-match.ts) and scores the selected ones in the background with
// a bounded queue and a few workers (scores carry ruleId + traceId). A rule whose judge endpoint
// fails GATEHOUSE_EVAL_RULE_MAX_FAILURES times in a row (default 5; e.g. 401 bad key, 429s)
// pauses itself with the reason in pausedReason.

import { ApiError } from "../api/errors";
import { getDb, type Db } from "../db";
import type { WrittenInterest } from "../tracing/listeners";
import type { TraceRow } from "../tracing/rows";
import { evaluateJudge, resolveJudges } from "./judges/resolve";
import type { JudgeOutcome, ResolvedJudge } from "./judges/types";
import { ruleSelects } from "./online-match";
import type { JudgeRef, RuleFilter } from "./schemas";
import { scoreRow } from "./score-rows";
import { loadSubjectTrace, subjectFromTrace } from "./subject";

export interface OnlineOptions {
  db?: () => Db;
  /** Parallel scoring workers (default GATEHOUSE_EVAL_ONLINE_CONCURRENCY or 2). */
  concurrency?: number;
  /** Traces waiting to be matched / scored beyond this are dropped (default 1000). */
  maxQueue?: number;
  /** Consecutive judge endpoint failures that pause a rule (default GATEHOUSE_EVAL_RULE_MAX_FAILURES or 5). */
  pauseAfter?: number;
  /** How long the enabled rules are cached (default 5 s; changes through the services invalidate it). */
  rulesTtlMs?: number;
}

interface CachedRule {
  id: string;
  name: string;
  endpointId: string;
  endpointName: string;
  sampleRate: number;
  filter: RuleFilter | null;
  judges: JudgeRef[];
  updatedAt: Date;
}

interface Job {
  rule: CachedRule;
  trace: TraceRow;
}

const JUDGES_TTL_MS = 60_000;

function intFromEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

export interface OnlineMetrics {
  queued: number;
  active: number;
  scored: number;
  dropped: number;
}

export class OnlineEvaluator {
  private readonly db: () => Db;
  private readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly pauseAfter: number;
  private readonly rulesTtlMs: number;
  private incoming: TraceRow[] = [];
  private readonly queue: Job[] = [];
  private active = 0;
  private matching: Promise<void> | null = null;
  private rules: { at: number; rows: CachedRule[] } | null = null;
  private readonly judges = new Map<string, { updatedAt: number; at: number; judges: ResolvedJudge[] }>();
  private readonly paused = new Set<string>();
  private readonly controllers = new Set<AbortController>();
  private stopped = false;
  private scored = 0;
  private dropped = 0;
  private lastDropLog = 0;
  private publish: ((interest: WrittenInterest) => void) | null = null;
  private watchTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: OnlineOptions = {}) {
    this.db = options.db ?? (() => getDb());
    this.concurrency = options.concurrency ?? intFromEnv("GATEHOUSE_EVAL_ONLINE_CONCURRENCY", 2);
    this.maxQueue = options.maxQueue ?? 1_000;
    this.pauseAfter = options.pauseAfter ?? intFromEnv("GATEHOUSE_EVAL_RULE_MAX_FAILURES", 5);
    this.rulesTtlMs = options.rulesTtlMs ?? 5_000;
  }

  /** A trace left unscored because the queue is full: counted (GET /api/health) and logged, at most
   * once a minute. */
  private drop(): void {
    this.dropped++;
    const now = Date.now();
    if (now - this.lastDropLog < 60_000) return;
    this.lastDropLog = now;
    console.warn(
      `[gatehouse] online evaluation: queue full (${this.maxQueue}), traces are left unscored (${this.dropped} so far); ` +
        "judges are slower than the traffic their rules sample — lower sample rates or raise GATEHOUSE_EVAL_ONLINE_CONCURRENCY",
    );
  }

  /** The listener: synchronous and cheap (queues the traces). */
  onTraces(traces: readonly TraceRow[]): void {
    if (this.stopped) return;
    // No rule at all (fresh cache): nothing to hold on to. Creating a rule invalidates the cache.
    if (this.rules && this.rules.rows.length === 0 && Date.now() - this.rules.at < this.rulesTtlMs) return;
    for (const t of traces) {
      if (t.caller === "judge") continue;
      if (this.incoming.length + this.queue.length >= this.maxQueue) this.drop();
      else this.incoming.push(t);
    }
    if (this.incoming.length && !this.matching) this.matching = this.match();
  }

  invalidateRules(): void {
    this.rules = null;
    this.paused.clear();
    if (this.publish) this.refreshRules();
  }

  /** Keeps the rule cache fresh without traffic (every rulesTtlMs, and at once after a change in
   * this process) and hands `publish` the endpoints that have rules, so the trace-writer thread
   * relays only their traces (none when there is no rule). */
  watchRules(publish: (interest: WrittenInterest) => void): void {
    this.publish = publish;
    this.refreshRules();
    this.watchTimer ??= setInterval(() => this.refreshRules(), this.rulesTtlMs);
    this.watchTimer.unref();
  }

  private refreshRules(): void {
    this.rules = null;
    void this.loadRules().catch((err: unknown) => console.error("[gatehouse] eval: loading the online rules failed:", err));
  }

  metrics(): OnlineMetrics {
    return { queued: this.incoming.length + this.queue.length, active: this.active, scored: this.scored, dropped: this.dropped };
  }

  /** Resolves once nothing is queued or being scored (tests). */
  async idle(): Promise<void> {
    while (this.matching || this.incoming.length || this.queue.length || this.active) {
      await (this.matching ?? new Promise((r) => setTimeout(r, 10)));
    }
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
    this.publish = null;
    this.incoming = [];
    this.queue.length = 0;
    for (const c of this.controllers) c.abort(new Error("online evaluation stopped"));
    const deadline = Date.now() + timeoutMs;
    while ((this.active || this.matching) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }

  private async loadRules(): Promise<CachedRule[]> {
    if (this.rules && Date.now() - this.rules.at < this.rulesTtlMs) return this.rules.rows;
    const rows = await this.db().evaluationRule.findMany({ where: { enabled: true, paused: false } });
    const parsed = rows.map((r) => ({
      id: r.id,
      name: r.name,
      endpointId: r.endpointId,
      endpointName: r.endpointName,
      sampleRate: r.sampleRate,
      filter: (r.filter ?? null) as RuleFilter | null,
      judges: (r.judges ?? []) as JudgeRef[],
      updatedAt: r.updatedAt,
    }));
    this.rules = { at: Date.now(), rows: parsed };
    this.publish?.(new Set(parsed.flatMap((r) => [r.endpointId, r.endpointName])));
    return parsed;
  }

  private async match(): Promise<void> {
    try {
      while (this.incoming.length && !this.stopped) {
        const batch = this.incoming;
        this.incoming = [];
        const rules = await this.loadRules();
        for (const trace of batch) {
          for (const rule of rules) {
            if (this.paused.has(rule.id) || !ruleSelects(rule, trace)) continue;
            if (this.queue.length >= this.maxQueue) this.drop();
            else this.queue.push({ rule, trace });
          }
        }
        this.pump();
      }
    } catch (err) {
      console.error("[gatehouse] eval: matching traces against online rules failed:", err);
    } finally {
      this.matching = null;
      if (this.incoming.length && !this.stopped) this.matching = this.match();
    }
  }

  private pump(): void {
    while (!this.stopped && this.active < this.concurrency && this.queue.length) {
      const job = this.queue.shift()!;
      this.active++;
      void this.score(job)
        .catch((err: unknown) => console.error(`[gatehouse] eval: online rule '${job.rule.name}' failed on trace ${job.trace.id}:`, err))
        .finally(() => {
          this.active--;
          this.pump();
        });
    }
  }

  private async resolved(rule: CachedRule): Promise<ResolvedJudge[]> {
    const cached = this.judges.get(rule.id);
    // Re-resolved when the rule changes, and every minute (a custom judge may have a new version).
    if (cached && cached.updatedAt === rule.updatedAt.getTime() && Date.now() - cached.at < JUDGES_TTL_MS) return cached.judges;
    const judges = await resolveJudges(this.db(), rule.judges, undefined);
    this.judges.set(rule.id, { updatedAt: rule.updatedAt.getTime(), at: Date.now(), judges });
    return judges;
  }

  private async score({ rule, trace }: Job): Promise<void> {
    if (this.paused.has(rule.id)) return;
    const db = this.db();
    let judges: ResolvedJudge[];
    try {
      judges = await this.resolved(rule);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      await this.pause(rule, `The rule's judges cannot be resolved: ${err.message}`);
      return;
    }
    // Rows relayed by the trace-writer worker (production server) carry no payloads: read them back.
    const stored = trace.requestPayload === null && trace.responsePayload === null ? await loadSubjectTrace(db, trace.id) : null;
    const subject = subjectFromTrace(stored ?? { ...trace, metadata: trace.metadata ? safeJson(trace.metadata) : null });
    const controller = new AbortController();
    this.controllers.add(controller);
    const outcomes: JudgeOutcome[] = [];
    try {
      for (const judge of judges) {
        if (controller.signal.aborted) return;
        outcomes.push(await evaluateJudge(judge, subject, { signal: controller.signal, metadata: { eval_rule_id: rule.id, eval_trace_id: trace.id } }));
      }
    } catch (err) {
      if (controller.signal.aborted) return;
      throw err;
    } finally {
      this.controllers.delete(controller);
    }
    await db.score.createMany({ data: outcomes.map((o, i) => scoreRow(judges[i], o, { traceId: trace.id, ruleId: rule.id })) });
    this.scored++;
    const llm = outcomes.filter((_, i) => judges[i].kind === "llm");
    const failures = llm.filter((o): o is Extract<JudgeOutcome, { ok: false }> => !o.ok && o.endpointFailure);
    if (llm.length > 0 && failures.length === llm.length) {
      await this.failure(rule, failures[failures.length - 1].error);
    } else if (llm.some((o) => o.ok)) {
      await db.evaluationRule.updateMany({ where: { id: rule.id, consecutiveFailures: { gt: 0 } }, data: { consecutiveFailures: 0 } });
    }
  }

  private async failure(rule: CachedRule, error: string): Promise<void> {
    const row = await this.db().evaluationRule.update({
      where: { id: rule.id },
      data: { consecutiveFailures: { increment: 1 } },
      select: { consecutiveFailures: true },
    }).catch(() => null); // the rule was deleted meanwhile
    if (row && row.consecutiveFailures >= this.pauseAfter) {
      await this.pause(rule, `Paused after ${row.consecutiveFailures} consecutive judge endpoint failures. Last: ${error}`);
    }
  }

  private async pause(rule: CachedRule, reason: string): Promise<void> {
    this.paused.add(rule.id);
    const { count } = await this.db().evaluationRule.updateMany({
      where: { id: rule.id, paused: false },
      data: { paused: true, pausedReason: reason.slice(0, 2_000), pausedAt: new Date() },
    });
    if (count) console.warn(`[gatehouse] eval: online rule '${rule.name}' paused: ${reason}`);
    this.rules = null;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].rule.id === rule.id) this.queue.splice(i, 1);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
