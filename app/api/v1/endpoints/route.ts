import { apiRoute, listOf } from "@/lib/api/route";
import { createEndpointSchema } from "@/lib/endpoints/schemas";
import { createEndpoint, listEndpoints } from "@/lib/endpoints/service";

export const GET = apiRoute({}, ({ actor }) => listOf(listEndpoints(actor)));
export const POST = apiRoute({ body: createEndpointSchema, status: 201 }, ({ actor, body }) => createEndpoint(actor, body));
