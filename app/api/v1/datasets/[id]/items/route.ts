import { apiRoute } from "@/lib/api/route";
import { addDatasetItems, listDatasetItems } from "@/lib/eval/dataset-service";
import { addDatasetItemsSchema, listDatasetItemsQuerySchema } from "@/lib/eval/schemas";

export const GET = apiRoute({ query: listDatasetItemsQuerySchema }, ({ actor, params, query }) => listDatasetItems(actor, params.id, query));
export const POST = apiRoute({ body: addDatasetItemsSchema, status: 201 }, ({ actor, params, body }) => addDatasetItems(actor, params.id, body));
