import { EmptyState } from "@/components/empty-state";
import { TokensTable } from "@/components/tokens-table";
import type { TeamTokenView } from "@/lib/teams/tokens";
import { revokeTeamTokenAction } from "../actions";

export function TeamTokensTable({ teamId, tokens }: { teamId: string; tokens: TeamTokenView[] }) {
  return (
    <TokensTable
      tokens={tokens}
      showEndpoints
      revokeAction={(tokenId) => revokeTeamTokenAction.bind(null, teamId, tokenId)}
      revokeConfirm={(name) => `Revoke token '${name}'? Requests using it fail immediately.`}
      empty={
        <EmptyState title="No tokens yet">
          Create a token above and give it to the application that calls the gateway. Each application should have its own,
          so you can revoke one without affecting the others.
        </EmptyState>
      }
    />
  );
}
