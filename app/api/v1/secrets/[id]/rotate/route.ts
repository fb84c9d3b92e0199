import { apiRoute } from "@/lib/api/route";
import { rotateSecretSchema } from "@/lib/secrets/schemas";
import { rotateSecret } from "@/lib/secrets/service";

export const POST = apiRoute({ body: rotateSecretSchema }, ({ actor, params, body }) => rotateSecret(actor, params.id, body));
