import { apiRoute } from "@/lib/api/route";
import { deletePrice, getPrice, updatePrice } from "@/lib/usage/price-service";
import { updatePriceSchema } from "@/lib/usage/schemas";

export const GET = apiRoute({}, ({ actor, params }) => getPrice(actor, params.id));
export const PATCH = apiRoute({ body: updatePriceSchema }, ({ actor, params, body }) => updatePrice(actor, params.id, body));
export const DELETE = apiRoute({}, ({ actor, params }) => deletePrice(actor, params.id));
