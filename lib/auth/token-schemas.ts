// Schemas shared by team tokens (lib/teams) and admin API tokens (lib/auth/admin-tokens.ts).

import { z } from "zod";
import { timestampSchema } from "../api/timestamp";

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .describe("What the token is for");

/** ISO 8601 date-time (with offset) or date (midnight UTC), strictly in the future. */
export const expiresAtSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "must be an ISO 8601 date or date-time, e.g. 2030-01-31 or 2030-01-31T12:00:00Z",
  })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now(), "must be in the future")
  .describe("When the token stops working (ISO 8601); omitted or null = never");

export const createAdminTokenSchema = z
  .strictObject({
    name: tokenNameSchema,
    expiresAt: expiresAtSchema.nullable().optional(),
  })
  .describe("Create an admin API token (gha_…)");
export type CreateAdminTokenInput = z.input<typeof createAdminTokenSchema>;

/** The fields every token kind's PATCH takes (team tokens add their endpoint restriction). */
export const tokenUpdateFields = {
  name: tokenNameSchema.optional(),
  expiresAt: expiresAtSchema
    .nullable()
    .optional()
    .describe("When the token stops working (ISO 8601, in the future); null = never; omitted = unchanged"),
};

export const updateAdminTokenSchema = z
  .strictObject(tokenUpdateFields)
  .describe("Change an admin API token's name or expiry (the token itself stays the same; a revoked token cannot be changed)");
export type UpdateAdminTokenInput = z.input<typeof updateAdminTokenSchema>;

const tokenFields = {
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The first 12 characters of the token"),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  expiresAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
};

export const adminTokenSchema = z
  .object({
    ...tokenFields,
    createdById: z
      .string()
      .nullable()
      .describe(
        "The user the token acts for (its creator, or the creator of the admin token used to create it): it works only while that user is an active admin; null = no user (GATEHOUSE_INIT_ADMIN_TOKEN without an initial admin)",
      ),
  })
  .describe("An admin API token (the token itself is only returned on creation)");

export const teamTokenSchema = z
  .object({
    ...tokenFields,
    teamId: z.string(),
    endpoints: z.array(z.string()).nullable().describe("Endpoint names the token may call; null = all"),
  })
  .describe("A team token (the token itself is only returned on creation)");

/** The creation response: the only time the full token is ever returned. */
export const withTokenSchema = <T extends z.ZodObject>(schema: T) =>
  schema.extend({ token: z.string().describe("The full token. Shown once: store it now.") });
