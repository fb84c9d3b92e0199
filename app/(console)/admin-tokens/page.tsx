import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { TokenCreateForm } from "@/components/token-create-form";
import { TokensTable } from "@/components/tokens-table";
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
        <TokensTable
          tokens={tokens}
          revokeAction={(tokenId) => revokeAdminTokenAction.bind(null, tokenId)}
          revokeConfirm={(name) => `Revoke admin token '${name}'? API calls using it fail immediately.`}
          empty={
            <EmptyState title="No admin tokens yet">
              Create one for each script or system that manages Gatehouse through the API, so each can be revoked on its own.
            </EmptyState>
          }
        />
      </Card>
    </>
  );
}
