import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { Card, CardBody } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { getEndpoint } from "@/lib/endpoints/service";
import { listSecrets } from "@/lib/secrets/service";
import { deleteEndpointAction, updateEndpointAction } from "../actions";
import { EndpointForm } from "../endpoint-form";
import { OnlineRules } from "./online-rules";

export const metadata: Metadata = { title: "Edit endpoint" };

export default async function EditEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = actorOf(await requireAdmin());
  const endpoint = await orNotFound(getEndpoint(actor, id));
  const secrets = await listSecrets(actor);
  return (
    <>
      <PageHeader
        title={endpoint.name}
        description="Changes apply to the next request; no restart needed."
        back={{ href: "/endpoints", label: "Endpoints" }}
        actions={
          <ActionButton
            action={deleteEndpointAction.bind(null, endpoint.id)}
            confirm={`Delete endpoint '${endpoint.name}'? Clients calling it will get 404.`}
            pendingLabel="Deleting…"
          >
            Delete endpoint
          </ActionButton>
        }
      />
      <Card>
        <CardBody className="py-6">
          <EndpointForm
            action={updateEndpointAction.bind(null, endpoint.id)}
            secrets={secrets.map(({ id: secretId, name, provider, maskedKey }) => ({ id: secretId, name, provider, maskedKey }))}
            initial={{
              name: endpoint.name,
              kind: endpoint.kind,
              maxAttempts: endpoint.maxAttempts,
              timeoutMs: endpoint.timeoutMs,
              usageTracking: endpoint.usageTracking,
              capturePayloads: endpoint.capturePayloads,
              fallbackOn: endpoint.fallbackOn,
              models: endpoint.models.map(({ provider, model, secretId, weight, fallbackOrder }) => ({
                provider,
                model,
                secretId,
                weight,
                fallbackOrder,
              })),
            }}
            submitLabel="Save changes"
          />
        </CardBody>
      </Card>
      <div className="mt-6">
        <OnlineRules actor={actor} endpointId={endpoint.id} endpointKind={endpoint.kind} />
      </div>
    </>
  );
}
