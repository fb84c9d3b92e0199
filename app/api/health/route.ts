// Unauthenticated health probe: 200 when the database answers, 503 otherwise; tracing counters and
// the online evaluator's (null where it does not run).
import { evaluationRuntime } from "@/lib/eval/runtime";
import { healthReport } from "@/lib/tracing/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await healthReport();
  const onlineEvaluation = evaluationRuntime()?.online.metrics() ?? null;
  return Response.json({ ...report, onlineEvaluation }, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
