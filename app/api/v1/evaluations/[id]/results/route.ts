import { apiRoute } from "@/lib/api/route";
import { getRunResults } from "@/lib/eval/run-service";
import { runResultsQuerySchema } from "@/lib/eval/schemas";

// ?status=&judge=&label=&limit=&cursor=
export const GET = apiRoute({ query: runResultsQuerySchema }, ({ actor, params, query }) => getRunResults(actor, params.id, query));
