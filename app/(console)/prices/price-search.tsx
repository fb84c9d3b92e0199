// The Prices page's search: a plain GET form (`?provider=&q=`), filtered on the server, so it works
// without JavaScript and a search can be shared as a link.

import { buttonClass } from "@/components/button";
import { Input, Select } from "@/components/input";
import { PROVIDER_OPTIONS } from "@/components/provider-names";
import type { PriceSearch } from "@/lib/usage/prices-filter";

export function PriceSearchForm({ search }: { search: PriceSearch }) {
  return (
    <form
      method="get"
      action="/prices"
      role="search"
      aria-label="Search prices"
      className="flex flex-wrap items-end gap-3 rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card"
    >
      <div className="w-48 space-y-1">
        <label htmlFor="price-provider" className="block text-tremor-label font-medium text-tremor-content">
          Provider
        </label>
        <Select id="price-provider" name="provider" defaultValue={search.provider} className="py-1.5">
          <option value="">All providers</option>
          {PROVIDER_OPTIONS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-[16rem] flex-1 space-y-1 sm:max-w-md">
        <label htmlFor="price-q" className="block text-tremor-label font-medium text-tremor-content">
          Model
        </label>
        <Input id="price-q" name="q" type="search" defaultValue={search.q} placeholder="A pattern or a model id, e.g. claude-sonnet-4-5" autoComplete="off" className="py-1.5" />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary", "md", "py-1.5")}>
          Search
        </button>
        <a href="/prices" className={buttonClass("ghost", "md", "py-1.5")}>
          Reset
        </a>
      </div>
    </form>
  );
}
