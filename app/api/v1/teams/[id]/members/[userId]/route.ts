import { apiRoute } from "@/lib/api/route";
import { getMember, removeMember } from "@/lib/teams/service";

export const GET = apiRoute({}, ({ actor, params }) => getMember(actor, params.id, params.userId));
export const DELETE = apiRoute({}, ({ actor, params }) => removeMember(actor, params.id, params.userId));
