import Link from "next/link";
import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { Field } from "@/components/field";
import { formatDate } from "@/components/format";
import { InlineForm } from "@/components/inline-form";
import { Input } from "@/components/input";
import { PageHeader } from "@/components/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { actorOf, requireUser } from "@/lib/auth/session";
import { listTeams } from "@/lib/teams/service";
import { createTeamAction } from "./actions";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const user = await requireUser();
  const teams = await listTeams(actorOf(user));
  const isAdmin = user.role === "admin";
  return (
    <>
      <PageHeader
        title="Teams"
        description={
          isAdmin
            ? "Teams call the gateway with their own API tokens. Add people to a team so they can manage its tokens."
            : "The teams you belong to. Create API tokens for your team's applications here."
        }
      />
      <div className="space-y-6">
        {isAdmin ? (
          <Card>
            <CardHeader title="New team" />
            <CardBody>
              <InlineForm action={createTeamAction} submitLabel="Create team" pendingLabel="Creating…">
                <Field label="Team name" name="name">
                  <Input id="name" name="name" placeholder="search-team" autoComplete="off" />
                </Field>
              </InlineForm>
            </CardBody>
          </Card>
        ) : null}
        <Card>
          {teams.length === 0 ? (
            <EmptyState title={isAdmin ? "No teams yet" : "You are not in a team yet"}>
              {isAdmin
                ? "Create a team above, then create an API token for it: applications use that token to call the gateway."
                : "Ask an admin to add you to a team; you can then create API tokens for it."}
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <TH>Team</TH>
                <TH>Members</TH>
                <TH>Created</TH>
              </THead>
              <TBody>
                {teams.map((t) => (
                  <TR key={t.id}>
                    <TD>
                      <Link href={`/teams/${t.id}`} className="font-medium text-tremor-brand hover:underline">
                        {t.name}
                      </Link>
                    </TD>
                    <TD>{t.memberCount}</TD>
                    <TD className="text-tremor-content">{formatDate(t.createdAt)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
