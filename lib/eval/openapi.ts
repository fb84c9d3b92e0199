// The evaluation part of the admin API's OpenAPI document (lib/api/openapi.ts): component schemas
// and paths of /judges, /datasets, /evaluations and /evaluation-rules.

import type { z } from "zod";
import {
  addDatasetItemsSchema,
  createDatasetSchema,
  createJudgeSchema,
  createRuleSchema,
  createRunSchema,
  importDatasetSchema,
  tryJudgeSchema,
  updateDatasetItemSchema,
  updateDatasetSchema,
  updateJudgeSchema,
  updateRuleSchema,
} from "./schemas";
import {
  datasetItemPageSchema,
  datasetItemSchema,
  datasetSchema,
  importResultSchema,
  judgeSchema,
  ruleSchema,
  runComparisonSchema,
  runDetailSchema,
  runPageSchema,
  runResultsPageSchema,
  runSchema,
  tryJudgeResultSchema,
} from "./view-schemas";

export const EVAL_OPENAPI_SCHEMAS = {
  Judge: judgeSchema,
  CreateJudge: createJudgeSchema,
  UpdateJudge: updateJudgeSchema,
  TryJudge: tryJudgeSchema,
  TryJudgeResult: tryJudgeResultSchema,
  Dataset: datasetSchema,
  CreateDataset: createDatasetSchema,
  UpdateDataset: updateDatasetSchema,
  DatasetItem: datasetItemSchema,
  DatasetItemPage: datasetItemPageSchema,
  AddDatasetItems: addDatasetItemsSchema,
  UpdateDatasetItem: updateDatasetItemSchema,
  ImportDataset: importDatasetSchema,
  ImportResult: importResultSchema,
  EvaluationRun: runSchema,
  EvaluationRunDetail: runDetailSchema,
  EvaluationRunPage: runPageSchema,
  CreateEvaluationRun: createRunSchema,
  EvaluationResultsPage: runResultsPageSchema,
  EvaluationComparison: runComparisonSchema,
  EvaluationRule: ruleSchema,
  CreateEvaluationRule: createRuleSchema,
  UpdateEvaluationRule: updateRuleSchema,
} satisfies Record<string, z.ZodType>;

type Name = keyof typeof EVAL_OPENAPI_SCHEMAS | "Deleted";
interface EvalOp {
  summary: string;
  body?: Name;
  response: Name;
  list?: boolean;
  status?: number;
  mediaType?: string;
}
type PathFn = (tag: string, template: string, ops: Partial<Record<"get" | "post" | "patch" | "delete", EvalOp>>) => readonly [string, unknown];

export function evalPaths(path: PathFn): Array<readonly [string, unknown]> {
  return [
    path("Evaluation: judges", "/judges", {
      get: { summary: "List judges: built-in LLM judges, code scorers, custom judges", response: "Judge", list: true },
      post: { summary: "Create a custom LLM judge", body: "CreateJudge", response: "Judge", status: 201 },
    }),
    path("Evaluation: judges", "/judges/{id}", {
      get: { summary: "Get a judge (built-in / code scorer name, or custom judge id or name)", response: "Judge" },
      patch: { summary: "Change a custom judge (a new prompt or output bumps its version)", body: "UpdateJudge", response: "Judge" },
      delete: { summary: "Delete a custom judge no online rule uses", response: "Deleted" },
    }),
    path("Evaluation: judges", "/judges/{id}/try", {
      post: { summary: "Run a judge on one trace (nothing recorded)", body: "TryJudge", response: "TryJudgeResult" },
    }),
    path("Evaluation: datasets", "/datasets", {
      get: { summary: "List datasets", response: "Dataset", list: true },
      post: { summary: "Create a dataset (optionally from traceIds)", body: "CreateDataset", response: "Dataset", status: 201 },
    }),
    path("Evaluation: datasets", "/datasets/{id}", {
      get: { summary: "Get a dataset (by id or name)", response: "Dataset" },
      patch: { summary: "Rename or describe a dataset", body: "UpdateDataset", response: "Dataset" },
      delete: { summary: "Delete a dataset with its items", response: "Deleted" },
    }),
    path("Evaluation: datasets", "/datasets/{id}/items", {
      get: { summary: "List items (?limit=&cursor=)", response: "DatasetItemPage" },
      post: { summary: "Add items by hand or from traceIds", body: "AddDatasetItems", response: "DatasetItem", list: true, status: 201 },
    }),
    path("Evaluation: datasets", "/datasets/{id}/items/{itemId}", {
      patch: { summary: "Edit an item (e.g. its expectations)", body: "UpdateDatasetItem", response: "DatasetItem" },
      delete: { summary: "Delete an item", response: "Deleted" },
    }),
    path("Evaluation: datasets", "/datasets/{id}/import", {
      post: { summary: "Import JSONL or CSV items (all rows or none)", body: "ImportDataset", response: "ImportResult" },
    }),
    path("Evaluation: datasets", "/datasets/{id}/export", {
      get: { summary: "Export the items as JSONL", response: "ImportResult", mediaType: "application/x-ndjson" },
    }),
    path("Evaluation: runs", "/evaluations", {
      get: { summary: "List evaluation runs (?status=&limit=&cursor=)", response: "EvaluationRunPage" },
      post: { summary: "Start an evaluation run over traces or a dataset", body: "CreateEvaluationRun", response: "EvaluationRunDetail", status: 201 },
    }),
    path("Evaluation: runs", "/evaluations/{id}", {
      get: { summary: "Get a run with progress and per-judge aggregates", response: "EvaluationRunDetail" },
      delete: { summary: "Delete a run with its scores", response: "Deleted" },
    }),
    path("Evaluation: runs", "/evaluations/{id}/results", {
      get: { summary: "A run's items with each judge's verdict (?status=&judge=&label=&limit=&cursor=)", response: "EvaluationResultsPage" },
    }),
    path("Evaluation: runs", "/evaluations/{id}/cancel", {
      post: { summary: "Cancel a queued or running run", response: "EvaluationRun" },
    }),
    path("Evaluation: runs", "/evaluations/compare", {
      get: { summary: "Compare two runs (?a=&b=): aggregates and changed verdicts", response: "EvaluationComparison" },
    }),
    path("Evaluation: online rules", "/evaluation-rules", {
      get: { summary: "List online evaluation rules", response: "EvaluationRule", list: true },
      post: { summary: "Create an online evaluation rule", body: "CreateEvaluationRule", response: "EvaluationRule", status: 201 },
    }),
    path("Evaluation: online rules", "/evaluation-rules/{id}", {
      get: { summary: "Get an online evaluation rule", response: "EvaluationRule" },
      patch: { summary: "Change a rule; paused: false resumes a paused rule", body: "UpdateEvaluationRule", response: "EvaluationRule" },
      delete: { summary: "Delete a rule (its scores stay)", response: "Deleted" },
    }),
  ];
}
