// The admin API's OpenAPI 3.1 document (public: it describes the API, it grants nothing).
import { errorResponse } from "@/lib/api/errors";
import { openApiDocument } from "@/lib/api/openapi";

export function GET(): Response {
  try {
    return Response.json(openApiDocument());
  } catch (err) {
    return errorResponse(err);
  }
}
