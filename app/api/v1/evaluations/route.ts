import { apiRoute } from "@/lib/api/route";
import { createRun, listRuns } from "@/lib/eval/run-service";
import { createRunSchema, listRunsQuerySchema } from "@/lib/eval/schemas";

export const GET = apiRoute({ query: listRunsQuerySchema }, ({ actor, query }) => listRuns(actor, query));
export const POST = apiRoute({ body: createRunSchema, status: 201 }, ({ actor, body }) => createRun(actor, body));
