import { apiRoute } from "@/lib/api/route";
import { removeMember } from "@/lib/teams/service";

export const DELETE = apiRoute({}, ({ actor, params }) => removeMember(actor, params.id, params.userId));
