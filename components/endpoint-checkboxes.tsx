"use client";

// One checkbox per endpoint name, posted as `endpoints` (a team token's restriction on the create
// and edit forms), or a note when no endpoint exists yet.

export function EndpointCheckboxes({
  endpoints,
  checked,
  onChange,
  className = "",
}: {
  endpoints: string[];
  /** Ticked at first; none when omitted. */
  checked?: ReadonlySet<string>;
  onChange?: () => void;
  className?: string;
}) {
  if (endpoints.length === 0) return <p className={`text-tremor-label text-tremor-content ${className}`}>No endpoints exist yet.</p>;
  return (
    <div className={`flex flex-wrap gap-x-5 gap-y-2 ${className}`}>
      {endpoints.map((name) => (
        <label key={name} className="flex items-center gap-2">
          <input
            type="checkbox"
            name="endpoints"
            value={name}
            defaultChecked={checked?.has(name)}
            onChange={onChange}
            className="h-4 w-4 rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted"
          />
          <span className="font-mono text-tremor-label">{name}</span>
        </label>
      ))}
    </div>
  );
}
