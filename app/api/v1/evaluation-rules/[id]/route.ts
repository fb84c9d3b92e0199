import { apiRoute } from "@/lib/api/route";
import { deleteRule, getRule, updateRule } from "@/lib/eval/rule-service";
import { updateRuleSchema } from "@/lib/eval/schemas";

export const GET = apiRoute({}, ({ actor, params }) => getRule(actor, params.id));
// { paused: false } resumes a rule that paused itself.
export const PATCH = apiRoute({ body: updateRuleSchema }, ({ actor, params, body }) => updateRule(actor, params.id, body));
export const DELETE = apiRoute({}, ({ actor, params }) => deleteRule(actor, params.id));
