import { apiRoute } from "@/lib/api/route";
import { getAdminToken, revokeAdminToken, updateAdminToken } from "@/lib/auth/admin-tokens";
import { updateAdminTokenSchema } from "@/lib/auth/token-schemas";

export const GET = apiRoute({}, ({ actor, params }) => getAdminToken(actor, params.id));
export const PATCH = apiRoute({ body: updateAdminTokenSchema }, ({ actor, params, body }) => updateAdminToken(actor, params.id, body));
/** Revokes the token (it stays listed, with revokedAt set). */
export const DELETE = apiRoute({}, ({ actor, params }) => revokeAdminToken(actor, params.id));
