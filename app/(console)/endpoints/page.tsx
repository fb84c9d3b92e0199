import Link from "next/link";
import type { Metadata } from "next";
import { Badge } from "@/components/badge";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { providerName } from "@/components/provider-names";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { actorOf, requireUser } from "@/lib/auth/session";
import { listEndpoints, type EndpointView } from "@/lib/endpoints/service";

export const metadata: Metadata = { title: "Endpoints" };

function ModelsSummary({ endpoint }: { endpoint: EndpointView }) {
  const primary = endpoint.models.filter((m) => m.weight > 0);
  const fallbacks = endpoint.models.filter((m) => m.fallbackOrder !== null).sort((a, b) => a.fallbackOrder! - b.fallbackOrder!);
  return (
    <div className="space-y-0.5">
      {primary.map((m) => (
        <div key={m.id} className="flex items-center gap-2">
          <span className="font-mono text-tremor-label text-tremor-content-strong">{m.model}</span>
          <span className="text-tremor-label text-tremor-content">
            {providerName(m.provider)} · {m.weight}%
          </span>
        </div>
      ))}
      {fallbacks.length ? (
        <div className="text-tremor-label text-tremor-content">
          Fallback: {fallbacks.map((m) => m.model).join(" → ")}
        </div>
      ) : null}
    </div>
  );
}

export default async function EndpointsPage() {
  const user = await requireUser();
  const endpoints = await listEndpoints(actorOf(user));
  const isAdmin = user.role === "admin";
  return (
    <>
      <PageHeader
        title="Endpoints"
        description={
          <>
            An endpoint is the <code>model</code> name clients call. It routes to one or more provider models, splits traffic by
            weight and falls back when a provider fails.
          </>
        }
        actions={isAdmin ? <ButtonLink href="/endpoints/new">New endpoint</ButtonLink> : null}
      />
      <Card>
        {endpoints.length === 0 ? (
          <EmptyState
            title="No endpoints yet"
            action={isAdmin ? <ButtonLink href="/endpoints/new">Create an endpoint</ButtonLink> : null}
          >
            {isAdmin
              ? "Create an endpoint to give clients a model name to call. You need a provider key for each provider it uses."
              : "An admin has not created any endpoints yet. Ask one to set up the models your team should call."}
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <TH>Name</TH>
              <TH>Kind</TH>
              <TH>Models</TH>
              <TH>Attempts · timeout</TH>
              <TH>Recording</TH>
            </THead>
            <TBody>
              {endpoints.map((e) => (
                <TR key={e.id}>
                  <TD className="font-medium">
                    {isAdmin ? (
                      <Link href={`/endpoints/${e.id}`} className="font-mono text-tremor-brand hover:underline">
                        {e.name}
                      </Link>
                    ) : (
                      <span className="font-mono text-tremor-content-strong">{e.name}</span>
                    )}
                  </TD>
                  <TD>
                    <Badge tone={e.kind === "chat" ? "brand" : "gray"}>{e.kind}</Badge>
                  </TD>
                  <TD>
                    <ModelsSummary endpoint={e} />
                  </TD>
                  <TD className="whitespace-nowrap">
                    {e.maxAttempts} · {e.timeoutMs / 1000}s
                  </TD>
                  <TD>
                    <div className="flex gap-1">
                      {e.usageTracking ? <Badge tone="green">usage</Badge> : <Badge>no usage</Badge>}
                      {e.capturePayloads ? <Badge tone="green">payloads</Badge> : <Badge>no payloads</Badge>}
                    </div>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
