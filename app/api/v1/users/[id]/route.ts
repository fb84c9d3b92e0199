import { apiRoute } from "@/lib/api/route";
import { parseCookies, setCookieHeader } from "@/lib/auth/session-cookie";
import { updateUserSchema } from "@/lib/users/schemas";
import { deleteUser, getUser } from "@/lib/users/service";
import { updateUserKeepingSession } from "@/lib/users/update-keeping-session";

export const GET = apiRoute({}, ({ actor, params }) => getUser(actor, params.id));
// Called with the console session cookie by its own user changing their password: that session
// stays signed in with a re-issued cookie (the user's other sessions end).
export const PATCH = apiRoute({ body: updateUserSchema }, async ({ req, actor, params, body }) => {
  const cookies = parseCookies(req.headers.get("cookie"));
  const { user, sessionCookie } = await updateUserKeepingSession(actor, params.id, body, cookies);
  if (!sessionCookie) return user;
  return Response.json(user, { headers: { "cache-control": "no-store", "set-cookie": setCookieHeader(sessionCookie) } });
});
export const DELETE = apiRoute({}, ({ actor, params }) => deleteUser(actor, params.id));
