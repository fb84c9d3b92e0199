import { apiRoute } from "@/lib/api/route";
import { compareRuns } from "@/lib/eval/run-service";
import { compareQuerySchema } from "@/lib/eval/schemas";

// ?a=<run id>&b=<run id>
export const GET = apiRoute({ query: compareQuerySchema }, ({ actor, query }) => compareRuns(actor, query.a, query.b));
