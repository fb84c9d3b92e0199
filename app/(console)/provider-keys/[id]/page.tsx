import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ActionForm } from "@/components/action-form";
import { Card, CardBody, CardHeader } from "@/components/card";
import { Field } from "@/components/field";
import { formatDateTime } from "@/components/format";
import { FormMessage } from "@/components/form-message";
import { Input } from "@/components/input";
import { PageHeader } from "@/components/page-header";
import { providerName } from "@/components/provider-names";
import { SubmitButton } from "@/components/submit-button";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { getSecret, secretUsers } from "@/lib/secrets/service";
import { deleteSecretAction, rotateSecretAction, updateSecretAction } from "../actions";
import { ConfigFields, CredentialFields } from "../secret-fields";

export const metadata: Metadata = { title: "Provider key" };

export default async function ProviderKeyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = actorOf(await requireAdmin());
  const secret = await orNotFound(getSecret(actor, id));
  const users = await secretUsers(actor, id);
  return (
    <>
      <PageHeader
        title={secret.name}
        description={
          <>
            {providerName(secret.provider)} · <span className="font-mono">{secret.maskedKey}</span> · updated{" "}
            {formatDateTime(secret.updatedAt)}
          </>
        }
        back={{ href: "/provider-keys", label: "Provider keys" }}
        actions={
          <ActionButton
            action={deleteSecretAction.bind(null, secret.id)}
            confirm={`Delete provider key '${secret.name}'? This cannot be undone.`}
            pendingLabel="Deleting…"
          >
            Delete key
          </ActionButton>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Rotate key" description="Replace the credentials. Requests use the new key immediately." />
          <CardBody>
            <ActionForm action={rotateSecretAction.bind(null, secret.id)} resetOnSuccess>
              <FormMessage />
              <CredentialFields provider={secret.provider} />
              <SubmitButton pendingLabel="Rotating…">Rotate key</SubmitButton>
            </ActionForm>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Name and settings" />
          <CardBody>
            <ActionForm action={updateSecretAction.bind(null, secret.id)}>
              <FormMessage />
              <Field label="Name" name="name">
                <Input id="name" name="name" defaultValue={secret.name} autoComplete="off" />
              </Field>
              <ConfigFields provider={secret.provider} initial={secret.config} />
              <SubmitButton>Save</SubmitButton>
            </ActionForm>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Used by"
            description={
              users.length
                ? "Endpoints whose models call the provider with this key. Remove it from them before deleting it."
                : "No endpoint uses this key."
            }
          />
          {users.length ? (
            <CardBody>
              <ul className="flex flex-wrap gap-2">
                {users.map((e) => (
                  <li key={e.id}>
                    <Link href={`/endpoints/${e.id}`} className="font-mono text-tremor-default text-tremor-brand hover:underline">
                      {e.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </CardBody>
          ) : null}
        </Card>
      </div>
    </>
  );
}
