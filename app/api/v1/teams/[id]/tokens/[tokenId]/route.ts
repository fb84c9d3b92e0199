import { apiRoute } from "@/lib/api/route";
import { updateTeamTokenSchema } from "@/lib/teams/schemas";
import { getTeamToken, revokeTeamToken, updateTeamToken } from "@/lib/teams/tokens";

export const GET = apiRoute({}, ({ actor, params }) => getTeamToken(actor, params.id, params.tokenId));
export const PATCH = apiRoute({ body: updateTeamTokenSchema }, ({ actor, params, body }) =>
  updateTeamToken(actor, params.id, params.tokenId, body),
);
/** Revokes the token (it stays listed, with revokedAt set). */
export const DELETE = apiRoute({}, ({ actor, params }) => revokeTeamToken(actor, params.id, params.tokenId));
