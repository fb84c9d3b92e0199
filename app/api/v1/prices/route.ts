import { apiRoute, listOf } from "@/lib/api/route";
import { createPrice, listPrices } from "@/lib/usage/price-service";
import { createPriceSchema } from "@/lib/usage/schemas";

export const GET = apiRoute({}, ({ actor }) => listOf(listPrices(actor)));
export const POST = apiRoute({ body: createPriceSchema, status: 201 }, ({ actor, body }) => createPrice(actor, body));
