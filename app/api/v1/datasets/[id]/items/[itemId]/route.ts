import { apiRoute } from "@/lib/api/route";
import { deleteDatasetItem, getDatasetItem, updateDatasetItem } from "@/lib/eval/dataset-service";
import { updateDatasetItemSchema } from "@/lib/eval/schemas";

export const GET = apiRoute({}, ({ actor, params }) => getDatasetItem(actor, params.id, params.itemId));
export const PATCH = apiRoute({ body: updateDatasetItemSchema }, ({ actor, params, body }) =>
  updateDatasetItem(actor, params.id, params.itemId, body),
);
export const DELETE = apiRoute({}, ({ actor, params }) => deleteDatasetItem(actor, params.id, params.itemId));
