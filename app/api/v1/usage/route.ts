import { apiRoute } from "@/lib/api/route";
import { queryInput } from "@/lib/api/query";
import { getUsageDashboard } from "@/lib/usage/queries";

// ?range=1h|24h|7d|30d or from=&to=, plus endpoint=&team=&provider=&model=&caller=&excludeCaller=
export const GET = apiRoute({}, ({ actor, req }) => getUsageDashboard(actor, queryInput(new URL(req.url).searchParams)));
