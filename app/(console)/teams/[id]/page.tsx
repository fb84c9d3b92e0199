import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { buttonClass } from "@/components/button";
import { Card, CardBody, CardHeader } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { TokenCreateForm } from "@/components/token-create-form";
import { actorOf, requireUser } from "@/lib/auth/session";
import { gatewayBaseUrl } from "@/lib/console/gateway-url";
import { orNotFound } from "@/lib/console/or-not-found";
import { listEndpoints } from "@/lib/endpoints/service";
import { getTeam, listMembers } from "@/lib/teams/service";
import { listTeamTokens } from "@/lib/teams/tokens";
import { listUsers } from "@/lib/users/service";
import { createTeamTokenAction, deleteTeamAction } from "../actions";
import { MembersCard } from "./members-card";
import { TeamTokensTable } from "./team-tokens-table";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  // Revoked tokens stay listed only on request (?revoked=1): they no longer work, but their names
  // still label past traces.
  const showRevoked = (await searchParams).revoked === "1";
  const user = await requireUser();
  const actor = actorOf(user);
  const isAdmin = user.role === "admin";
  const team = await orNotFound(getTeam(actor, id));
  const [members, tokens, endpoints, users, baseUrl] = await Promise.all([
    listMembers(actor, id),
    listTeamTokens(actor, id),
    listEndpoints(actor),
    isAdmin ? listUsers(actor) : Promise.resolve([]),
    gatewayBaseUrl(),
  ]);
  const revokedCount = tokens.filter((t) => t.revokedAt).length;
  const memberIds = new Set(members.map((m) => m.userId));
  const endpointNames = endpoints.map((e) => e.name);
  return (
    <>
      <PageHeader
        title={team.name}
        description="Applications of this team call the gateway with the team's API tokens."
        back={{ href: "/teams", label: "Teams" }}
        actions={
          isAdmin ? (
            <ActionButton
              action={deleteTeamAction.bind(null, team.id)}
              confirm={`Delete team '${team.name}'? Its tokens stop working immediately.`}
              pendingLabel="Deleting…"
            >
              Delete team
            </ActionButton>
          ) : null
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="API tokens"
            description={
              <>
                Use a token as the API key of any OpenAI client with base URL <code className="break-all">{baseUrl}</code>.
              </>
            }
            actions={
              revokedCount ? (
                <Link href={showRevoked ? `/teams/${team.id}` : `/teams/${team.id}?revoked=1`} className={buttonClass("ghost", "sm")} aria-pressed={showRevoked}>
                  {showRevoked ? "Hide revoked" : `Show revoked (${revokedCount})`}
                </Link>
              ) : null
            }
          />
          <CardBody className="border-b border-tremor-border">
            <TokenCreateForm
              action={createTeamTokenAction.bind(null, team.id)}
              endpoints={endpointNames}
              usage="Send it as “Authorization: Bearer <token>”, i.e. the api_key of the OpenAI SDK."
            />
          </CardBody>
          <TeamTokensTable
            teamId={team.id}
            tokens={showRevoked ? tokens : tokens.filter((t) => !t.revokedAt)}
            hiddenRevoked={showRevoked ? 0 : revokedCount}
            endpoints={endpointNames}
          />
        </Card>
        <MembersCard
          teamId={team.id}
          members={members}
          candidates={isAdmin ? users.filter((u) => !memberIds.has(u.id) && !u.disabled) : null}
        />
      </div>
    </>
  );
}
