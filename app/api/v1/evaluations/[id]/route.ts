import { apiRoute } from "@/lib/api/route";
import { deleteRun, getRun } from "@/lib/eval/run-service";

export const GET = apiRoute({}, ({ actor, params }) => getRun(actor, params.id));
export const DELETE = apiRoute({}, ({ actor, params }) => deleteRun(actor, params.id));
