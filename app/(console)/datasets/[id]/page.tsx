import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { ButtonLink, buttonClass } from "@/components/button";
import { Card, CardBody, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { getDataset, listDatasetItems } from "@/lib/eval/dataset-service";
import { addDatasetItemAction, deleteDatasetAction, deleteDatasetItemAction, importDatasetAction, updateDatasetItemAction } from "../actions";
import { AddItemForm } from "./add-item-form";
import { ImportForm } from "./import-form";
import { ItemEditor } from "./item-editor";

export const metadata: Metadata = { title: "Dataset" };

const PAGE = 200;

export default async function DatasetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ after?: string; from?: string }>;
}) {
  const { id } = await params;
  const { after, from } = await searchParams;
  // Items are paged by cursor; `from` carries the number of the first item on this page.
  const offset = after && /^\d{1,9}$/.test(from ?? "") ? Number(from) : 0;
  const actor = actorOf(await requireAdmin());
  const dataset = await orNotFound(getDataset(actor, id));
  const items = await listDatasetItems(actor, dataset.id, { limit: PAGE, cursor: after });
  return (
    <>
      <PageHeader
        title={dataset.name}
        description={dataset.description ?? `${dataset.itemCount} item(s)`}
        back={{ href: "/datasets", label: "Datasets" }}
        actions={
          <>
            <ButtonLink href={`/evaluations/new?dataset=${dataset.id}`}>Evaluate</ButtonLink>
            <a href={`/datasets/${dataset.id}/export`} className={buttonClass("secondary")} download>
              Export JSONL
            </a>
            <ActionButton
              action={deleteDatasetAction.bind(null, dataset.id)}
              confirm={`Delete dataset '${dataset.name}' and its ${dataset.itemCount} item(s)?`}
              pendingLabel="Deleting…"
            >
              Delete dataset
            </ActionButton>
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title={`Items (${dataset.itemCount})`} description="Inputs and outputs as judged; add expectations for judges such as correctness." />
          {items.data.length === 0 ? (
            <EmptyState title="No items yet">Add one below, import a file, or add traces from the trace explorer.</EmptyState>
          ) : (
            <ul className="divide-y divide-tremor-border">
              {items.data.map((item, i) => (
                <ItemEditor
                  key={item.id}
                  index={offset + i}
                  item={{ id: item.id, inputs: item.inputs, outputs: item.outputs, expectations: item.expectations, sourceTraceId: item.sourceTraceId }}
                  updateAction={updateDatasetItemAction.bind(null, dataset.id, item.id)}
                  deleteAction={deleteDatasetItemAction.bind(null, dataset.id, item.id)}
                />
              ))}
            </ul>
          )}
          {items.nextCursor || after ? (
            <CardBody className="flex gap-2 border-t border-tremor-border">
              {after ? (
                <ButtonLink variant="secondary" size="sm" href={`/datasets/${dataset.id}`}>
                  ← First items
                </ButtonLink>
              ) : null}
              {items.nextCursor ? (
                <ButtonLink
                  variant="secondary"
                  size="sm"
                  href={`/datasets/${dataset.id}?after=${items.nextCursor}&from=${offset + items.data.length}`}
                >
                  Next {PAGE} items →
                </ButtonLink>
              ) : null}
            </CardBody>
          ) : null}
        </Card>
        <Card>
          <CardHeader title="Add an item" />
          <CardBody>
            <AddItemForm action={addDatasetItemAction.bind(null, dataset.id)} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Import" description="JSONL or CSV. Every row is checked first: all rows are imported, or none." />
          <CardBody>
            <ImportForm action={importDatasetAction.bind(null, dataset.id)} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
