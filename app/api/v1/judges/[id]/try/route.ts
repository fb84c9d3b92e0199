import { apiRoute } from "@/lib/api/route";
import { tryJudge } from "@/lib/eval/judge-service";
import { tryJudgeSchema } from "@/lib/eval/schemas";

export const POST = apiRoute({ body: tryJudgeSchema }, ({ actor, params, body }) => tryJudge(actor, params.id, body));
