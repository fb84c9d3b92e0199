import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { TokenCreateForm } from "@/components/token-create-form";
import { TokenEditForm } from "@/components/token-edit-form";
import { TokensTable } from "@/components/tokens-table";
import { listAdminTokensWithCreators } from "@/lib/auth/admin-tokens";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { createAdminTokenAction, revokeAdminTokenAction, updateAdminTokenAction } from "./actions";

export const metadata: Metadata = { title: "Admin tokens" };

export default async function AdminTokensPage() {
  const listed = await listAdminTokensWithCreators(actorOf(await requireAdmin()));
  const tokens = listed.map((t) => ({ ...t, inactive: t.creatorProblem && `creator ${t.creatorProblem}` }));
  return (
    <>
      <PageHeader
        title="Admin tokens"
        description={
          <>
            Tokens for the admin REST API under <code>/api/v1</code> (scripts, CI, infrastructure as code). An admin token can do
            everything an admin can; team tokens are not accepted there. A token acts for the admin who created it and stops
            working (inactive) while that user is demoted or disabled.
          </>
        }
      />
      <Card>
        <CardHeader title="New admin token" />
        <CardBody className="border-b border-tremor-border">
          <TokenCreateForm
            action={createAdminTokenAction}
            nameExample="terraform"
            usage="Send it as “Authorization: Bearer <token>” to /api/v1, e.g. curl -H 'Authorization: Bearer gha_…' /api/v1/endpoints."
          />
        </CardBody>
        <TokensTable
          tokens={tokens}
          revokeAction={(tokenId) => revokeAdminTokenAction.bind(null, tokenId)}
          revokeConfirm={(name) => `Revoke admin token '${name}'? API calls using it fail immediately.`}
          editor={(t) => (
            <TokenEditForm
              action={updateAdminTokenAction.bind(null, t.id)}
              token={{ id: t.id, name: t.name, expiresAt: t.expiresAt }}
              note="The token itself stays the same; API calls see the changes at once."
            />
          )}
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
