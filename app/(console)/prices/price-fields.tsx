// The fields of an admin price (create and edit), named after lib/usage/schemas.ts.

import { Field } from "@/components/field";
import { Input, Select } from "@/components/input";
import { PROVIDER_OPTIONS } from "@/components/provider-names";
import type { PriceView } from "@/lib/usage/schemas";

const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function PriceFields({ initial }: { initial?: PriceView }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Field label="Provider" name="provider" hint="“Any provider” applies to every provider's model of that name.">
        <Select id="provider" name="provider" defaultValue={initial?.provider ?? "openai"}>
          <option value="*">Any provider (*)</option>
          {PROVIDER_OPTIONS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Model pattern" name="modelPattern" hint="A model id, or a glob with * (gpt-4o*). The most specific match wins.">
        <Input id="modelPattern" name="modelPattern" defaultValue={initial?.modelPattern} placeholder="gpt-4o-mini*" autoComplete="off" />
      </Field>
      <Field label="Input (USD / 1M tokens)" name="inputPerMillion">
        <Input id="inputPerMillion" name="inputPerMillion" inputMode="decimal" defaultValue={num(initial?.inputPerMillion)} placeholder="0.15" />
      </Field>
      <Field label="Output (USD / 1M tokens)" name="outputPerMillion">
        <Input id="outputPerMillion" name="outputPerMillion" inputMode="decimal" defaultValue={num(initial?.outputPerMillion)} placeholder="0.60" />
      </Field>
      <Field label="Cache read (USD / 1M tokens)" name="cacheReadPerMillion" hint="Empty = billed at the input price.">
        <Input id="cacheReadPerMillion" name="cacheReadPerMillion" inputMode="decimal" defaultValue={num(initial?.cacheReadPerMillion)} />
      </Field>
      <Field label="Cache write (USD / 1M tokens)" name="cacheWritePerMillion" hint="Empty = billed at the input price.">
        <Input id="cacheWritePerMillion" name="cacheWritePerMillion" inputMode="decimal" defaultValue={num(initial?.cacheWritePerMillion)} />
      </Field>
      <Field label="Source" name="source" hint="Where the price comes from: a contract, a URL… (default “admin”)." className="md:col-span-2">
        <Input id="source" name="source" defaultValue={initial?.source} placeholder="admin" autoComplete="off" />
      </Field>
    </div>
  );
}
