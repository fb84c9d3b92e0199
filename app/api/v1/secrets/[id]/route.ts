import { apiRoute } from "@/lib/api/route";
import { updateSecretSchema } from "@/lib/secrets/schemas";
import { deleteSecret, getSecret, updateSecret } from "@/lib/secrets/service";

export const GET = apiRoute({}, ({ actor, params }) => getSecret(actor, params.id));
export const PATCH = apiRoute({ body: updateSecretSchema }, ({ actor, params, body }) => updateSecret(actor, params.id, body));
export const DELETE = apiRoute({}, ({ actor, params }) => deleteSecret(actor, params.id));
