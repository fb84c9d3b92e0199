import Link from "next/link";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { formatDate } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { providerName } from "@/components/provider-names";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { listSecrets, type SecretView } from "@/lib/secrets/service";

export const metadata: Metadata = { title: "Provider keys" };

function configSummary(secret: SecretView): string {
  const c = secret.config;
  return [c.region, c.baseUrl, c.deployment && `deployment ${c.deployment}`, c.apiVersion && `api-version ${c.apiVersion}`]
    .filter(Boolean)
    .join(" · ");
}

export default async function ProviderKeysPage() {
  const secrets = await listSecrets(actorOf(await requireAdmin()));
  return (
    <>
      <PageHeader
        title="Provider keys"
        description="Credentials for upstream providers. They are encrypted at rest and never leave the server; only a mask is shown."
        actions={<ButtonLink href="/provider-keys/new">Add provider key</ButtonLink>}
      />
      <Card>
        {secrets.length === 0 ? (
          <EmptyState title="No provider keys yet" action={<ButtonLink href="/provider-keys/new">Add a provider key</ButtonLink>}>
            Add the API key of OpenAI, Anthropic, Gemini, Bedrock, Azure OpenAI, Cohere, Mistral or any OpenAI-compatible
            server. Endpoints route requests with these keys.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <TH>Name</TH>
              <TH>Provider</TH>
              <TH>Key</TH>
              <TH>Settings</TH>
              <TH>Updated</TH>
            </THead>
            <TBody>
              {secrets.map((s) => (
                <TR key={s.id}>
                  <TD>
                    <Link href={`/provider-keys/${s.id}`} className="font-medium text-tremor-brand hover:underline">
                      {s.name}
                    </Link>
                  </TD>
                  <TD>{providerName(s.provider)}</TD>
                  <TD className="font-mono text-tremor-label">{s.maskedKey}</TD>
                  <TD className="max-w-xs truncate text-tremor-content" title={configSummary(s)}>
                    {configSummary(s) || "Defaults"}
                  </TD>
                  <TD className="whitespace-nowrap text-tremor-content">{formatDate(s.updatedAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
