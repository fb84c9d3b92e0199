// The table of API tokens shared by the admin tokens page and a team's page: name, prefix, dates,
// status and a Revoke button on live tokens. Team tokens add their endpoint restriction.

import type { ReactNode } from "react";
import type { TokenSummary } from "@/lib/auth/tokens";
import type { FormAction } from "@/lib/console/form-state";
import { ActionButton } from "./action-button";
import { formatDate, formatDateTime } from "./format";
import { Table, TBody, TD, TH, THActions, THead, TR } from "./table";
import { TokenStatus } from "./token-status";

export interface TokenRow extends TokenSummary {
  /** Team tokens: the endpoints it may call (null = all); absent for admin tokens. */
  endpoints?: string[] | null;
}

export function TokensTable({
  tokens,
  empty,
  showEndpoints = false,
  revokeAction,
  revokeConfirm,
}: {
  tokens: TokenRow[];
  /** The empty state shown when there is no token. */
  empty: ReactNode;
  showEndpoints?: boolean;
  revokeAction: (tokenId: string) => FormAction;
  revokeConfirm: (name: string) => string;
}) {
  if (tokens.length === 0) return <>{empty}</>;
  return (
    <Table>
      <THead>
        <TH>Name</TH>
        <TH>Token</TH>
        {showEndpoints ? <TH>Endpoints</TH> : null}
        <TH>Created</TH>
        <TH>Last used</TH>
        <TH>Expires</TH>
        <TH>Status</TH>
        <THActions />
      </THead>
      <TBody>
        {tokens.map((t) => (
          <TR key={t.id}>
            <TD className="font-medium">{t.name}</TD>
            <TD className="whitespace-nowrap font-mono text-tremor-label">{t.prefix}…</TD>
            {showEndpoints ? <TD className="text-tremor-label">{t.endpoints ? t.endpoints.join(", ") || "None" : "All"}</TD> : null}
            <TD className="whitespace-nowrap text-tremor-content">{formatDate(t.createdAt)}</TD>
            <TD className="whitespace-nowrap text-tremor-content">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</TD>
            <TD className="whitespace-nowrap text-tremor-content">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</TD>
            <TD className="whitespace-nowrap">
              <TokenStatus revokedAt={t.revokedAt} expiresAt={t.expiresAt} />
            </TD>
            <TD className="text-right">
              {t.revokedAt ? null : (
                <ActionButton action={revokeAction(t.id)} confirm={revokeConfirm(t.name)} pendingLabel="Revoking…">
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

