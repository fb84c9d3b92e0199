import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { ActionForm } from "@/components/action-form";
import { Card, CardBody } from "@/components/card";
import { Field } from "@/components/field";
import { formatDateTime } from "@/components/format";
import { FormMessage } from "@/components/form-message";
import { Checkbox, Input, Select } from "@/components/input";
import { PageHeader } from "@/components/page-header";
import { SubmitButton } from "@/components/submit-button";
import { UserPasswordFields } from "@/components/user-password-fields";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { getUser } from "@/lib/users/service";
import { deleteUserAction, updateUserAction } from "../actions";

export const metadata: Metadata = { title: "Edit user" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await requireAdmin();
  const user = await orNotFound(getUser(actorOf(me), id));
  const isMe = user.id === me.id;
  return (
    <>
      <PageHeader
        title={user.name ?? user.email}
        description={`${user.email} · created ${formatDateTime(user.createdAt)}`}
        back={{ href: "/users", label: "Users" }}
        actions={
          isMe ? null : (
            <ActionButton
              action={deleteUserAction.bind(null, user.id)}
              confirm={`Delete ${user.email}? They lose access and their team memberships.`}
              pendingLabel="Deleting…"
            >
              Delete user
            </ActionButton>
          )
        }
      />
      <Card className="max-w-2xl">
        <CardBody className="py-6">
          <ActionForm action={updateUserAction.bind(null, user.id)} resetOnSuccess>
            <FormMessage />
            <Field label="Name" name="name">
              <Input id="name" name="name" defaultValue={user.name ?? ""} autoComplete="off" />
            </Field>
            <Field label="Role" name="role" hint="Admins manage everything; members only their teams' tokens.">
              <Select id="role" name="role" defaultValue={user.role}>
                <option value="member">Member</option>
                <option value="admin">Admin</option>
              </Select>
            </Field>
            <UserPasswordFields own={isMe} />
            <Checkbox
              name="disabled"
              defaultChecked={user.disabled}
              label="Disabled"
              hint="A disabled user cannot sign in and their open sessions stop working immediately."
            />
            <SubmitButton>Save changes</SubmitButton>
          </ActionForm>
        </CardBody>
      </Card>
    </>
  );
}
