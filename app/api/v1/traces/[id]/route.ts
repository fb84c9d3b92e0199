import { apiRoute } from "@/lib/api/route";
import { getTrace } from "@/lib/tracing/queries";

export const GET = apiRoute({}, ({ actor, params }) => getTrace(actor, params.id));
