// Unauthenticated health probe: 200 when the database answers, 503 otherwise; tracing counters.
import { healthReport } from "@/lib/tracing/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await healthReport();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
