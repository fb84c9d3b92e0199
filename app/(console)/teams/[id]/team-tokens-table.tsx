import { ActionButton } from "@/components/action-button";
import { EmptyState } from "@/components/empty-state";
import { formatDate, formatDateTime } from "@/components/format";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { TokenStatus } from "@/components/token-status";
import type { TeamTokenView } from "@/lib/teams/tokens";
import { revokeTeamTokenAction } from "../actions";

export function TeamTokensTable({ teamId, tokens }: { teamId: string; tokens: TeamTokenView[] }) {
  if (tokens.length === 0) {
    return (
      <EmptyState title="No tokens yet">
        Create a token above and give it to the application that calls the gateway. Each application should have its own,
        so you can revoke one without affecting the others.
      </EmptyState>
    );
  }
  return (
    <Table>
      <THead>
        <TH>Name</TH>
        <TH>Token</TH>
        <TH>Endpoints</TH>
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
            <TD className="text-tremor-label">{t.endpoints ? t.endpoints.join(", ") : "All"}</TD>
            <TD className="whitespace-nowrap text-tremor-content">{formatDate(t.createdAt)}</TD>
            <TD className="whitespace-nowrap text-tremor-content">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</TD>
            <TD className="whitespace-nowrap text-tremor-content">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</TD>
            <TD className="whitespace-nowrap">
              <TokenStatus revokedAt={t.revokedAt} expiresAt={t.expiresAt} />
            </TD>
            <TD className="text-right">
              {t.revokedAt ? null : (
                <ActionButton
                  action={revokeTeamTokenAction.bind(null, teamId, t.id)}
                  confirm={`Revoke token '${t.name}'? Requests using it fail immediately.`}
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
  );
}
