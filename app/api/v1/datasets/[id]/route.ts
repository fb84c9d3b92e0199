import { apiRoute } from "@/lib/api/route";
import { deleteDataset, getDataset, updateDataset } from "@/lib/eval/dataset-service";
import { updateDatasetSchema } from "@/lib/eval/schemas";

export const GET = apiRoute({}, ({ actor, params }) => getDataset(actor, params.id));
export const PATCH = apiRoute({ body: updateDatasetSchema }, ({ actor, params, body }) => updateDataset(actor, params.id, body));
export const DELETE = apiRoute({}, ({ actor, params }) => deleteDataset(actor, params.id));
