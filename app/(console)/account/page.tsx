import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { Card, CardBody } from "@/components/card";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input } from "@/components/input";
import { PageHeader } from "@/components/page-header";
import { SubmitButton } from "@/components/submit-button";
import { UserPasswordFields } from "@/components/user-password-fields";
import { requireUser } from "@/lib/auth/session";
import { updateAccountAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

/** Every signed-in user's own account: name and password (role and email are an admin's to change). */
export default async function AccountPage() {
  const me = await requireUser();
  return (
    <>
      <PageHeader title="Account" description="Your name and password." />
      <Card className="max-w-2xl">
        <CardBody className="py-6">
          <ActionForm action={updateAccountAction} resetOnSuccess>
            <FormMessage />
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-tremor-default">
              <dt className="font-medium text-tremor-content-strong">Email</dt>
              <dd className="text-tremor-content" data-testid="account-email">{me.email}</dd>
              <dt className="font-medium text-tremor-content-strong">Role</dt>
              <dd className="capitalize text-tremor-content" data-testid="account-role">{me.role}</dd>
            </dl>
            <Field label="Name" name="name" hint="Shown in the console instead of your email.">
              <Input id="name" name="name" defaultValue={me.name ?? ""} autoComplete="name" />
            </Field>
            <UserPasswordFields own />
            <SubmitButton>Save changes</SubmitButton>
          </ActionForm>
        </CardBody>
      </Card>
    </>
  );
}
