import { EmptyState } from "@/components/empty-state";
import { TokensTable } from "@/components/tokens-table";
import type { TeamTokenView } from "@/lib/teams/tokens";
import { revokeTeamTokenAction } from "../actions";
import { updateTeamTokenAction } from "./token-actions";
import { TeamTokenEditForm } from "./token-edit-form";

/** `endpoints`: every endpoint's name, for the editor's restriction choice. */
export function TeamTokensTable({ teamId, tokens, endpoints }: { teamId: string; tokens: TeamTokenView[]; endpoints: string[] }) {
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
        <EmptyState title="No tokens yet">
          Create a token above and give it to the application that calls the gateway. Each application should have its own,
          so you can revoke one without affecting the others.
        </EmptyState>
      }
    />
  );
}
