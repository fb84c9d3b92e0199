import { apiRoute, listOf } from "@/lib/api/route";
import { createUserSchema } from "@/lib/users/schemas";
import { createUser, listUsers } from "@/lib/users/service";

export const GET = apiRoute({}, ({ actor }) => listOf(listUsers(actor)));
export const POST = apiRoute({ body: createUserSchema, status: 201 }, ({ actor, body }) => createUser(actor, body));
