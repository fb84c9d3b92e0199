import { apiRoute, listOf } from "@/lib/api/route";
import { createJudge, listJudges } from "@/lib/eval/judge-service";
import { createJudgeSchema } from "@/lib/eval/schemas";

export const GET = apiRoute({}, ({ actor }) => listOf(listJudges(actor)));
export const POST = apiRoute({ body: createJudgeSchema, status: 201 }, ({ actor, body }) => createJudge(actor, body));
