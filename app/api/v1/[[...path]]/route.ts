// Any /api/v1 path no other route matches (Next prefers every static and dynamic route over this
// optional catch-all): the API's JSON 404, for every method, instead of Next's HTML page.
import { unknownApiRoute } from "@/lib/api/route";

export const GET = unknownApiRoute;
export const HEAD = unknownApiRoute;
export const POST = unknownApiRoute;
export const PUT = unknownApiRoute;
export const PATCH = unknownApiRoute;
export const DELETE = unknownApiRoute;
export const OPTIONS = unknownApiRoute;
