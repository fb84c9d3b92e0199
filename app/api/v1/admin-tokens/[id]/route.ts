import { apiRoute } from "@/lib/api/route";
import { getAdminToken, revokeAdminToken } from "@/lib/auth/admin-tokens";

export const GET = apiRoute({}, ({ actor, params }) => getAdminToken(actor, params.id));
/** Revokes the token (it stays listed, with revokedAt set). */
export const DELETE = apiRoute({}, ({ actor, params }) => revokeAdminToken(actor, params.id));
