import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { Badge } from "@/components/badge";
import { Card, CardBody, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { Field } from "@/components/field";
import { formatDate } from "@/components/format";
import { InlineForm } from "@/components/inline-form";
import { Select } from "@/components/input";
import { Table, TBody, TD, TH, THActions, THead, TR } from "@/components/table";
import type { TeamMemberView } from "@/lib/teams/service";
import type { UserView } from "@/lib/users/service";
import { addMemberAction, removeMemberAction } from "../actions";

/** Members of a team; `candidates` (users not yet in it) is null for members, who cannot change it. */
export function MembersCard({
  teamId,
  members,
  candidates,
}: {
  teamId: string;
  members: TeamMemberView[];
  candidates: UserView[] | null;
}) {
  return (
    <Card>
      <CardHeader title="Members" description="Members can see this team and manage its tokens." />
      {candidates ? (
        <CardBody className="border-b border-tremor-border">
          {candidates.length === 0 ? (
            <p className="text-tremor-content">
              Every user is already a member. Create more users on the <Link className="text-tremor-brand hover:underline" href="/users">
                Users
              </Link> page.
            </p>
          ) : (
            <InlineForm action={addMemberAction.bind(null, teamId)} resetOnSuccess submitLabel="Add member" pendingLabel="Adding…">
              <Field label="Add a user" name="userId">
                <Select id="userId" name="userId" defaultValue="">
                  <option value="" disabled>
                    Choose a user…
                  </option>
                  {candidates.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name ? `${u.name} <${u.email}>` : u.email}
                    </option>
                  ))}
                </Select>
              </Field>
            </InlineForm>
          )}
        </CardBody>
      ) : null}
      {members.length === 0 ? (
        <EmptyState title="No members yet">
          {candidates ? "Add users to let them manage this team's tokens. Admins can always manage every team." : "This team has no members."}
        </EmptyState>
      ) : (
        <Table>
          <THead>
            <TH>User</TH>
            <TH>Role</TH>
            <TH>Added</TH>
            <THActions />
          </THead>
          <TBody>
            {members.map((m) => (
              <TR key={m.userId}>
                <TD>
                  <div className="font-medium text-tremor-content-strong">{m.name ?? m.email}</div>
                  {m.name ? <div className="text-tremor-label text-tremor-content">{m.email}</div> : null}
                </TD>
                <TD>
                  <Badge tone={m.role === "admin" ? "brand" : "gray"}>{m.role}</Badge>
                </TD>
                <TD className="text-tremor-content">{formatDate(m.addedAt)}</TD>
                <TD className="text-right">
                  {candidates ? (
                    <ActionButton
                      action={removeMemberAction.bind(null, teamId, m.userId)}
                      confirm={`Remove ${m.email} from this team?`}
                      pendingLabel="Removing…"
                    >
                      Remove
                    </ActionButton>
                  ) : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
