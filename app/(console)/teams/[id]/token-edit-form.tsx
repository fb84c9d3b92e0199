"use client";

// The tokens table's editor for one team token: name and expiry (components/token-edit-form.tsx)
// and the endpoint restriction, posted as lib/teams/token-form.ts reads it: an explicit
// "All endpoints" / "Only these" choice (nothing ticked is not "all" here).

import { useState } from "react";
import { Alert } from "@/components/alert";
import { EndpointCheckboxes } from "@/components/endpoint-checkboxes";
import { FieldError } from "@/components/field";
import { Legend, RadioChoice } from "@/components/radio-choice";
import { TokenEditForm, type EditableToken } from "@/components/token-edit-form";
import type { FormAction } from "@/lib/console/form-state";

export interface EditableTeamToken extends EditableToken {
  /** null = all endpoints; [] = restricted to endpoints that were all deleted. */
  endpoints: string[] | null;
}

type EndpointsMode = "all" | "only";

function EndpointsFieldset({ token, endpoints }: { token: EditableTeamToken; endpoints: string[] }) {
  const [mode, setMode] = useState<EndpointsMode>(token.endpoints ? "only" : "all");
  return (
    <fieldset>
      <Legend>Allowed endpoints</Legend>
      {token.endpoints?.length === 0 ? (
        <div className="mb-2">
          <Alert tone="warning">Every endpoint this token was restricted to has been deleted: it may call none.</Alert>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-x-5 gap-y-1.5">
        <RadioChoice name="endpointsMode" value="all" checked={mode === "all"} onSelect={() => setMode("all")}>
          All endpoints, now and later
        </RadioChoice>
        <RadioChoice name="endpointsMode" value="only" checked={mode === "only"} onSelect={() => setMode("only")}>
          Only these:
        </RadioChoice>
      </div>
      <EndpointCheckboxes
        endpoints={endpoints}
        checked={new Set(token.endpoints ?? [])}
        onChange={() => setMode("only")}
        className={`mt-2 pl-6 ${mode === "all" ? "opacity-50" : ""}`}
      />
      <FieldError name="endpoints" nested />
    </fieldset>
  );
}

export function TeamTokenEditForm({ action, token, endpoints }: { action: FormAction; token: EditableTeamToken; endpoints: string[] }) {
  return (
    <TokenEditForm action={action} token={token} note="The token itself stays the same; the gateway applies the changes at once.">
      <EndpointsFieldset token={token} endpoints={endpoints} />
    </TokenEditForm>
  );
}
