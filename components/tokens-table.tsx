// The table of API tokens shared by the admin tokens page and a team's page: name, prefix, dates,
// status, an Edit button that opens the page's editor under the row and a Revoke button on live
// tokens (revoked tokens are neither editable nor revocable). Team tokens add their endpoint
// restriction; admin tokens whose creator is no longer an active admin show as inactive.
// Dense, so that every column and the buttons fit a 1280px-wide window: the name and the endpoint
// list take the room the other columns leave and are cut with an ellipsis (the whole text in their
// tooltip), dates are compact (the full date in the tooltip), the button column never wraps.

import type { ReactNode } from "react";
import type { TokenSummary } from "@/lib/auth/tokens";
import type { FormAction } from "@/lib/console/form-state";
import { ActionButton } from "./action-button";
import { formatCompactDate, formatCompactDateTime } from "./compact-date";
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

/** Cells whose text is cut with an ellipsis: together they take the width the other columns leave
 * (max-w-0 lets them shrink below their text), never less than 6rem each. */
const SHRINKING_CELL = "min-w-24 max-w-0";

/** The cell's whole text stays its accessible name; the tooltip shows it to the eye. */
function Truncated({ text }: { text: string }) {
  return (
    <span className="block truncate" title={text}>
      {text}
    </span>
  );
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
  const now = new Date();
  const date = (d: Date) => <span title={formatDate(d)}>{formatCompactDate(d, now)}</span>;
  return (
    // px-3 between columns, px-5 at the table's edges (aligned with the card's header).
    <Table className="[&_td:first-child]:pl-5 [&_td:last-child]:pr-5 [&_td]:px-3 [&_th:first-child]:pl-5 [&_th:last-child]:pr-5 [&_th]:px-3">
      <THead>
        <TH>Name</TH>
        <TH>Token</TH>
        {showEndpoints ? <TH>Endpoints</TH> : null}
        <TH>Created</TH>
        <TH className="whitespace-nowrap">Last used</TH>
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
            <TD className={`${showEndpoints ? "w-3/5" : "w-full"} ${SHRINKING_CELL} font-medium`}>
              <Truncated text={t.name} />
            </TD>
            <TD className="whitespace-nowrap font-mono text-tremor-label">{t.prefix}…</TD>
            {showEndpoints ? (
              <TD className={`w-2/5 ${SHRINKING_CELL} text-tremor-label`} data-testid="token-endpoints">
                <Truncated text={t.endpoints ? t.endpoints.join(", ") || "None" : "All"} />
              </TD>
            ) : null}
            <TD className="whitespace-nowrap text-tremor-content">{date(t.createdAt)}</TD>
            <TD className="whitespace-nowrap text-tremor-content">
              {t.lastUsedAt ? <span title={formatDateTime(t.lastUsedAt)}>{formatCompactDateTime(t.lastUsedAt, now)}</span> : "Never"}
            </TD>
            <TD className="whitespace-nowrap text-tremor-content">{t.expiresAt ? date(t.expiresAt) : "Never"}</TD>
            <TD>
              {/* A long status ("Inactive: creator is no longer an admin") wraps on two lines. */}
              <div className={t.inactive ? "w-40" : "whitespace-nowrap"}>
                <TokenStatus revokedAt={t.revokedAt} expiresAt={t.expiresAt} inactive={t.inactive} now={now} />
              </div>
            </TD>
          </EditableRow>
        ))}
      </TBody>
    </Table>
  );
}
