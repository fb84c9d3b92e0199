import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/alert";
import { Card, CardBody, CardHeader } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { TraceScoresCard } from "@/components/eval/trace-scores-card";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { providerName } from "@/components/provider-names";
import { TraceStatus } from "@/components/traces/trace-table";
import { PayloadView } from "@/components/traces/transcript";
import { Waterfall } from "@/components/traces/waterfall";
import { actorOf, requireUser } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { getTrace } from "@/lib/tracing/queries";
import { prettyPayload } from "@/lib/tracing/transcript";
import { formatCount, formatMs, formatUsd } from "@/lib/usage/display";

export const metadata: Metadata = { title: "Trace" };

function Item({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-tremor-label font-medium uppercase tracking-wide text-tremor-content">{label}</dt>
      <dd className={`mt-0.5 break-words text-tremor-content-strong ${mono ? "font-mono text-[12.5px]" : ""}`}>{children}</dd>
    </div>
  );
}

/** Route params may arrive still percent-encoded; a stray "%" must not crash the page. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const tokens = (n: number | null) => (n === null ? "unknown" : formatCount(n));

export default async function TracePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const actor = actorOf(user);
  const t = await orNotFound(getTrace(actor, safeDecode(id)));
  return (
    <>
      <PageHeader
        title={`${t.endpoint} · ${formatDateTime(t.startedAt)}`}
        // The trace id and status are shown here only (the Summary card below does not repeat them).
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all font-mono text-tremor-label" data-testid="trace-id">
              {t.id}
            </span>
            <CopyButton value={t.id} label="Copy trace id" />
          </span>
        }
        back={{ href: "/traces", label: "Traces" }}
        actions={<TraceStatus status={t.status} httpStatus={t.httpStatus} />}
      />
      <div className="space-y-6">
        {t.status === "error" ? (
          <Alert tone="error">
            <span className="font-medium">{t.errorType ?? "error"}</span>
            {t.errorMessage ? `: ${t.errorMessage}` : null}
          </Alert>
        ) : null}
        <Card>
          <CardHeader title="Summary" />
          <CardBody>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-4 md:grid-cols-4">
              <Item label="Endpoint">
                <Link href={`/traces?endpoint=${encodeURIComponent(t.endpoint)}`} className="text-tremor-brand hover:underline">
                  {t.endpoint}
                </Link>
              </Item>
              <Item label="Team">{t.teamName ?? (t.teamId ? `deleted (${t.teamId})` : "—")}</Item>
              <Item label="Route">
                {t.route} · {t.operation}
              </Item>
              <Item label="Provider / model">{t.provider ? `${providerName(t.provider)} · ${t.model ?? "?"}` : "none tried"}</Item>
              <Item label="Latency">{formatMs(t.latencyMs)}</Item>
              <Item label="Time to first token">{t.ttftMs === null ? "—" : formatMs(t.ttftMs)}</Item>
              <Item label="Streaming">{t.streaming ? "yes" : "no"}</Item>
              <Item label="Tokens">
                {t.totalTokens === null && t.inputTokens === null ? (
                  <span className="italic">unknown (no usage reported)</span>
                ) : (
                  <>
                    {tokens(t.inputTokens)} in · {tokens(t.outputTokens)} out · {tokens(t.totalTokens)} total
                  </>
                )}
              </Item>
              <Item label="Cache tokens">
                {t.cacheReadTokens === null && t.cacheCreationTokens === null ? "—" : `${tokens(t.cacheReadTokens)} read · ${tokens(t.cacheCreationTokens)} created`}
              </Item>
              <Item label="Cost">
                <span className={t.costUsd === null ? "italic" : "font-semibold"}>{formatUsd(t.costUsd)}</span>
                <span className="block text-tremor-label text-tremor-content">
                  input {formatUsd(t.inputCostUsd)} · output {formatUsd(t.outputCostUsd)}
                </span>
              </Item>
              <Item label="Attempts">{t.attempts}</Item>
              <Item label="Caller">{t.caller ?? "—"}</Item>
              <Item label="API token">
                {t.tokenName ?? (t.tokenId ? "deleted token" : "—")}
                {t.tokenId ? <span className="block font-mono text-tremor-label text-tremor-content">{t.tokenId}</span> : null}
              </Item>
              <Item label="traceparent" mono>
                {t.traceparent ?? "—"}
              </Item>
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Attempts" description="Upstream calls, placed by start and end relative to the start of the request." />
          <CardBody>
            <Waterfall startedAt={t.startedAt} latencyMs={t.latencyMs} spans={t.spans} />
          </CardBody>
        </Card>
        <div className="grid gap-6 xl:grid-cols-2">
          <Card>
            <CardHeader title="Request" />
            <CardBody>
              <PayloadView kind="request" payload={t.requestPayload} truncated={t.requestTruncated} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Response" description={t.streaming ? "Assembled from the stream." : undefined} />
            <CardBody>
              <PayloadView kind="response" payload={t.responsePayload} truncated={t.responseTruncated} />
            </CardBody>
          </Card>
        </div>
        <TraceScoresCard scores={t.scores} isAdmin={user.role === "admin"} />
        <Card>
          <CardHeader title="Metadata" description="The x-gatehouse-metadata object the caller sent." />
          <CardBody>
            {t.metadata ? (
              <pre className="overflow-auto whitespace-pre-wrap break-words rounded-tremor-default bg-tremor-background-subtle p-3 font-mono text-[12px] text-tremor-content-strong">
                {typeof t.metadata === "string" ? prettyPayload(t.metadata) : JSON.stringify(t.metadata, null, 2)}
              </pre>
            ) : (
              <p className="italic text-tremor-content">None.</p>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
