import { apiRoute, listOf } from "@/lib/api/route";
import { createAdminToken, listAdminTokens } from "@/lib/auth/admin-tokens";
import { createAdminTokenSchema } from "@/lib/auth/token-schemas";

export const GET = apiRoute({}, ({ actor }) => listOf(listAdminTokens(actor)));
export const POST = apiRoute({ body: createAdminTokenSchema, status: 201 }, ({ actor, body }) =>
  createAdminToken(actor, body),
);
