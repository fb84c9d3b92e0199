import { EmptyState } from "@/components/empty-state";
import { TokensTable } from "@/components/tokens-table";
import type { TeamTokenView } from "@/lib/teams/tokens";
import { revokeTeamTokenAction } from "../actions";
import { updateTeamTokenAction } from "./token-actions";
import { TeamTokenEditForm } from "./token-edit-form";

/** `endpoints`: every endpoint's name, for the editor's restriction choice; `hiddenRevoked`: how
 * many revoked tokens are left out of `tokens` (the page's "Show revoked" toggle). */
export function TeamTokensTable({
  teamId,
  tokens,
  endpoints,
  hiddenRevoked = 0,
}: {
  teamId: string;
  tokens: TeamTokenView[];
  endpoints: string[];
  hiddenRevoked?: number;
}) {
  return (
    <TokensTable
      tokens={tokens}
      showEndpoints
      revokeAction={(tokenId) => revokeTeamTokenAction.bind(null, teamId, tokenId)}
      revokeConfirm={(name) => `Revoke token '${name}'? Requests using it fail immediately.`}
      editor={(t) => (
        <TeamTokenEditForm
          action={updateTeamTokenAction.bind(null, teamId, t.id)}
          token={{ id: t.id, name: t.name, expiresAt: t.expiresAt, endpoints: t.endpoints }}
          endpoints={endpoints}
        />
      )}
      empty={
        hiddenRevoked ? (
          <EmptyState title="No active tokens">
            Every token of this team is revoked ({hiddenRevoked} hidden: “Show revoked” lists them). Create a token above for
            each application that calls the gateway.
          </EmptyState>
        ) : (
        <EmptyState title="No tokens yet">
          Create a token above and give it to the application that calls the gateway. Each application should have its own,
          so you can revoke one without affecting the others.
        </EmptyState>
        )
      }
    />
  );
}
