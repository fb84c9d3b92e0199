// `id` is an endpoint id or an endpoint name.
import { apiRoute } from "@/lib/api/route";
import { updateEndpointSchema } from "@/lib/endpoints/schemas";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/endpoints/service";

export const GET = apiRoute({}, ({ actor, params }) => getEndpoint(actor, params.id));
export const PATCH = apiRoute({ body: updateEndpointSchema }, ({ actor, params, body }) =>
  updateEndpoint(actor, params.id, body),
);
export const DELETE = apiRoute({}, ({ actor, params }) => deleteEndpoint(actor, params.id));
