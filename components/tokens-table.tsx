// The table of API tokens shared by the admin tokens page and a team's page: name, prefix, dates,
// status, an Edit button that opens the page's editor under the row and a Revoke button on live
// tokens (revoked tokens are neither editable nor revocable). Team tokens add their endpoint
// restriction; admin tokens whose creator is no longer an active admin show as inactive.

import type { ReactNode } from "react";
import type { TokenSummary } from "@/lib/auth/tokens";
import type { FormAction } from "@/lib/console/form-state";
import { ActionButton } from "./action-button";
import { EditableRow } from "./editable-row";
import { formatDate, formatDateTime } from "./format";
import { Table, TBody, TD, TH, THActions, THead } from "./table";
import { TokenStatus } from "./token-status";

export interface TokenRow extends TokenSummary {
  /** Team tokens: the endpoints it may call (null = all); absent for admin tokens. */
  endpoints?: string[] | null;
  /** Why the token does not work although neither revoked nor expired; null/absent = it works. */
  inactive?: string | null;
}

export function TokensTable<T extends TokenRow>({
  tokens,
  empty,
  showEndpoints = false,
  revokeAction,
  revokeConfirm,
  editor,
}: {
  tokens: T[];
  /** The empty state shown when there is no token. */
  empty: ReactNode;
  showEndpoints?: boolean;
  revokeAction: (tokenId: string) => FormAction;
  revokeConfirm: (name: string) => string;
  /** The editor of a live token, opened under its row by an Edit button; omitted = no Edit. */
  editor?: (token: T) => ReactNode;
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
          <EditableRow
            key={t.id}
            editor={editor && !t.revokedAt ? editor(t) : null}
            itemLabel={`token ${t.name}`}
            colSpan={showEndpoints ? 8 : 7}
            actions={
              t.revokedAt ? null : (
                <ActionButton action={revokeAction(t.id)} confirm={revokeConfirm(t.name)} pendingLabel="Revoking…">
                  Revoke
                </ActionButton>
              )
            }
          >
            <TD className="font-medium">{t.name}</TD>
            <TD className="whitespace-nowrap font-mono text-tremor-label">{t.prefix}…</TD>
            {showEndpoints ? (
              <TD className="text-tremor-label" data-testid="token-endpoints">
                {t.endpoints ? t.endpoints.join(", ") || "None" : "All"}
              </TD>
            ) : null}
            <TD className="whitespace-nowrap text-tremor-content">{formatDate(t.createdAt)}</TD>
            <TD className="whitespace-nowrap text-tremor-content">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</TD>
            <TD className="whitespace-nowrap text-tremor-content">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</TD>
            <TD className="whitespace-nowrap">
              <TokenStatus revokedAt={t.revokedAt} expiresAt={t.expiresAt} inactive={t.inactive} />
            </TD>
          </EditableRow>
        ))}
      </TBody>
    </Table>
  );
}

