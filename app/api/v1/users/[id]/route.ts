import { apiRoute } from "@/lib/api/route";
import { updateUserSchema } from "@/lib/users/schemas";
import { deleteUser, getUser, updateUser } from "@/lib/users/service";

export const GET = apiRoute({}, ({ actor, params }) => getUser(actor, params.id));
export const PATCH = apiRoute({ body: updateUserSchema }, ({ actor, params, body }) => updateUser(actor, params.id, body));
export const DELETE = apiRoute({}, ({ actor, params }) => deleteUser(actor, params.id));
