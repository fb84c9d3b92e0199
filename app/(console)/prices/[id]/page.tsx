import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { ActionForm } from "@/components/action-form";
import { Card, CardBody, CardHeader } from "@/components/card";
import { formatDateTime } from "@/components/format";
import { FormMessage } from "@/components/form-message";
import { PageHeader } from "@/components/page-header";
import { SubmitButton } from "@/components/submit-button";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { getPrice } from "@/lib/usage/price-service";
import { deletePriceAction, updatePriceAction } from "../actions";
import { PriceFields } from "../price-fields";

export const metadata: Metadata = { title: "Edit price" };

export default async function PricePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const price = await orNotFound(getPrice(actorOf(await requireAdmin()), id));
  return (
    <>
      <PageHeader
        title={`Price for ${price.modelPattern}`}
        description={`Updated ${formatDateTime(price.updatedAt)}. A change applies to requests from then on.`}
        back={{ href: "/prices", label: "Prices" }}
        actions={
          <ActionButton action={deletePriceAction.bind(null, price.id)} confirm={`Delete the price for '${price.modelPattern}'?`} pendingLabel="Deleting…">
            Delete price
          </ActionButton>
        }
      />
      <Card>
        <CardHeader title="Edit price" />
        <CardBody>
          <ActionForm action={updatePriceAction.bind(null, price.id)}>
            <FormMessage />
            <PriceFields initial={price} />
            <SubmitButton>Save price</SubmitButton>
          </ActionForm>
        </CardBody>
      </Card>
    </>
  );
}
