import Link from "next/link";
import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { Card, CardBody, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { Field } from "@/components/field";
import { formatDateTime } from "@/components/format";
import { FormMessage } from "@/components/form-message";
import { Input } from "@/components/input";
import { PageHeader } from "@/components/page-header";
import { SubmitButton } from "@/components/submit-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { listDatasets } from "@/lib/eval/dataset-service";
import { createDatasetAction } from "./actions";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  const actor = actorOf(await requireAdmin());
  const datasets = await listDatasets(actor);
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Fixed sets of inputs, outputs and expectations to evaluate again and again. Build them from traces in the trace explorer, by hand or from a JSONL / CSV file."
      />
      <div className="space-y-6">
        <Card>
          {datasets.length === 0 ? (
            <EmptyState title="No datasets yet">
              Create an empty one below, or select traces in the{" "}
              <Link className="text-tremor-brand hover:underline" href="/traces">
                trace explorer
              </Link>{" "}
              and add them to a new dataset.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <TH>Name</TH>
                <TH>Description</TH>
                <TH className="text-right">Items</TH>
                <TH>Updated</TH>
              </THead>
              <TBody>
                {datasets.map((d) => (
                  <TR key={d.id}>
                    <TD className="font-medium">
                      <Link href={`/datasets/${d.id}`} className="text-tremor-brand hover:underline">
                        {d.name}
                      </Link>
                    </TD>
                    <TD className="text-tremor-content">{d.description ?? "—"}</TD>
                    <TD className="text-right tabular-nums">{d.itemCount}</TD>
                    <TD className="whitespace-nowrap text-tremor-label">{formatDateTime(d.updatedAt)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader title="New dataset" description="Starts empty; add items by hand or import a file on its page." />
          <CardBody>
            <ActionForm action={createDatasetAction} className="space-y-4">
              <FormMessage />
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Dataset name" name="name">
                  <Input id="name" name="name" placeholder="support-golden-set" autoComplete="off" />
                </Field>
                <Field label="Description" name="description">
                  <Input id="description" name="description" placeholder="Optional" />
                </Field>
              </div>
              <SubmitButton pendingLabel="Creating…">Create dataset</SubmitButton>
            </ActionForm>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
