// The trace list's `score=<judge>:<verdict>` filter against the database. A trace matches when the
// latest verdict of that judge on it (what the list shows) is the one asked for (./score-spec.ts).
// "Latest" cannot be said in a Prisma filter, so the query narrows to traces with SOME such verdict
// (`where`, exact names and labels resolved case-insensitively first), and listTraces re-checks
// each candidate's latest verdicts (`specs` with latestVerdictsMatch).
//
// Distinct judge names and labels are read by index seeks on Score(judgeName, label, traceId): one
// tiny query per distinct value, however many scores there are.

import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/authorize";
import { getDb, type Db } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";
import { foldCase, parseScoreSpec, verdictNumber, type ScoreSpec } from "./score-spec";

/** Values are read one seek at a time; more than this many judges (or labels of one) is not real. */
const MAX_DISTINCT = 500;

/** Names of the judges that scored traces, sorted. */
async function scoredJudgeNames(db: Db): Promise<string[]> {
  const out: string[] = [];
  let last: string | null = null;
  while (out.length < MAX_DISTINCT) {
    const next: { judgeName: string } | null = await db.score.findFirst({
      where: { traceId: { not: null }, ...(last === null ? {} : { judgeName: { gt: last } }) },
      orderBy: { judgeName: "asc" },
      select: { judgeName: true },
    });
    if (!next) break;
    out.push((last = next.judgeName));
  }
  return out;
}

/** The labels (pass / fail, categories) a judge gave traces, sorted. */
async function scoredLabels(db: Db, judgeName: string): Promise<string[]> {
  const out: string[] = [];
  let last: string | null = null;
  while (out.length < MAX_DISTINCT) {
    const next: { label: string | null } | null = await db.score.findFirst({
      where: { judgeName, traceId: { not: null }, label: last === null ? { not: null } : { gt: last } },
      orderBy: { label: "asc" },
      select: { label: true },
    });
    if (!next?.label) break;
    out.push((last = next.label));
  }
  return out;
}

export interface ScoreFilter {
  /** Conditions for the trace query: some score of each spec's judge with its verdict. */
  where: Prisma.TraceWhereInput[];
  /** What each candidate's latest verdicts must satisfy. */
  specs: ScoreSpec[];
  /** A spec names a judge or label no trace has: nothing can match. */
  impossible: boolean;
}

async function specCondition(db: Db, spec: ScoreSpec, judges: string[]): Promise<Prisma.TraceWhereInput | null> {
  const names = judges.filter((n) => foldCase(n) === foldCase(spec.judge));
  if (!names.length) return null;
  const want = foldCase(spec.verdict);
  const labels = (await Promise.all(names.map((n) => scoredLabels(db, n)))).flat().filter((l) => foldCase(l) === want);
  const verdicts: Prisma.ScoreWhereInput[] = [];
  if (labels.length) verdicts.push({ label: { in: [...new Set(labels)] } });
  if (want === "error") verdicts.push({ error: { not: null } });
  const n = verdictNumber(spec.verdict);
  // Wider than the rounding (2 decimals) on purpose: the exact test is latestVerdictsMatch's.
  if (n !== null) verdicts.push({ label: null, value: { gte: n - 0.006, lte: n + 0.006 } });
  if (!verdicts.length) return null;
  return { scores: { some: { judgeName: { in: names }, OR: verdicts } } };
}

/** `score` filter values (AND) → the query's conditions and the re-check. */
export async function resolveScoreFilter(db: Db, raw: string[]): Promise<ScoreFilter> {
  const specs = raw.map(parseScoreSpec);
  const judges = await scoredJudgeNames(db);
  const where: Prisma.TraceWhereInput[] = [];
  for (const spec of specs) {
    const condition = await specCondition(db, spec, judges);
    if (!condition) return { where: [], specs, impossible: true };
    where.push(condition);
  }
  return { where, specs, impossible: false };
}

export interface ScoreJudgeOption {
  name: string;
  /** Labels it gave (pass / fail, categories); empty for numeric judges. */
  labels: string[];
}

/** The explorer's score filter control: judges that scored traces (sorted ignoring case), with
 * their labels. Admins. */
export async function scoreFilterOptions(actor: Actor, db: Db = getDb()): Promise<ScoreJudgeOption[]> {
  requireAdmin(actor, "see evaluation scores");
  const names = (await scoredJudgeNames(db)).sort((a, b) => foldCase(a).localeCompare(foldCase(b)) || a.localeCompare(b));
  return Promise.all(names.map(async (name) => ({ name, labels: await scoredLabels(db, name) })));
}
