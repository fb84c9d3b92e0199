"use client";

// The credential and config inputs each provider needs. Input names are the schema paths.

import { useState } from "react";
import { Field } from "@/components/field";
import { Input } from "@/components/input";
import { FULL_MASK, MIN_PARTIAL_LENGTH } from "@/lib/crypto/mask";
import { AZURE_DEFAULT_API_VERSION, DEFAULT_ANTHROPIC_VERSION, GEMINI_DEFAULT_API_VERSION } from "@/lib/providers/api-versions";
import type { ProviderId } from "@/lib/providers/types";
import { formShowsConfigKey, type ConfigKey } from "@/lib/secrets/config-fields";

export interface SecretConfigValues {
  baseUrl?: string;
  apiVersion?: string;
  deployment?: string;
  region?: string;
  organization?: string;
  project?: string;
}

const API_KEY_PLACEHOLDER: Partial<Record<ProviderId, string>> = {
  openai: "sk-…",
  anthropic: "sk-ant-…",
  gemini: "AIza…",
  mistral: "Mistral API key",
  cohere: "Cohere API key",
  azure: "Azure OpenAI resource key",
};

const BASE_URL_HINT: Record<ProviderId, string> = {
  openai: "Optional. Default https://api.openai.com/v1 (include /v1, as in the OpenAI SDK).",
  anthropic: "Optional. Default https://api.anthropic.com (without /v1, as in the Anthropic SDK).",
  gemini: "Optional. Default https://generativelanguage.googleapis.com (without a version).",
  bedrock: "Optional. Overrides https://bedrock-runtime.<region>.amazonaws.com.",
  azure: "Required. Your resource, e.g. https://my-resource.openai.azure.com.",
  cohere: "Optional. Default https://api.cohere.com.",
  mistral: "Optional. Default https://api.mistral.ai/v1.",
  "openai-compatible": "Required. The server's OpenAI-style base URL, including /v1 (e.g. http://localhost:8000/v1).",
};

function Secret({ name, label, placeholder, hint }: { name: string; label: string; placeholder?: string; hint?: string }) {
  return (
    <Field label={label} name={name} hint={hint}>
      <Input id={name} name={name} type="password" autoComplete="new-password" spellCheck={false} placeholder={placeholder} />
    </Field>
  );
}

/** API key, or for Bedrock either IAM access keys or a Bedrock API key (bearer). */
export function CredentialFields({ provider }: { provider: ProviderId }) {
  const [bedrockAuth, setBedrockAuth] = useState<"iam" | "apiKey">("iam");
  if (provider !== "bedrock") {
    return (
      <Secret
        name="apiKey"
        label="API key"
        placeholder={API_KEY_PLACEHOLDER[provider] ?? "API key"}
        hint={`Encrypted at rest. After saving, only a mask is shown: the first 3 and last 4 characters (sk-...a1b2), or ${FULL_MASK} for a key under ${MIN_PARTIAL_LENGTH} characters.`}
      />
    );
  }
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="mb-1.5 font-medium text-tremor-content-strong">Bedrock authentication</legend>
        <div className="flex gap-6">
          {(
            [
              ["iam", "IAM access key"],
              ["apiKey", "Bedrock API key (bearer)"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="bedrockAuth"
                value={value}
                checked={bedrockAuth === value}
                onChange={() => setBedrockAuth(value)}
                className="h-4 w-4 border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted"
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {bedrockAuth === "iam" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Access key id" name="accessKeyId">
            <Input id="accessKeyId" name="accessKeyId" autoComplete="off" spellCheck={false} placeholder="AKIA…" />
          </Field>
          <Secret name="secretAccessKey" label="Secret access key" />
          <Secret name="sessionToken" label="Session token" hint="Optional: only for temporary credentials." />
        </div>
      ) : (
        <Secret name="apiKey" label="Bedrock API key" hint="Sent as a bearer token." />
      )}
    </div>
  );
}

function ConfigInput({ name, label, hint, placeholder, value }: { name: keyof SecretConfigValues; label: string; hint?: string; placeholder?: string; value?: string }) {
  const id = `config.${name}`;
  return (
    <Field label={label} name={id} hint={hint}>
      <Input id={id} name={id} defaultValue={value} placeholder={placeholder} autoComplete="off" spellCheck={false} />
    </Field>
  );
}

const API_VERSION_INPUT: Partial<Record<ProviderId, { placeholder: string; hint: string }>> = {
  azure: { placeholder: AZURE_DEFAULT_API_VERSION, hint: "Optional: the api-version query parameter." },
  anthropic: { placeholder: DEFAULT_ANTHROPIC_VERSION, hint: "Optional: the anthropic-version header." },
  gemini: { placeholder: GEMINI_DEFAULT_API_VERSION, hint: "Optional: the API version in the request path (e.g. v1)." },
};

/** Non-secret settings: the keys the provider's adapter reads (CONFIG_FORM_KEYS); saving keeps
 * every other stored key. */
export function ConfigFields({ provider, initial = {} }: { provider: ProviderId; initial?: SecretConfigValues }) {
  const shows = (key: ConfigKey) => formShowsConfigKey(provider, key);
  const apiVersion = API_VERSION_INPUT[provider];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {shows("region") ? <ConfigInput name="region" label="Region" placeholder="us-east-1" hint="Required." value={initial.region} /> : null}
      {shows("baseUrl") ? <ConfigInput name="baseUrl" label="Base URL" hint={BASE_URL_HINT[provider]} value={initial.baseUrl} /> : null}
      {shows("deployment") ? (
        <ConfigInput name="deployment" label="Deployment" hint="Optional: defaults to the endpoint's model name." value={initial.deployment} />
      ) : null}
      {shows("apiVersion") ? (
        <ConfigInput name="apiVersion" label="API version" placeholder={apiVersion?.placeholder} hint={apiVersion?.hint ?? "Optional."} value={initial.apiVersion} />
      ) : null}
      {shows("organization") ? (
        <ConfigInput name="organization" label="Organization" hint="Optional OpenAI organization id." value={initial.organization} />
      ) : null}
      {shows("project") ? <ConfigInput name="project" label="Project" hint="Optional OpenAI project id." value={initial.project} /> : null}
    </div>
  );
}
