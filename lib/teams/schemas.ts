// Input and output schemas of teams, members and team tokens.

import { z } from "zod";
import { timestampSchema } from "../api/timestamp";
import { expiresAtSchema, tokenNameSchema, tokenUpdateFields } from "../auth/token-schemas";
import { endpointNameSchema } from "../endpoints/schemas";

export const teamNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .describe("Team name, unique ignoring case");

export const createTeamSchema = z.strictObject({ name: teamNameSchema }).describe("Create a team");
export type CreateTeamInput = z.input<typeof createTeamSchema>;

export const updateTeamSchema = z.strictObject({ name: teamNameSchema.optional() }).describe("Rename a team");
export type UpdateTeamInput = z.input<typeof updateTeamSchema>;

export const addMemberSchema = z
  .strictObject({ userId: z.string().min(1, "must not be empty").describe("Id of an existing user") })
  .describe("Add a user to a team");
export type AddMemberInput = z.input<typeof addMemberSchema>;

/** The endpoints a team token may call, by name (stored as the endpoints' ids). */
const tokenEndpointsSchema = z
  .array(endpointNameSchema)
  .min(1, "list at least one endpoint (null = all endpoints)")
  .max(200);
const ENDPOINTS_RULE =
  "the restriction follows each endpoint through renames; a deleted endpoint drops out of it, and a new endpoint with its name is not covered";

export const createTeamTokenSchema = z
  .strictObject({
    name: tokenNameSchema,
    expiresAt: expiresAtSchema.nullable().optional(),
    endpoints: tokenEndpointsSchema
      .nullable()
      .optional()
      .describe(`Endpoint names this token may call (${ENDPOINTS_RULE}); omitted or null = all endpoints`),
  })
  .describe("Create a team token (gth_…) for the gateway");
export type CreateTeamTokenInput = z.input<typeof createTeamTokenSchema>;

export const updateTeamTokenSchema = z
  .strictObject({
    ...tokenUpdateFields,
    endpoints: tokenEndpointsSchema
      .nullable()
      .optional()
      .describe(`Replaces the endpoint names this token may call (${ENDPOINTS_RULE}); null = all endpoints; omitted = unchanged`),
  })
  .describe("Change a team token's name, expiry or endpoints (the token itself stays the same; a revoked token cannot be changed)");
export type UpdateTeamTokenInput = z.input<typeof updateTeamTokenSchema>;

export const teamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    memberCount: z.int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe("A team");

export const teamMemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z
      .enum(["admin", "member"])
      .describe("The user's console role (teams have no roles of their own; change it with PATCH /users/{id})"),
    addedAt: timestampSchema,
  })
  .describe("A member of a team");
