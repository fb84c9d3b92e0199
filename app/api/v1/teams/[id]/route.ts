import { apiRoute } from "@/lib/api/route";
import { updateTeamSchema } from "@/lib/teams/schemas";
import { deleteTeam, getTeam, updateTeam } from "@/lib/teams/service";

export const GET = apiRoute({}, ({ actor, params }) => getTeam(actor, params.id));
export const PATCH = apiRoute({ body: updateTeamSchema }, ({ actor, params, body }) => updateTeam(actor, params.id, body));
export const DELETE = apiRoute({}, ({ actor, params }) => deleteTeam(actor, params.id));
