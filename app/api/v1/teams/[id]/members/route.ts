import { apiRoute, listOf } from "@/lib/api/route";
import { addMemberSchema } from "@/lib/teams/schemas";
import { addMember, listMembers } from "@/lib/teams/service";

export const GET = apiRoute({}, ({ actor, params }) => listOf(listMembers(actor, params.id)));
export const POST = apiRoute({ body: addMemberSchema, status: 201 }, ({ actor, params, body }) =>
  addMember(actor, params.id, body),
);
