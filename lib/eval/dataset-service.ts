// Datasets and their items: create (optionally from traces), add items by hand or from traces,
// edit expectations, import JSONL / CSV (all rows or none), export JSONL. Admins only: items hold
// copies of trace payloads from every team.

import { DbNull } from "@prisma/client/runtime/client";
import { ApiError, conflict, invalidField, notFound } from "../api/errors";
import { requireAdmin } from "../auth/authorize";
import type { Actor } from "../auth/actor";
import { getDb, type Db } from "../db";
import type { Prisma } from "../db/generated/sqlite/client";
import { parseDatasetFile, toJsonl, type ParsedItem } from "./dataset-io";
import {
  addDatasetItemsSchema,
  createDatasetSchema,
  importDatasetSchema,
  updateDatasetItemSchema,
  updateDatasetSchema,
  type AddDatasetItemsInput,
  type CreateDatasetInput,
  type ImportDatasetInput,
  type UpdateDatasetInput,
  type UpdateDatasetItemInput,
} from "./schemas";
import { inputsFromRequest, outputsFromResponse } from "./subject";
import type { DatasetItemPage, DatasetItemView, DatasetView } from "./view-schemas";

type DatasetRow = { id: string; name: string; description: string | null; createdAt: Date; updatedAt: Date; _count: { items: number } };
type ItemRow = {
  id: string;
  datasetId: string;
  inputs: unknown;
  outputs: unknown;
  expectations: unknown;
  sourceTraceId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const WITH_COUNT = { _count: { select: { items: true } } } as const;

function datasetView(row: DatasetRow): DatasetView {
  const { _count, ...rest } = row;
  return { ...rest, itemCount: _count.items };
}

export function itemView(row: ItemRow): DatasetItemView {
  return {
    id: row.id,
    datasetId: row.datasetId,
    inputs: row.inputs,
    outputs: row.outputs ?? null,
    expectations: (row.expectations ?? null) as Record<string, unknown> | null,
    sourceTraceId: row.sourceTraceId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const json = (v: unknown) => (v === null || v === undefined ? DbNull : (v as Prisma.InputJsonValue));

function itemData(datasetId: string, item: ParsedItem): Prisma.DatasetItemCreateManyInput {
  return {
    datasetId,
    inputs: item.inputs as Prisma.InputJsonValue,
    outputs: json(item.outputs),
    expectations: json(item.expectations),
    sourceTraceId: item.sourceTraceId ?? null,
  };
}

async function findDataset(db: Db, idOrName: string): Promise<DatasetRow> {
  const row = await db.dataset.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] }, include: WITH_COUNT });
  if (!row) throw notFound(`Dataset '${idOrName}' not found.`);
  return row;
}

/** Items copied from traces: inputs = the request's messages, outputs = the assistant's answer
 * (every wire format: OpenAI chat / Responses, Anthropic, Gemini). */
export async function itemsFromTraces(db: Db, traceIds: string[], param = "traceIds"): Promise<ParsedItem[]> {
  const unique = [...new Set(traceIds)];
  const rows = await db.trace.findMany({
    where: { id: { in: unique } },
    select: { id: true, operation: true, requestPayload: true, responsePayload: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.map((id, i) => {
    const row = byId.get(id);
    if (!row) throw invalidField(`${param}.${i}`, `Trace '${id}' not found.`, "unknown_trace");
    if (row.requestPayload === null) {
      throw invalidField(`${param}.${i}`, `Trace '${id}' has no captured request (payload capture is off for its endpoint).`, "no_payload");
    }
    const parse = (text: string | null) => {
      if (text === null) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    };
    return {
      inputs: inputsFromRequest(parse(row.requestPayload), row.operation) as ParsedItem["inputs"],
      outputs: outputsFromResponse(parse(row.responsePayload)) as ParsedItem["outputs"],
      expectations: null,
      sourceTraceId: id,
    };
  });
}

async function insertItems(tx: Prisma.TransactionClient, datasetId: string, items: ParsedItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += 500) {
    await tx.datasetItem.createMany({ data: items.slice(i, i + 500).map((item) => itemData(datasetId, item)) });
  }
  await tx.dataset.update({ where: { id: datasetId }, data: { updatedAt: new Date() } });
}

export async function listDatasets(actor: Actor, db: Db = getDb()): Promise<DatasetView[]> {
  requireAdmin(actor, "see datasets");
  const rows = await db.dataset.findMany({ orderBy: { name: "asc" }, include: WITH_COUNT });
  return rows.map(datasetView);
}

export async function getDataset(actor: Actor, idOrName: string, db: Db = getDb()): Promise<DatasetView> {
  requireAdmin(actor, "see datasets");
  return datasetView(await findDataset(db, idOrName));
}

/** 409 on `name` when a dataset has the name (the console's create forms check it alongside the
 * schema; the insert itself is guarded by the unique index). */
export async function assertDatasetNameFree(actor: Actor, name: unknown, db: Db = getDb()): Promise<void> {
  requireAdmin(actor, "create datasets");
  if (typeof name !== "string" || name === "") return;
  if (await db.dataset.findUnique({ where: { name }, select: { id: true } })) {
    throw conflict(`A dataset named '${name}' already exists.`, "already_exists", "name");
  }
}

export async function createDataset(actor: Actor, input: CreateDatasetInput, db: Db = getDb()): Promise<DatasetView> {
  requireAdmin(actor, "create datasets");
  const data = createDatasetSchema.parse(input);
  const items = data.traceIds ? await itemsFromTraces(db, data.traceIds) : [];
  const id = await db.$transaction(async (tx) => {
    const created = await tx.dataset.create({ data: { name: data.name, description: data.description ?? null } });
    if (items.length) await insertItems(tx, created.id, items);
    return created.id;
  });
  return datasetView(await findDataset(db, id));
}

export async function updateDataset(actor: Actor, idOrName: string, input: UpdateDatasetInput, db: Db = getDb()): Promise<DatasetView> {
  requireAdmin(actor, "change datasets");
  const patch = updateDatasetSchema.parse(input);
  const row = await findDataset(db, idOrName);
  await db.dataset.update({ where: { id: row.id }, data: patch });
  return datasetView(await findDataset(db, row.id));
}

export async function deleteDataset(actor: Actor, idOrName: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "delete datasets");
  const row = await findDataset(db, idOrName);
  await db.dataset.delete({ where: { id: row.id } });
  return { id: row.id, deleted: true };
}

/** Items in insertion order; `cursor` = the last item id of the previous page. */
export async function listDatasetItems(
  actor: Actor,
  idOrName: string,
  page: { limit?: number; cursor?: string } = {},
  db: Db = getDb(),
): Promise<DatasetItemPage> {
  requireAdmin(actor, "see datasets");
  const dataset = await findDataset(db, idOrName);
  const limit = Math.min(Math.max(page.limit ?? 100, 1), 1000);
  const rows = await db.datasetItem.findMany({
    where: { datasetId: dataset.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const data = rows.slice(0, limit).map(itemView);
  return { data, nextCursor: rows.length > limit ? data[data.length - 1].id : null };
}

export async function addDatasetItems(
  actor: Actor,
  idOrName: string,
  input: AddDatasetItemsInput,
  db: Db = getDb(),
): Promise<{ data: DatasetItemView[] }> {
  requireAdmin(actor, "change datasets");
  const data = addDatasetItemsSchema.parse(input);
  const dataset = await findDataset(db, idOrName);
  const items = data.traceIds ? await itemsFromTraces(db, data.traceIds) : (data.items ?? []);
  const created = await db.$transaction(async (tx) => {
    const out: ItemRow[] = [];
    // One by one to return the new ids in order (createManyAndReturn is not portable here).
    for (const item of items) out.push(await tx.datasetItem.create({ data: itemData(dataset.id, item) }));
    await tx.dataset.update({ where: { id: dataset.id }, data: { updatedAt: new Date() } });
    return out;
  });
  return { data: created.map(itemView) };
}

async function findItem(db: Db, datasetIdOrName: string, itemId: string): Promise<ItemRow> {
  const dataset = await findDataset(db, datasetIdOrName);
  const row = await db.datasetItem.findFirst({ where: { id: itemId, datasetId: dataset.id } });
  if (!row) throw notFound(`Item '${itemId}' not found in dataset '${dataset.name}'.`);
  return row;
}

export async function getDatasetItem(actor: Actor, idOrName: string, itemId: string, db: Db = getDb()): Promise<DatasetItemView> {
  requireAdmin(actor, "see datasets");
  return itemView(await findItem(db, idOrName, itemId));
}

export async function updateDatasetItem(
  actor: Actor,
  idOrName: string,
  itemId: string,
  input: UpdateDatasetItemInput,
  db: Db = getDb(),
): Promise<DatasetItemView> {
  requireAdmin(actor, "change datasets");
  const patch = updateDatasetItemSchema.parse(input);
  const row = await findItem(db, idOrName, itemId);
  const updated = await db.datasetItem.update({
    where: { id: row.id },
    data: {
      ...(patch.inputs !== undefined ? { inputs: patch.inputs as Prisma.InputJsonValue } : {}),
      ...(patch.outputs !== undefined ? { outputs: json(patch.outputs) } : {}),
      ...(patch.expectations !== undefined ? { expectations: json(patch.expectations) } : {}),
    },
  });
  return itemView(updated);
}

export async function deleteDatasetItem(actor: Actor, idOrName: string, itemId: string, db: Db = getDb()): Promise<{ id: string; deleted: true }> {
  requireAdmin(actor, "change datasets");
  const row = await findItem(db, idOrName, itemId);
  await db.datasetItem.delete({ where: { id: row.id } });
  return { id: row.id, deleted: true };
}

const MAX_REPORTED_ROW_ERRORS = 20;

/** Imports every row, or none when any row is invalid (422 listing the rows with line numbers). */
export async function importDatasetItems(
  actor: Actor,
  idOrName: string,
  input: ImportDatasetInput,
  db: Db = getDb(),
): Promise<{ imported: number }> {
  requireAdmin(actor, "change datasets");
  const data = importDatasetSchema.parse(input);
  const dataset = await findDataset(db, idOrName);
  const { items, errors } = parseDatasetFile(data.format, data.content);
  if (errors.length) {
    const shown = errors.slice(0, MAX_REPORTED_ROW_ERRORS).map((e) => `line ${e.line}: ${e.message}`);
    const more = errors.length > shown.length ? `; … and ${errors.length - shown.length} more` : "";
    throw new ApiError(
      422,
      `${errors.length} invalid row(s), nothing imported: ${shown.join("; ")}${more}`,
      "invalid_request_error",
      "invalid_rows",
      "content",
    );
  }
  await db.$transaction((tx) => insertItems(tx, dataset.id, items), { timeout: 60_000 });
  return { imported: items.length };
}

/** The dataset as JSONL (the import format), in insertion order. */
export async function exportDataset(actor: Actor, idOrName: string, db: Db = getDb()): Promise<{ name: string; jsonl: string }> {
  requireAdmin(actor, "export datasets");
  const dataset = await findDataset(db, idOrName);
  const rows = await db.datasetItem.findMany({
    where: { datasetId: dataset.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { inputs: true, outputs: true, expectations: true, sourceTraceId: true },
  });
  return { name: dataset.name, jsonl: toJsonl(rows) };
}
