import { apiRoute } from "@/lib/api/route";
import { importDatasetItems } from "@/lib/eval/dataset-service";
import { importDatasetSchema } from "@/lib/eval/schemas";

// { format: "jsonl" | "csv", content }: all rows or none.
export const POST = apiRoute({ body: importDatasetSchema }, ({ actor, params, body }) => importDatasetItems(actor, params.id, body));
