import { apiRoute, listOf } from "@/lib/api/route";
import { createTeamSchema } from "@/lib/teams/schemas";
import { createTeam, listTeams } from "@/lib/teams/service";

export const GET = apiRoute({}, ({ actor }) => listOf(listTeams(actor)));
export const POST = apiRoute({ body: createTeamSchema, status: 201 }, ({ actor, body }) => createTeam(actor, body));
