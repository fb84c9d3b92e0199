// The admin API's OpenAPI 3.1 document, generated from the same zod schemas the API validates with
// (served at GET /api/v1/openapi.json).

import { z } from "zod";
import {
  adminTokenSchema,
  createAdminTokenSchema,
  teamTokenSchema,
  updateAdminTokenSchema,
  withTokenSchema,
} from "../auth/token-schemas";
import { createEndpointSchema, endpointSchema, updateEndpointSchema } from "../endpoints/schemas";
import { EVAL_OPENAPI_SCHEMAS, evalPaths } from "../eval/openapi";
import { createSecretSchema, rotateSecretSchema, secretSchema, updateSecretSchema } from "../secrets/schemas";
import { TRACING_OPENAPI_SCHEMAS, tracingPaths } from "../tracing/openapi";
import {
  addMemberSchema,
  createTeamSchema,
  createTeamTokenSchema,
  teamMemberSchema,
  teamSchema,
  updateTeamSchema,
  updateTeamTokenSchema,
} from "../teams/schemas";
import { createUserSchema, updateUserSchema, userSchema } from "../users/schemas";

const errorSchema = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string().describe("e.g. invalid_request_error, authentication_error, not_found_error"),
      code: z.string(),
      param: z.string().optional().describe("The offending field, e.g. models.0.secretId"),
    }),
  })
  .describe("Every error response");

const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) }).describe("A deleted object");
const removedMemberSchema = z
  .object({ teamId: z.string(), userId: z.string(), deleted: z.literal(true) })
  .describe("A removed team membership");

const SCHEMAS = {
  Error: errorSchema,
  Deleted: deletedSchema,
  RemovedMember: removedMemberSchema,
  Secret: secretSchema,
  CreateSecret: createSecretSchema,
  UpdateSecret: updateSecretSchema,
  RotateSecret: rotateSecretSchema,
  Endpoint: endpointSchema,
  CreateEndpoint: createEndpointSchema,
  UpdateEndpoint: updateEndpointSchema,
  Team: teamSchema,
  CreateTeam: createTeamSchema,
  UpdateTeam: updateTeamSchema,
  TeamMember: teamMemberSchema,
  AddMember: addMemberSchema,
  TeamToken: teamTokenSchema,
  CreatedTeamToken: withTokenSchema(teamTokenSchema),
  CreateTeamToken: createTeamTokenSchema,
  UpdateTeamToken: updateTeamTokenSchema,
  User: userSchema,
  CreateUser: createUserSchema,
  UpdateUser: updateUserSchema,
  AdminToken: adminTokenSchema,
  CreatedAdminToken: withTokenSchema(adminTokenSchema),
  CreateAdminToken: createAdminTokenSchema,
  UpdateAdminToken: updateAdminTokenSchema,
  ...TRACING_OPENAPI_SCHEMAS,
  ...EVAL_OPENAPI_SCHEMAS,
} satisfies Record<string, z.ZodType>;
type SchemaName = keyof typeof SCHEMAS;

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // Request bodies are documented as they are sent (`input`: defaults make fields optional).
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return out;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });

const ERRORS = {
  "400": "Malformed JSON",
  "401": "Missing, invalid, revoked or expired admin token",
  "403": "Not allowed (e.g. a team token, or a member acting as admin)",
  "404": "Not found",
  "409": "Conflict (duplicate name, in use, last admin)",
  "422": "Invalid field (see error.param)",
} as const;

interface Op {
  summary: string;
  body?: SchemaName;
  /** Schema of the query string: each property becomes a query parameter. */
  query?: z.ZodType;
  response: SchemaName;
  list?: boolean;
  status?: number;
  /** The response is not JSON but this media type (a string body), e.g. application/x-ndjson. */
  mediaType?: string;
}

/** A query schema's properties as OpenAPI query parameters (as sent: strings, defaults optional). */
function queryParameters(schema: z.ZodType) {
  const doc = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(doc.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: "query",
    required: doc.required?.includes(name) ?? false,
    ...(description ? { description } : {}),
    schema: property,
  }));
}

function operation(tag: string, params: string[], op: Op) {
  const status = String(op.status ?? 200);
  const content = op.list
    ? { type: "object", required: ["data"], properties: { data: { type: "array", items: ref(op.response) } } }
    : ref(op.response);
  return {
    tags: [tag],
    summary: op.summary,
    ...(params.length || op.query
      ? {
          parameters: [
            ...params.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
            ...(op.query ? queryParameters(op.query) : []),
          ],
        }
      : {}),
    ...(op.body ? { requestBody: { required: true, content: json(ref(op.body)) } } : {}),
    responses: {
      [status]: { description: op.summary, content: op.mediaType ? { [op.mediaType]: { schema: { type: "string" } } } : json(content) },
      ...Object.fromEntries(Object.entries(ERRORS).map(([code, description]) => [code, { description, content: json(ref("Error")) }])),
    },
  };
}

function path(tag: string, template: string, ops: Partial<Record<"get" | "post" | "patch" | "delete", Op>>) {
  const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return [template, Object.fromEntries(Object.entries(ops).map(([method, op]) => [method, operation(tag, params, op)]))] as const;
}

let cached: Record<string, unknown> | undefined;

/** Built once per process (the schemas are static). */
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildDocument();
  return cached;
}

function buildDocument(): Record<string, unknown> {
  const paths = Object.fromEntries([
    path("Secrets", "/secrets", {
      get: { summary: "List provider secrets", response: "Secret", list: true },
      post: { summary: "Create a provider secret", body: "CreateSecret", response: "Secret", status: 201 },
    }),
    path("Secrets", "/secrets/{id}", {
      get: { summary: "Get a provider secret", response: "Secret" },
      patch: { summary: "Rename a secret or replace its config", body: "UpdateSecret", response: "Secret" },
      delete: { summary: "Delete a secret no endpoint uses", response: "Deleted" },
    }),
    path("Secrets", "/secrets/{id}/rotate", {
      post: { summary: "Replace a secret's credentials", body: "RotateSecret", response: "Secret" },
    }),
    path("Endpoints", "/endpoints", {
      get: { summary: "List endpoints", response: "Endpoint", list: true },
      post: { summary: "Create an endpoint", body: "CreateEndpoint", response: "Endpoint", status: 201 },
    }),
    path("Endpoints", "/endpoints/{id}", {
      get: { summary: "Get an endpoint (by id or name)", response: "Endpoint" },
      patch: { summary: "Update an endpoint (models are replaced atomically)", body: "UpdateEndpoint", response: "Endpoint" },
      delete: { summary: "Delete an endpoint", response: "Deleted" },
    }),
    path("Teams", "/teams", {
      get: { summary: "List teams (members: their own)", response: "Team", list: true },
      post: { summary: "Create a team", body: "CreateTeam", response: "Team", status: 201 },
    }),
    path("Teams", "/teams/{id}", {
      get: { summary: "Get a team", response: "Team" },
      patch: { summary: "Rename a team", body: "UpdateTeam", response: "Team" },
      delete: { summary: "Delete a team with its tokens", response: "Deleted" },
    }),
    path("Teams", "/teams/{id}/members", {
      get: { summary: "List members", response: "TeamMember", list: true },
      post: { summary: "Add a member", body: "AddMember", response: "TeamMember", status: 201 },
    }),
    path("Teams", "/teams/{id}/members/{userId}", {
      get: { summary: "Get a member", response: "TeamMember" },
      delete: { summary: "Remove a member", response: "RemovedMember" },
    }),
    path("Team tokens", "/teams/{id}/tokens", {
      get: { summary: "List team tokens", response: "TeamToken", list: true },
      post: { summary: "Create a team token (returned once)", body: "CreateTeamToken", response: "CreatedTeamToken", status: 201 },
    }),
    path("Team tokens", "/teams/{id}/tokens/{tokenId}", {
      get: { summary: "Get a team token", response: "TeamToken" },
      patch: { summary: "Change a team token's name, expiry or endpoints (not if revoked)", body: "UpdateTeamToken", response: "TeamToken" },
      delete: { summary: "Revoke a team token", response: "TeamToken" },
    }),
    path("Users", "/users", {
      get: { summary: "List users", response: "User", list: true },
      post: { summary: "Create a user", body: "CreateUser", response: "User", status: 201 },
    }),
    path("Users", "/users/{id}", {
      get: { summary: "Get a user", response: "User" },
      patch: {
        summary: "Update a user (your own password: send currentPassword; a password change ends the user's sessions)",
        body: "UpdateUser",
        response: "User",
      },
      delete: { summary: "Delete a user (never the last admin)", response: "Deleted" },
    }),
    path("Admin tokens", "/admin-tokens", {
      get: { summary: "List admin API tokens", response: "AdminToken", list: true },
      post: { summary: "Create an admin API token (returned once)", body: "CreateAdminToken", response: "CreatedAdminToken", status: 201 },
    }),
    path("Admin tokens", "/admin-tokens/{id}", {
      get: { summary: "Get an admin API token", response: "AdminToken" },
      patch: { summary: "Change an admin API token's name or expiry (not if revoked)", body: "UpdateAdminToken", response: "AdminToken" },
      delete: { summary: "Revoke an admin API token", response: "AdminToken" },
    }),
    ...tracingPaths(path),
    ...evalPaths(path),
  ]);

  return {
    openapi: "3.1.0",
    info: {
      title: "Gatehouse admin API",
      version: "1",
      description:
        "Manage provider secrets, endpoints, teams, team tokens, users and admin tokens; read traces and usage; " +
        "set prices; run evaluations. Authenticate with `Authorization: Bearer gha_…` (an admin API token). " +
        "A query parameter sent empty (`from=`) counts as absent.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "Admin API token (gha_…)" } },
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, jsonSchema(schema)])),
    },
  };
}
