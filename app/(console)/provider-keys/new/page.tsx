import type { Metadata } from "next";
import { Card, CardBody } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { createSecretAction } from "../actions";
import { SecretCreateForm } from "../secret-create-form";

export const metadata: Metadata = { title: "Add provider key" };

export default async function NewProviderKeyPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Add provider key" back={{ href: "/provider-keys", label: "Provider keys" }} />
      <Card>
        <CardBody className="py-6">
          <SecretCreateForm action={createSecretAction} />
        </CardBody>
      </Card>
    </>
  );
}
