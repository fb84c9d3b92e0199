import type { Metadata } from "next";
import { Card, CardBody } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { listEndpoints } from "@/lib/endpoints/service";
import { listDatasets } from "@/lib/eval/dataset-service";
import { listJudges } from "@/lib/eval/judge-service";
import { previousJudgeEndpoint } from "@/lib/eval/run-form";
import { listRuns } from "@/lib/eval/run-service";
import { filtersFromSearchParams } from "@/lib/tracing/schemas";
import { createRunAction } from "../actions";
import { RunForm } from "../run-form";

export const metadata: Metadata = { title: "New evaluation run" };

export default async function NewRunPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const actor = actorOf(await requireAdmin());
  const [datasets, judges, endpoints, runs] = await Promise.all([listDatasets(actor), listJudges(actor), listEndpoints(actor), listRuns(actor, { limit: 20 })]);
  const chatEndpoints = endpoints.filter((e) => e.kind === "chat").map((e) => e.name);
  const { limit: _limit, cursor: _cursor, ...filter } = filtersFromSearchParams(sp);
  const dataset = typeof sp.dataset === "string" ? sp.dataset : undefined;
  return (
    <>
      <PageHeader
        title="New evaluation run"
        description="Judge a dataset or a sample of recorded traces. The run continues in the background; its page shows the progress."
        back={{ href: "/evaluations", label: "Runs" }}
      />
      <Card>
        <CardBody className="py-6">
          <RunForm
            action={createRunAction}
            datasets={datasets.map(({ id, name, itemCount }) => ({ id, name, itemCount }))}
            judges={judges.map(({ id, kind, name, description, requires }) => ({ id, kind, name, description, requires }))}
            endpoints={chatEndpoints}
            previousJudgeEndpoint={previousJudgeEndpoint(runs.data, chatEndpoints)}
            initialDataset={dataset}
            initialFilter={Object.keys(filter).length || sp.source === "traces" ? filter : undefined}
          />
        </CardBody>
      </Card>
    </>
  );
}
