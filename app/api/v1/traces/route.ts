import { apiRoute } from "@/lib/api/route";
import { listTraces } from "@/lib/tracing/queries";
import { queryInput } from "@/lib/api/query";

// ?endpoint=&team=&provider=&model=&status=&from=&to=&range=&minLatencyMs=&caller=&excludeCaller=&q=&limit=&cursor=
export const GET = apiRoute({}, ({ actor, req }) => listTraces(actor, queryInput(new URL(req.url).searchParams)));
