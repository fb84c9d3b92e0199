import { apiRoute, listOf } from "@/lib/api/route";
import { createDataset, listDatasets } from "@/lib/eval/dataset-service";
import { createDatasetSchema } from "@/lib/eval/schemas";

export const GET = apiRoute({}, ({ actor }) => listOf(listDatasets(actor)));
// { name, description?, traceIds? }: traceIds copies those traces in as items.
export const POST = apiRoute({ body: createDatasetSchema, status: 201 }, ({ actor, body }) => createDataset(actor, body));
