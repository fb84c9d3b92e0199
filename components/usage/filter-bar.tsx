"use client";

// The filters of the dashboard and the trace explorer: a GET form, so every view lives in the URL
// and can be shared. With JavaScript, empty fields are left out of the URL and picking a preset
// range clears a custom from/to.

import { useRouter } from "next/navigation";
import { useRef, type FormEvent, type ReactNode } from "react";
import { buttonClass } from "@/components/button";
import { Input, Select } from "@/components/input";
import { PROVIDER_OPTIONS } from "@/components/provider-names";
import { datetimeLocalValue } from "@/lib/usage/display";

export interface FilterOptions {
  endpoints: string[];
  teams: { id: string; name: string }[];
  models: string[];
}

const RANGES = [
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
];

function Labeled({ label, htmlFor, children, className = "" }: { label: string; htmlFor: string; children: ReactNode; className?: string }) {
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={htmlFor} className="block text-tremor-label font-medium text-tremor-content">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A select whose current value is kept even when it is not among the options (a shared link). */
function OptionSelect({ id, name, value, all, options }: { id: string; name: string; value: string; all: string; options: { value: string; label: string }[] }) {
  const known = !value || options.some((o) => o.value === value);
  return (
    <Select id={id} name={name} defaultValue={value} className="py-1.5">
      <option value="">{all}</option>
      {known ? null : <option value={value}>{value}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}

export function FilterBar({
  action,
  values,
  options,
  defaultRange,
  children,
}: {
  /** Path the form submits to ("/" or "/traces"). */
  action: string;
  /** Current filter values from the URL. */
  values: Record<string, string>;
  options: FilterOptions;
  /** The preset shown when the URL names no range (the dashboard's default is 24h). */
  defaultRange?: string;
  /** Page-specific fields (status, latency, search). */
  children?: ReactNode;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const custom = Boolean(values.from || values.to);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.append(key, value.trim());
    }
    if (params.has("from") || params.has("to")) params.delete("range");
    const qs = params.toString();
    router.push(qs ? `${action}?${qs}` : action);
  };

  const onRange = () => {
    const form = formRef.current;
    if (!form) return;
    for (const name of ["from", "to"]) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement) input.value = "";
    }
  };

  return (
    <form ref={formRef} method="get" action={action} onSubmit={onSubmit} role="search" aria-label="Filters" className="rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
        <Labeled label="Time range" htmlFor="f-range">
          <Select id="f-range" name="range" defaultValue={custom ? "" : (values.range ?? defaultRange ?? "")} onChange={onRange} className="py-1.5">
            {custom || !defaultRange ? <option value="">{custom ? "Custom (from–to)" : "Any time"}</option> : null}
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </Select>
        </Labeled>
        <Labeled label="From (UTC)" htmlFor="f-from">
          <Input id="f-from" name="from" type="datetime-local" defaultValue={datetimeLocalValue(values.from)} className="px-2 py-2 !text-tremor-label" />
        </Labeled>
        <Labeled label="To (UTC)" htmlFor="f-to">
          <Input id="f-to" name="to" type="datetime-local" defaultValue={datetimeLocalValue(values.to)} className="px-2 py-2 !text-tremor-label" />
        </Labeled>
        <Labeled label="Endpoint" htmlFor="f-endpoint">
          <OptionSelect id="f-endpoint" name="endpoint" value={values.endpoint ?? ""} all="All endpoints" options={options.endpoints.map((e) => ({ value: e, label: e }))} />
        </Labeled>
        <Labeled label="Team" htmlFor="f-team">
          <OptionSelect id="f-team" name="team" value={values.team ?? ""} all="All teams" options={options.teams.map((t) => ({ value: t.id, label: t.name }))} />
        </Labeled>
        <Labeled label="Provider" htmlFor="f-provider">
          <OptionSelect id="f-provider" name="provider" value={values.provider ?? ""} all="All providers" options={PROVIDER_OPTIONS.map((p) => ({ value: p.id, label: p.name }))} />
        </Labeled>
        <Labeled label="Model" htmlFor="f-model">
          <Input id="f-model" name="model" list="f-model-options" defaultValue={values.model ?? ""} placeholder="Any model" className="py-1.5" />
          <datalist id="f-model-options">
            {options.models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </Labeled>
        <Labeled label="Caller" htmlFor="f-caller">
          <Input id="f-caller" name="caller" list="f-caller-options" defaultValue={values.caller ?? ""} placeholder="Any caller" className="py-1.5" />
          <datalist id="f-caller-options">
            <option value="judge" />
          </datalist>
        </Labeled>
        <Labeled label="Exclude caller" htmlFor="f-exclude-caller">
          <Input id="f-exclude-caller" name="excludeCaller" list="f-caller-options" defaultValue={values.excludeCaller ?? ""} placeholder="e.g. judge" className="py-1.5" />
        </Labeled>
        {children}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary", "md", "py-1.5")}>
            Apply
          </button>
          <a href={action} className={buttonClass("ghost", "md", "py-1.5")}>
            Reset
          </a>
        </div>
      </div>
    </form>
  );
}

export { Labeled as FilterField };
