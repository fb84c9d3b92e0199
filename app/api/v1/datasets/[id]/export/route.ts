import { apiRoute } from "@/lib/api/route";
import { exportDataset } from "@/lib/eval/dataset-service";

export const GET = apiRoute({}, async ({ actor, params }) => {
  const { name, jsonl } = await exportDataset(actor, params.id);
  const file = `${name.replace(/[^A-Za-z0-9._-]+/g, "_") || "dataset"}.jsonl`;
  return new Response(jsonl, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" },
  });
});
