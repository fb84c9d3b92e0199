"use client";

// The filters of the dashboard and the trace explorer: a GET form, so every view lives in the URL
// and can be shared. With JavaScript, empty fields are left out of the URL, picking a preset range
// clears a custom from/to and typing a from/to shows the range as custom. The form is remounted
// when the URL's filters change, so its fields always show the view on screen (a client-side
// navigation keeps uncontrolled fields as they were). A 12-column grid at md and up: the from/to
// inputs are wider than the other fields (a datetime-local input needs ~11.5rem in en-US).

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { buttonClass } from "@/components/button";
import { Input, Select } from "@/components/input";
import { PROVIDER_OPTIONS } from "@/components/provider-names";
import { teamFilterChoice, type FilterFieldErrors } from "@/lib/console/filters";
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

/** How many grid columns a field takes: most fields 1 of 2 / 3 of 12 / 2 of 12 (xl); the time
 * fields a third of the row below xl and 3 of 12 at xl; a wide one (text search) a half / a third. */
const SPANS = {
  normal: "md:col-span-3 xl:col-span-2",
  /** The provider select: "OpenAI-compatible" needs more than 2 of 12 columns at 1366px. */
  provider: "md:col-span-3",
  range: "col-span-2 md:col-span-4 xl:col-span-2",
  time: "col-span-2 md:col-span-4 xl:col-span-3",
  wide: "col-span-2 md:col-span-6 xl:col-span-4",
} as const;

export type FilterFieldSpan = keyof typeof SPANS;

function Labeled({
  label,
  htmlFor,
  children,
  span = "normal",
  error,
  invalid = Boolean(error),
  className = "",
}: {
  label: string;
  htmlFor: string;
  children: ReactNode;
  span?: FilterFieldSpan;
  /** More classes on the field's wrapper (its grid width is `span`). */
  className?: string;
  /** A message under the control, which turns red (the Input / Select classes read data-invalid). */
  error?: string;
  /** Red without a message of its own (the other half of a from–to pair). */
  invalid?: boolean;
}) {
  return (
    <div className={`group space-y-1 ${SPANS[span]} ${className}`} data-invalid={invalid ? "true" : undefined}>
      <label htmlFor={htmlFor} className="block text-tremor-label font-medium text-tremor-content">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${htmlFor}-error`} role="alert" className="text-tremor-label text-red-600" data-field-error={htmlFor}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A select whose current value is kept even when it is not among the options (a shared link). */
function OptionSelect({
  id,
  name,
  value,
  all,
  options,
  describedBy,
}: {
  id: string;
  name: string;
  value: string;
  all: string;
  options: { value: string; label: string }[];
  describedBy?: string;
}) {
  const known = !value || options.some((o) => o.value === value);
  return (
    <Select id={id} name={name} defaultValue={value} className="py-1.5" aria-invalid={describedBy ? true : undefined} aria-describedby={describedBy}>
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

interface FilterBarProps {
  /** Path the form submits to ("/" or "/traces"). */
  action: string;
  /** Current filter values from the URL. */
  values: Record<string, string>;
  options: FilterOptions;
  /** The preset shown when the URL names no range (the dashboard's default is 24h). */
  defaultRange?: string;
  /** Errors of the time fields, shown under them: a from / to that is not a date, or a pair out of
   * order ("From must be before To" under From, both inputs red). */
  errors?: FilterFieldErrors;
  /** Page-specific fields (status, latency, search). */
  children?: ReactNode;
}

export function FilterBar(props: FilterBarProps) {
  // A new URL (a submission, a link, back / forward) remounts the form: its fields show the URL.
  const key = JSON.stringify(Object.entries(props.values).sort(([a], [b]) => a.localeCompare(b)));
  return <FilterForm key={key} {...props} />;
}

function FilterForm({ action, values, options, defaultRange, errors = {}, children }: FilterBarProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  // A custom from/to overrides the preset: the range select says so as soon as one is typed.
  const [custom, setCustom] = useState(Boolean(values.from || values.to));
  const preset = values.range ?? defaultRange ?? "";
  const [range, setRange] = useState(custom ? "" : preset);

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

  const dateInputs = (): HTMLInputElement[] => {
    const form = formRef.current;
    if (!form) return [];
    return ["from", "to"].map((name) => form.elements.namedItem(name)).filter((el): el is HTMLInputElement => el instanceof HTMLInputElement);
  };

  const onRange = (value: string) => {
    setRange(value);
    if (value === "") return;
    for (const input of dateInputs()) input.value = "";
    setCustom(false);
  };

  const onDate = () => {
    const filled = dateInputs().some((input) => input.value !== "");
    setCustom(filled);
    if (filled) setRange("");
    else if (range === "") setRange(preset);
  };

  const fromError = errors.from ?? errors.fromTo;
  // A team id or name the user cannot pick (deleted, mistyped) is not offered as an option.
  const team = teamFilterChoice(values.team, options.teams);
  // The URL's filter still applies (a deleted team's id finds its traffic); the select shows
  // "All teams", so Apply clears it.
  const teamError = team.unknown.length ? `Unknown team ${team.unknown.map((t) => `“${t}”`).join(", ")}` : undefined;
  const describedBy = (own: string | undefined, id: string) => (own ? `${id}-error` : errors.fromTo ? "f-from-error" : undefined);
  /** A from / to field: `error` is its own message, `invalid` also covers the pair's (shown under From). */
  const timeField = (name: "from" | "to", label: string, error: string | undefined, invalid: boolean) => (
    <Labeled label={label} htmlFor={`f-${name}`} span="time" error={error} invalid={invalid}>
      <Input
        id={`f-${name}`}
        name={name}
        type="datetime-local"
        defaultValue={datetimeLocalValue(values[name])}
        onChange={onDate}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy(error, `f-${name}`)}
        className="px-2 py-2 !text-tremor-label"
      />
    </Labeled>
  );
  return (
    <form ref={formRef} method="get" action={action} onSubmit={onSubmit} role="search" aria-label="Filters" className="rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-12">
        <Labeled label="Time range" htmlFor="f-range" span="range">
          <Select id="f-range" name="range" value={range} onChange={(e) => onRange(e.target.value)} className="py-1.5">
            {custom || !defaultRange ? <option value="">{custom ? "Custom range" : "Any time"}</option> : null}
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </Select>
        </Labeled>
        {timeField("from", "From (UTC)", fromError, Boolean(fromError))}
        {timeField("to", "To (UTC)", errors.to, Boolean(errors.to ?? errors.fromTo))}
        <Labeled label="Endpoint" htmlFor="f-endpoint">
          <OptionSelect id="f-endpoint" name="endpoint" value={values.endpoint ?? ""} all="All endpoints" options={options.endpoints.map((e) => ({ value: e, label: e }))} />
        </Labeled>
        <Labeled label="Team" htmlFor="f-team" error={teamError}>
          <OptionSelect
            id="f-team"
            name="team"
            value={team.value}
            all="All teams"
            options={[...(team.label ? [{ value: team.value, label: team.label }] : []), ...options.teams.map((t) => ({ value: t.id, label: t.name }))]}
            describedBy={teamError ? "f-team-error" : undefined}
          />
        </Labeled>
        <Labeled label="Provider" htmlFor="f-provider" span="provider">
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
        <div className={`flex items-end gap-2 ${SPANS.normal}`}>
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
