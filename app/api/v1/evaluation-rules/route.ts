import { apiRoute, listOf } from "@/lib/api/route";
import { createRule, listRules } from "@/lib/eval/rule-service";
import { createRuleSchema } from "@/lib/eval/schemas";

export const GET = apiRoute({}, ({ actor }) => listOf(listRules(actor)));
export const POST = apiRoute({ body: createRuleSchema, status: 201 }, ({ actor, body }) => createRule(actor, body));
