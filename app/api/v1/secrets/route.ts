import { apiRoute, listOf } from "@/lib/api/route";
import { createSecretSchema } from "@/lib/secrets/schemas";
import { createSecret, listSecrets } from "@/lib/secrets/service";

export const GET = apiRoute({}, ({ actor }) => listOf(listSecrets(actor)));
export const POST = apiRoute({ body: createSecretSchema, status: 201 }, ({ actor, body }) => createSecret(actor, body));
