import type { Metadata } from "next";
import { Card, CardBody } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { listSecrets } from "@/lib/secrets/service";
import { createEndpointAction } from "../actions";
import { EndpointForm } from "../endpoint-form";
import { NoKeysNotice } from "../no-keys-notice";

export const metadata: Metadata = { title: "New endpoint" };

export default async function NewEndpointPage() {
  const user = await requireAdmin();
  const secrets = await listSecrets(actorOf(user));
  return (
    <>
      <PageHeader title="New endpoint" back={{ href: "/endpoints", label: "Endpoints" }} />
      {secrets.length === 0 ? <NoKeysNotice /> : null}
      <Card>
        <CardBody className="py-6">
          <EndpointForm
            action={createEndpointAction}
            secrets={secrets.map(({ id, name, provider, maskedKey }) => ({ id, name, provider, maskedKey }))}
            submitLabel="Create endpoint"
          />
        </CardBody>
      </Card>
    </>
  );
}
