import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { Card, CardBody, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { formatDate, formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { TokenCreateForm } from "@/components/token-create-form";
import { TokenStatus } from "@/components/token-status";
import { listAdminTokens } from "@/lib/auth/admin-tokens";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { createAdminTokenAction, revokeAdminTokenAction } from "./actions";

export const metadata: Metadata = { title: "Admin tokens" };

export default async function AdminTokensPage() {
  const tokens = await listAdminTokens(actorOf(await requireAdmin()));
  return (
    <>
      <PageHeader
        title="Admin tokens"
        description={
          <>
            Tokens for the admin REST API under <code>/api/v1</code> (scripts, CI, infrastructure as code). An admin token can do
            everything an admin can; team tokens are not accepted there.
          </>
        }
      />
      <Card>
        <CardHeader title="New admin token" />
        <CardBody className="border-b border-tremor-border">
          <TokenCreateForm
            action={createAdminTokenAction}
            usage="Send it as “Authorization: Bearer <token>” to /api/v1, e.g. curl -H 'Authorization: Bearer gha_…' /api/v1/endpoints."
          />
        </CardBody>
        {tokens.length === 0 ? (
          <EmptyState title="No admin tokens yet">
            Create one for each script or system that manages Gatehouse through the API, so each can be revoked on its own.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <TH>Name</TH>
              <TH>Token</TH>
              <TH>Created</TH>
              <TH>Last used</TH>
              <TH>Expires</TH>
              <TH>Status</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {tokens.map((t) => (
                <TR key={t.id}>
                  <TD className="font-medium">{t.name}</TD>
                  <TD className="whitespace-nowrap font-mono text-tremor-label">{t.prefix}…</TD>
                  <TD className="whitespace-nowrap text-tremor-content">{formatDate(t.createdAt)}</TD>
                  <TD className="whitespace-nowrap text-tremor-content">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</TD>
                  <TD className="whitespace-nowrap text-tremor-content">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</TD>
                  <TD className="whitespace-nowrap">
                    <TokenStatus revokedAt={t.revokedAt} expiresAt={t.expiresAt} />
                  </TD>
                  <TD className="text-right">
                    {t.revokedAt ? null : (
                      <ActionButton
                        action={revokeAdminTokenAction.bind(null, t.id)}
                        confirm={`Revoke admin token '${t.name}'? API calls using it fail immediately.`}
                        pendingLabel="Revoking…"
                      >
                        Revoke
                      </ActionButton>
                    )}
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
