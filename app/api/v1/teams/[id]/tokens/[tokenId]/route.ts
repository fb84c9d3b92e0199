import { apiRoute } from "@/lib/api/route";
import { getTeamToken, revokeTeamToken } from "@/lib/teams/tokens";

export const GET = apiRoute({}, ({ actor, params }) => getTeamToken(actor, params.id, params.tokenId));
/** Revokes the token (it stays listed, with revokedAt set). */
export const DELETE = apiRoute({}, ({ actor, params }) => revokeTeamToken(actor, params.id, params.tokenId));
