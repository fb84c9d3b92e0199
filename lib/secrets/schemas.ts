// Input and output schemas of provider secrets, shared by the admin API, server actions and forms.

import { z } from "zod";
import { timestampSchema } from "../api/timestamp";
import { providerName } from "../providers/names";
import { PROVIDERS, type ProviderId } from "../providers/types";

export const providerSchema = z.enum(PROVIDERS).describe("Upstream provider");

export const secretNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .describe("Display name, unique");

/** An http(s) URL, stored without trailing slashes. */
export const httpUrlSchema = z
  .url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: "must be an http:// or https:// URL" })
  .transform((url) => url.replace(/\/+$/, ""));

const configValue = z.string().trim().min(1, "must not be empty").max(200);

/** Non-secret provider settings. Unknown keys are rejected so a credential can never land here in
 * plaintext by mistake. */
export const secretConfigSchema = z
  .strictObject({
    baseUrl: httpUrlSchema
      .optional()
      .describe("Provider base URL in the provider SDK's convention: OpenAI's includes /v1, Anthropic's and Gemini's do not"),
    apiVersion: configValue
      .optional()
      .describe("API version: Azure OpenAI's api-version, Anthropic's anthropic-version, Gemini's path version (v1beta by default)"),
    deployment: configValue.optional().describe("Azure OpenAI deployment (defaults to the model name)"),
    region: z
      .string()
      .trim()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be an AWS region such as us-east-1")
      .optional()
      .describe("AWS region (Bedrock)"),
    organization: configValue.optional().describe("OpenAI organization id"),
    project: configValue.optional().describe("OpenAI project id"),
  })
  .describe("Non-secret provider configuration");
export type SecretConfig = z.output<typeof secretConfigSchema>;

const credential = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/** Credential fields: `apiKey` for every provider (a bearer API key for Bedrock), or Bedrock IAM
 * credentials. Never returned by any API. */
export const credentialsShape = {
  apiKey: credential(8192).optional().describe("Provider API key (Bedrock: an API key used as a bearer token)"),
  accessKeyId: credential(256).optional().describe("AWS access key id (Bedrock only)"),
  secretAccessKey: credential(1024).optional().describe("AWS secret access key (Bedrock only)"),
  sessionToken: credential(8192).optional().describe("AWS session token (Bedrock only, optional)"),
};
export type CredentialsInput = {
  apiKey?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
};

export interface FieldIssue {
  path: string[];
  message: string;
}

// The messages below are read by people (the provider-key form shows them next to the fields; the
// API prefixes the field's path, e.g. "apiKey: API key is required for OpenAI keys"): fields are
// named as the form labels them, providers by their product names.

const FIELD_LABELS = {
  apiKey: "API key",
  accessKeyId: "Access key id",
  secretAccessKey: "Secret access key",
  sessionToken: "Session token",
} as const;

/** Which credential fields a provider needs. Paths are relative to the request body. */
export function credentialIssues(provider: ProviderId, c: CredentialsInput): FieldIssue[] {
  if (provider !== "bedrock") {
    const issues: FieldIssue[] = [];
    if (!c.apiKey) issues.push({ path: ["apiKey"], message: `API key is required for ${providerName(provider)} keys` });
    for (const field of ["accessKeyId", "secretAccessKey", "sessionToken"] as const) {
      if (c[field]) issues.push({ path: [field], message: `${FIELD_LABELS[field]} is only used by AWS Bedrock keys, not ${providerName(provider)} keys` });
    }
    return issues;
  }
  if (c.apiKey && (c.accessKeyId || c.secretAccessKey || c.sessionToken)) {
    return [{ path: ["apiKey"], message: "Give either a Bedrock API key or an access key id with its secret access key, not both" }];
  }
  if (c.apiKey) return [];
  if (!c.accessKeyId && !c.secretAccessKey) {
    return [{ path: ["accessKeyId"], message: "AWS Bedrock keys need an access key id and a secret access key, or a Bedrock API key" }];
  }
  if (!c.accessKeyId) return [{ path: ["accessKeyId"], message: "Access key id is required with a secret access key" }];
  if (!c.secretAccessKey) return [{ path: ["secretAccessKey"], message: "Secret access key is required with an access key id" }];
  return [];
}

/** Which config fields a provider needs. Paths are relative to `config`. */
export function configIssues(provider: ProviderId, config: SecretConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (provider === "bedrock" && !config.region) {
    issues.push({ path: ["region"], message: "Region is required for AWS Bedrock keys" });
  }
  if ((provider === "azure" || provider === "openai-compatible") && !config.baseUrl) {
    issues.push({ path: ["baseUrl"], message: `Base URL is required for ${providerName(provider)} keys` });
  }
  return issues;
}

export const createSecretSchema = z
  .strictObject({
    name: secretNameSchema,
    provider: providerSchema,
    ...credentialsShape,
    config: secretConfigSchema.default({}),
  })
  .superRefine(
    (value, ctx) => {
      for (const issue of credentialIssues(value.provider, value)) ctx.addIssue({ code: "custom", ...issue });
      for (const issue of configIssues(value.provider, value.config)) {
        ctx.addIssue({ code: "custom", path: ["config", ...issue.path], message: issue.message });
      }
    },
    // Also when another field (e.g. an empty name) failed, so a form shows every error at once;
    // the provider-specific rules need a valid provider and a config object.
    { when: ({ value }) => hasProviderAndConfig(value) },
  )
  .describe("Create a provider secret");

function hasProviderAndConfig(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { provider, config } = value as { provider?: unknown; config?: unknown };
  return providerSchema.safeParse(provider).success && typeof config === "object" && config !== null;
}
export type CreateSecretInput = z.input<typeof createSecretSchema>;

export const updateSecretSchema = z
  .strictObject({
    name: secretNameSchema.optional(),
    config: secretConfigSchema.optional().describe("Replaces the whole config object"),
  })
  .describe("Rename a secret or replace its config (credentials change through /rotate)");
export type UpdateSecretInput = z.input<typeof updateSecretSchema>;

export const rotateSecretSchema = z
  .strictObject(credentialsShape)
  .describe("New credentials for the secret (same rules as on create for its provider)");
export type RotateSecretInput = z.input<typeof rotateSecretSchema>;

export const secretSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    provider: providerSchema,
    maskedKey: z.string().describe("e.g. sk-...a1b2; the credential itself is never returned"),
    config: secretConfigSchema,
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe("A provider secret (credentials never included)");
