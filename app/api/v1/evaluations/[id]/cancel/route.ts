import { apiRoute } from "@/lib/api/route";
import { cancelRun } from "@/lib/eval/run-service";

export const POST = apiRoute({}, ({ actor, params }) => cancelRun(actor, params.id));
