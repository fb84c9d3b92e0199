import { apiRoute } from "@/lib/api/route";
import { deleteJudge, getJudge, updateJudge } from "@/lib/eval/judge-service";
import { updateJudgeSchema } from "@/lib/eval/schemas";

export const GET = apiRoute({}, ({ actor, params }) => getJudge(actor, params.id));
export const PATCH = apiRoute({ body: updateJudgeSchema }, ({ actor, params, body }) => updateJudge(actor, params.id, body));
export const DELETE = apiRoute({}, ({ actor, params }) => deleteJudge(actor, params.id));
