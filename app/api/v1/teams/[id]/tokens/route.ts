import { apiRoute, listOf } from "@/lib/api/route";
import { createTeamTokenSchema } from "@/lib/teams/schemas";
import { createTeamToken, listTeamTokens } from "@/lib/teams/tokens";

export const GET = apiRoute({}, ({ actor, params }) => listOf(listTeamTokens(actor, params.id)));
export const POST = apiRoute({ body: createTeamTokenSchema, status: 201 }, ({ actor, params, body }) =>
  createTeamToken(actor, params.id, body),
);
