"use client";

import { useState } from "react";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { buttonClass } from "@/components/button";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Input, Select } from "@/components/input";
import { PROVIDER_OPTIONS } from "@/components/provider-names";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";
import type { ProviderId } from "@/lib/providers/types";
import { ConfigFields, CredentialFields } from "./secret-fields";

export function SecretCreateForm({ action }: { action: FormAction }) {
  const [provider, setProvider] = useState<ProviderId>("openai");
  return (
    // Errors of the credential and settings fields belong to the provider they were made for.
    <ActionForm action={action} className="space-y-6" scope={provider} scopeFree={["name"]}>
      <FormMessage summary />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Name" name="name" hint="Unique; shown when picking a key for an endpoint.">
          <Input id="name" name="name" placeholder="openai-prod" autoComplete="off" />
        </Field>
        <Field label="Provider" name="provider">
          <Select id="provider" name="provider" value={provider} onChange={(e) => setProvider(e.target.value as ProviderId)}>
            {PROVIDER_OPTIONS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <section className="space-y-4 border-t border-tremor-border pt-5">
        <h3 className="font-semibold text-tremor-content-strong">Credentials</h3>
        {/* key: switching provider clears typed credentials instead of carrying them over */}
        <CredentialFields key={provider} provider={provider} />
      </section>
      <section className="space-y-4 border-t border-tremor-border pt-5">
        <h3 className="font-semibold text-tremor-content-strong">Settings</h3>
        <ConfigFields key={provider} provider={provider} />
      </section>
      <div className="flex items-center gap-3 border-t border-tremor-border pt-5">
        <SubmitButton>Save provider key</SubmitButton>
        <Link href="/provider-keys" className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </ActionForm>
  );
}
