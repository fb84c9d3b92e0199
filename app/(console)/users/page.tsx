import Link from "next/link";
import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { Badge } from "@/components/badge";
import { Card, CardBody, CardHeader } from "@/components/card";
import { Field } from "@/components/field";
import { formatDate } from "@/components/format";
import { FormMessage } from "@/components/form-message";
import { Input, Select } from "@/components/input";
import { PageHeader } from "@/components/page-header";
import { SubmitButton } from "@/components/submit-button";
import { Table, TBody, TD, TH, THActions, THead, TR } from "@/components/table";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/service";
import { createUserAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireAdmin();
  const users = await listUsers(actorOf(me));
  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to this console. Admins manage everything; members see only their teams and manage those teams' tokens."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="New user" description="Share the password with them; they can sign in right away." />
          <CardBody>
            <ActionForm action={createUserAction} resetOnSuccess>
              <FormMessage />
              <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                <Field label="Email" name="email">
                  <Input id="email" name="email" type="email" autoComplete="off" placeholder="ada@example.com" />
                </Field>
                <Field label="Name" name="name" hint="Optional.">
                  <Input id="name" name="name" autoComplete="off" placeholder="Ada Lovelace" />
                </Field>
                <Field label="Password" name="password" hint="At least 8 characters.">
                  <Input id="password" name="password" type="password" autoComplete="new-password" />
                </Field>
                <Field label="Role" name="role">
                  <Select id="role" name="role" defaultValue="member">
                    <option value="member">Member</option>
                    <option value="admin">Admin</option>
                  </Select>
                </Field>
              </div>
              <SubmitButton pendingLabel="Creating…">Create user</SubmitButton>
            </ActionForm>
          </CardBody>
        </Card>
        <Card>
          <Table>
            <THead>
              <TH>User</TH>
              <TH>Role</TH>
              <TH>Status</TH>
              <TH>Created</TH>
              <THActions />
            </THead>
            <TBody>
              {users.map((u) => (
                <TR key={u.id}>
                  <TD>
                    <div className="font-medium text-tremor-content-strong">
                      {u.name ?? u.email}
                      {u.id === me.id ? <span className="ml-2 text-tremor-label font-normal text-tremor-content">(you)</span> : null}
                    </div>
                    {u.name ? <div className="text-tremor-label text-tremor-content">{u.email}</div> : null}
                  </TD>
                  <TD>
                    <Badge tone={u.role === "admin" ? "brand" : "gray"}>{u.role}</Badge>
                  </TD>
                  <TD>{u.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</TD>
                  <TD className="text-tremor-content">{formatDate(u.createdAt)}</TD>
                  <TD className="text-right">
                    <Link href={`/users/${u.id}`} className="font-medium text-tremor-brand hover:underline">
                      Edit
                    </Link>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      </div>
    </>
  );
}
