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
import { filterBuiltinPrices, filterPriceOverrides, isPriceSearchActive, parsePriceSearch } from "@/lib/usage/prices-filter";
import type { TokenPrices } from "@/lib/usage/prices-table";
import { createPriceAction, deletePriceAction } from "./actions";
import { PriceFields } from "./price-fields";
import { PriceSearchForm } from "./price-search";

import { formatUsd } from "@/lib/usage/display";

export const metadata: Metadata = { title: "Prices" };

/** A configured price, every digit of it, in the console's money format ("$0.20", "$1.875"). */
const usd = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatUsd(v, { exact: true }));

/** 200000 → "200K", 1000000 → "1M". */
const tokens = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}K` : n.toLocaleString("en"));

type LongContext = TokenPrices & { aboveInputTokens: number };

/** A built-in price, with its long-context tier (if any) as a small second line. */
function PriceCell({ value, long, above }: { value: number | undefined; long: number | undefined; above: number | undefined }) {
  return (
    <TD className="whitespace-nowrap text-right tabular-nums">
      {usd(value)}
      {long !== undefined && above !== undefined ? (
        <span className="block text-tremor-label text-tremor-content" title={`Prompts above ${above.toLocaleString("en")} input tokens`} data-long-context>
          {usd(long)} &gt;{tokens(above)}
        </span>
      ) : null}
    </TD>
  );
}

/** A price column's header with its unit (the cells show dollars per million tokens) on a second
 * line, so the header is no wider than its label. */
const perMillion = (label: string) => (
  <>
    {label} <span className="block whitespace-nowrap normal-case tracking-normal">per 1M tokens</span>
  </>
);

const count = (shown: number, total: number, noun: string) => (shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`);

export default async function PricesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = actorOf(await requireAdmin());
  const search = parsePriceSearch(await searchParams);
  const searching = isPriceSearchActive(search);
  const allOverrides = await listPrices(actor);
  const overrides = filterPriceOverrides(allOverrides, search);
  const builtin = builtinPrices();
  const builtinRows = filterBuiltinPrices(builtin.data, search);
  const lc = (p: { longContext?: LongContext }, key: keyof TokenPrices) => p.longContext?.[key];
  return (
    <>
      <PageHeader
        title="Prices"
        description="USD per 1M tokens, used to compute each trace's cost when it is written. Your prices win over the built-in list; a change applies to requests from then on (stored costs are not recomputed). A model without any price has an unknown cost."
      />
      <div className="space-y-6">
        <PriceSearchForm search={search} />
        <Card>
          <CardHeader
            title="Your prices"
            description={
              <>
                Overrides and models missing from the built-in list (e.g. self-hosted ones).
                {searching && allOverrides.length > 0 ? ` Showing ${count(overrides.length, allOverrides.length, "prices")}.` : null}
              </>
            }
          />
          {allOverrides.length === 0 ? (
            <EmptyState title="No price overrides">Every cost comes from the built-in list below. Add a price for a negotiated rate or a model it does not know.</EmptyState>
          ) : overrides.length === 0 ? (
            <EmptyState title="No matching price override" action={<Link href="/prices" className={buttonClass("secondary", "sm")}>Show all prices</Link>}>
              None of your prices matches this search. To override the built-in price below, add one for this model.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <TH>Provider</TH>
                <TH>Model pattern</TH>
                <TH className="text-right">{perMillion("Input")}</TH>
                <TH className="text-right">{perMillion("Output")}</TH>
                <TH className="text-right">{perMillion("Cache read")}</TH>
                <TH className="text-right">{perMillion("Cache write")}</TH>
                <TH>Source</TH>
                <TH>Updated</TH>
                <THActions />
              </THead>
              <TBody>
                {overrides.map((p) => (
                  <TR key={p.id}>
                    <TD className="whitespace-nowrap">{p.provider === "*" ? "Any provider" : providerName(p.provider)}</TD>
                    <TD className="max-w-[20rem] truncate font-mono text-tremor-label" title={p.modelPattern}>
                      {p.modelPattern}
                    </TD>
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
          <CardHeader
            title="Built-in prices"
            description={`List prices from each provider's pricing page, as of ${formatDate(builtin.asOf)}. ${count(builtinRows.length, builtin.data.length, "entries")}; a second line is the long-context price, for prompts above that many input tokens.`}
          />
          {builtinRows.length === 0 ? (
            <EmptyState title="No matching built-in price" action={<Link href="/prices" className={buttonClass("secondary", "sm")}>Show all prices</Link>}>
              No built-in price matches this search. A model without any price has an unknown cost: add one above.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <TH>Providers</TH>
                <TH>Model pattern</TH>
                <TH className="text-right">{perMillion("Input")}</TH>
                <TH className="text-right">{perMillion("Output")}</TH>
                <TH className="text-right">{perMillion("Cache read")}</TH>
                <TH className="text-right">{perMillion("Cache write")}</TH>
              </THead>
              <TBody>
                {builtinRows.map((p) => (
                  <TR key={`${p.providers.join(",")}:${p.pattern}`}>
                    <TD className="whitespace-nowrap text-tremor-content">{p.providers.map(providerName).join(", ")}</TD>
                    <TD className="max-w-[24rem] truncate font-mono text-tremor-label" title={p.pattern}>
                      {p.pattern}
                    </TD>
                    <PriceCell value={p.input} long={lc(p, "input")} above={p.longContext?.aboveInputTokens} />
                    <PriceCell value={p.output} long={lc(p, "output")} above={p.longContext?.aboveInputTokens} />
                    <PriceCell value={p.cacheRead} long={lc(p, "cacheRead")} above={p.longContext?.aboveInputTokens} />
                    <PriceCell value={p.cacheWrite} long={lc(p, "cacheWrite")} above={p.longContext?.aboveInputTokens} />
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
