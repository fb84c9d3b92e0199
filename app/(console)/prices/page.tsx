import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ActionForm } from "@/components/action-form";
import { buttonClass } from "@/components/button";
import { Card, CardBody, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { formatDate } from "@/components/format";
import { FormMessage } from "@/components/form-message";
import { PageHeader } from "@/components/page-header";
import { providerName } from "@/components/provider-names";
import { SubmitButton } from "@/components/submit-button";
import { Table, TBody, TD, TH, THActions, THead, TR } from "@/components/table";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { builtinPrices, listPrices } from "@/lib/usage/price-service";
import { createPriceAction, deletePriceAction } from "./actions";
import { PriceFields } from "./price-fields";

export const metadata: Metadata = { title: "Prices" };

const usd = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `$${v}`);

export default async function PricesPage() {
  const actor = actorOf(await requireAdmin());
  const overrides = await listPrices(actor);
  const builtin = builtinPrices();
  return (
    <>
      <PageHeader
        title="Prices"
        description="USD per 1M tokens, used to compute each trace's cost when it is written. Your prices win over the built-in list; a change applies to requests from then on (stored costs are not recomputed). A model without any price has an unknown cost."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Your prices" description="Overrides and models missing from the built-in list (e.g. self-hosted ones)." />
          {overrides.length === 0 ? (
            <EmptyState title="No price overrides">Every cost comes from the built-in list below. Add a price for a negotiated rate or a model it does not know.</EmptyState>
          ) : (
            <Table>
              <THead>
                <TH>Provider</TH>
                <TH>Model pattern</TH>
                <TH className="text-right">Input</TH>
                <TH className="text-right">Output</TH>
                <TH className="text-right">Cache read</TH>
                <TH className="text-right">Cache write</TH>
                <TH>Source</TH>
                <TH>Updated</TH>
                <THActions />
              </THead>
              <TBody>
                {overrides.map((p) => (
                  <TR key={p.id}>
                    <TD>{p.provider === "*" ? "Any provider" : providerName(p.provider)}</TD>
                    <TD className="font-mono text-tremor-label">{p.modelPattern}</TD>
                    <TD className="text-right tabular-nums">{usd(p.inputPerMillion)}</TD>
                    <TD className="text-right tabular-nums">{usd(p.outputPerMillion)}</TD>
                    <TD className="text-right tabular-nums">{usd(p.cacheReadPerMillion)}</TD>
                    <TD className="text-right tabular-nums">{usd(p.cacheWritePerMillion)}</TD>
                    <TD className="max-w-[12rem] truncate text-tremor-content" title={p.source}>
                      {p.source}
                    </TD>
                    <TD className="whitespace-nowrap text-tremor-content">{formatDate(p.updatedAt)}</TD>
                    <TD className="whitespace-nowrap text-right">
                      <div className="flex items-start justify-end gap-2">
                        <Link href={`/prices/${p.id}`} className={buttonClass("secondary", "sm")}>
                          Edit
                        </Link>
                        <ActionButton
                          action={deletePriceAction.bind(null, p.id)}
                          confirm={`Delete the price for '${p.modelPattern}'? New requests fall back to the built-in price, if any.`}
                          pendingLabel="Deleting…"
                        >
                          Delete
                        </ActionButton>
                      </div>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
          <CardBody className="border-t border-tremor-border">
            <h3 className="mb-3 font-semibold text-tremor-content-strong">Add a price</h3>
            <ActionForm action={createPriceAction} resetOnSuccess>
              <FormMessage />
              <PriceFields />
              <SubmitButton>Add price</SubmitButton>
            </ActionForm>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Built-in prices" description={`List prices from each provider's pricing page, as of ${builtin.asOf}.`} />
          <Table>
            <THead>
              <TH>Providers</TH>
              <TH>Model pattern</TH>
              <TH className="text-right">Input</TH>
              <TH className="text-right">Output</TH>
              <TH className="text-right">Cache read</TH>
              <TH className="text-right">Cache write</TH>
              <TH>Long context</TH>
            </THead>
            <TBody>
              {builtin.data.map((p) => (
                <TR key={`${p.providers.join(",")}:${p.pattern}`}>
                  <TD className="whitespace-nowrap text-tremor-content">{p.providers.map(providerName).join(", ")}</TD>
                  <TD className="font-mono text-tremor-label">{p.pattern}</TD>
                  <TD className="text-right tabular-nums">{usd(p.input)}</TD>
                  <TD className="text-right tabular-nums">{usd(p.output)}</TD>
                  <TD className="text-right tabular-nums">{usd(p.cacheRead)}</TD>
                  <TD className="text-right tabular-nums">{usd(p.cacheWrite)}</TD>
                  <TD className="whitespace-nowrap text-tremor-label text-tremor-content">
                    {p.longContext ? `> ${p.longContext.aboveInputTokens.toLocaleString("en")} in: ${usd(p.longContext.input)} / ${usd(p.longContext.output)}` : "—"}
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
