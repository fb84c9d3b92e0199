// Input and output schemas of endpoints (what clients call as `model`), shared by the admin API,
// server actions and forms.

import { z } from "zod";
import { timestampSchema } from "../api/timestamp";
import { DEFAULT_FALLBACK_LABEL } from "../gateway/fallback-statuses";
import { providerSchema } from "../secrets/schemas";

export const ENDPOINT_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/;
export const ENDPOINT_KINDS = ["chat", "embeddings"] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];
export const MAX_MODELS_PER_ENDPOINT = 50;

export const endpointNameSchema = z
  .string()
  .regex(
    ENDPOINT_NAME_PATTERN,
    "must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit",
  )
  .describe("URL-safe unique name; clients send it as `model`");

export const endpointModelInputSchema = z
  .strictObject({
    provider: providerSchema,
    model: z.string().trim().min(1, "must not be empty").max(200).describe("The provider's model name"),
    secretId: z.string().min(1, "must not be empty").describe("Id of a secret of the same provider"),
    weight: z
      .number()
      .min(0, "must be >= 0")
      .max(1_000_000)
      .optional()
      .describe(
        "Relative share of primary traffic (normalised to percentages summing to 100). " +
          "Defaults to 1, or 0 when fallbackOrder is set; 0 = fallback only",
      ),
    fallbackOrder: z
      .int()
      .min(0)
      .max(100)
      .nullable()
      .optional()
      .describe("Position in the fallback chain (0 = tried first after the primary group fails)"),
  })
  .describe("One upstream model of an endpoint");
export type EndpointModelInput = z.input<typeof endpointModelInputSchema>;

/** Weight a model gets when none is given: primary (1) unless it is declared as a fallback. */
export function effectiveWeight(m: Pick<EndpointModelInput, "weight" | "fallbackOrder">): number {
  return m.weight ?? (m.fallbackOrder == null ? 1 : 0);
}

const modelsSchema = z
  .array(endpointModelInputSchema)
  .min(1, "at least one model is required")
  .max(MAX_MODELS_PER_ENDPOINT)
  .superRefine((models, ctx) => {
    if (!models.some((m) => effectiveWeight(m) > 0)) {
      ctx.addIssue({ code: "custom", message: "at least one model needs a weight > 0 (the primary group)" });
    }
    const seen = new Map<number, number>();
    models.forEach((m, i) => {
      if (effectiveWeight(m) === 0 && m.fallbackOrder == null) {
        ctx.addIssue({
          code: "custom",
          path: [i, "weight"],
          message: "a model with weight 0 needs a fallbackOrder, otherwise it never receives traffic",
        });
      }
      if (m.fallbackOrder != null) {
        const other = seen.get(m.fallbackOrder);
        if (other !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [i, "fallbackOrder"],
            message: `fallbackOrder ${m.fallbackOrder} is already used by models.${other}`,
          });
        }
        seen.set(m.fallbackOrder, i);
      }
    });
  })
  .describe("Upstream models: the weighted primary group and the ordered fallback chain");

const STATUS_MESSAGE = "Must be an HTTP status from 400 to 599";

const fallbackOnSchema = z
  .array(z.int({ error: STATUS_MESSAGE }).min(400, STATUS_MESSAGE).max(599, STATUS_MESSAGE))
  .max(200)
  .nullable()
  .describe(`Upstream HTTP statuses that trigger fallback; null = ${DEFAULT_FALLBACK_LABEL}`);

const settings = {
  kind: z.enum(ENDPOINT_KINDS).describe("chat (/chat/completions) or embeddings (/embeddings)"),
  models: modelsSchema,
  maxAttempts: z.int().min(1).max(10).describe("Upstream attempts per request, across retries and fallbacks"),
  timeoutMs: z.int().min(1000).max(600_000).describe("Timeout of one upstream attempt, in milliseconds"),
  usageTracking: z.boolean().describe("Record tokens and cost of each call"),
  capturePayloads: z.boolean().describe("Store request and response bodies in traces"),
  fallbackOn: fallbackOnSchema,
};

export const createEndpointSchema = z
  .strictObject({
    name: endpointNameSchema,
    kind: settings.kind,
    models: settings.models,
    maxAttempts: settings.maxAttempts.default(3),
    timeoutMs: settings.timeoutMs.default(60_000),
    usageTracking: settings.usageTracking.default(true),
    capturePayloads: settings.capturePayloads.default(true),
    fallbackOn: settings.fallbackOn.optional(),
  })
  .describe("Create an endpoint");
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

export const updateEndpointSchema = z
  .strictObject({
    name: endpointNameSchema.optional(),
    kind: settings.kind.optional(),
    models: settings.models.optional().describe("Replaces the whole list of models"),
    maxAttempts: settings.maxAttempts.optional(),
    timeoutMs: settings.timeoutMs.optional(),
    usageTracking: settings.usageTracking.optional(),
    capturePayloads: settings.capturePayloads.optional(),
    fallbackOn: settings.fallbackOn.optional(),
  })
  .describe("Change an endpoint; `models`, when given, replaces the list atomically");
export type UpdateEndpointInput = z.input<typeof updateEndpointSchema>;

export const endpointSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ENDPOINT_KINDS),
    maxAttempts: z.int(),
    timeoutMs: z.int(),
    usageTracking: z.boolean(),
    capturePayloads: z.boolean(),
    fallbackOn: z.array(z.int()).nullable(),
    models: z.array(
      z.object({
        id: z.string(),
        provider: providerSchema,
        model: z.string(),
        secretId: z.string(),
        secretName: z.string(),
        weight: z.int().describe("Percentage of primary traffic; 0 = fallback only"),
        fallbackOrder: z.int().nullable(),
        position: z.int(),
      }),
    ),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe("An endpoint");
